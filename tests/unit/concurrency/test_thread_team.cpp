// The thread team (neml2::parallel_for): every block once, whatever the team size; the caller alone
// when asked, when nested and when the team is busy with another caller; exceptions carried back;
// thread counts read from the environment as OMP_NUM_THREADS is, with bad values named.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "neml2/base/error.h"
#include "neml2/tensors/thread_team.h"

using namespace neml2;

namespace
{
/// Sets the team size for one test and restores the default after it.
struct TeamSize
{
  explicit TeamSize(int n) { set_num_threads(n); }
  ~TeamSize() { set_num_threads(0); }
};

std::string
message_of(const std::function<void()> & f)
{
  try
  {
    f();
  }
  catch (const std::exception & e)
  {
    return e.what();
  }
  return "";
}
} // namespace

TEST(ThreadTeam, EveryBlockRunsExactlyOnce)
{
  for (int team : {1, 2, 4})
  {
    TeamSize size(team);
    for (std::int64_t n : {0, 1, 2, 7, 64, 1000})
    {
      std::vector<std::atomic<int>> runs(static_cast<std::size_t>(n));
      parallel_for(n, [&](std::int64_t b) { runs[static_cast<std::size_t>(b)].fetch_add(1); });
      for (std::int64_t b = 0; b < n; ++b)
        ASSERT_EQ(runs[static_cast<std::size_t>(b)].load(), 1) << "block " << b << " of " << n << ", team " << team;
    }
  }
}

TEST(ThreadTeam, ATeamOfOneRunsOnTheCallerInOrder)
{
  TeamSize size(1);
  std::vector<std::int64_t> order;
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  parallel_for(50, [&](std::int64_t b) {
    order.push_back(b);
    elsewhere |= std::this_thread::get_id() != caller;
  });
  EXPECT_FALSE(elsewhere);
  ASSERT_EQ(order.size(), 50u);
  for (std::int64_t b = 0; b < 50; ++b)
    EXPECT_EQ(order[static_cast<std::size_t>(b)], b);
}

TEST(ThreadTeam, WorkersTakeBlocksWhenTheyRun)
{
  TeamSize size(3);
  std::mutex m;
  std::set<std::thread::id> ran_on;
  // Blocks long enough (2 ms each) that the workers, woken at the start, get some.
  parallel_for(64, [&](std::int64_t) {
    {
      std::lock_guard lock(m);
      ran_on.insert(std::this_thread::get_id());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  });
  EXPECT_GE(ran_on.size(), 2u);
  EXPECT_LE(ran_on.size(), 3u);
}

TEST(ThreadTeam, NestedLoopsRunOnTheirCaller)
{
  TeamSize size(3);
  std::atomic<int> inner{0}, foreign{0};
  parallel_for(8, [&](std::int64_t) {
    const auto outer_thread = std::this_thread::get_id();
    parallel_for(10, [&](std::int64_t) {
      inner.fetch_add(1);
      if (std::this_thread::get_id() != outer_thread)
        foreign.fetch_add(1);
    });
  });
  EXPECT_EQ(inner.load(), 80);
  EXPECT_EQ(foreign.load(), 0);
}

TEST(ThreadTeam, ACallerNeverWaitsForAnotherCallersLoop)
{
  TeamSize size(3);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> holding;
  // Another thread's loop holds the team until this test releases it...
  auto other = std::async(std::launch::async, [&] {
    parallel_for(2, [&](std::int64_t b) {
      if (b == 0)
      {
        holding.set_value();
        released.wait();
      }
    });
  });
  holding.get_future().wait();
  // ...and this loop still completes (on its own thread, or with workers the other left free).
  std::atomic<int> ran{0};
  parallel_for(20, [&](std::int64_t) { ran.fetch_add(1); });
  EXPECT_EQ(ran.load(), 20);
  release.set_value();
  other.get();
}

TEST(ThreadTeam, TheFirstExceptionReachesTheCaller)
{
  for (int team : {1, 3})
  {
    TeamSize size(team);
    std::atomic<int> ran{0};
    EXPECT_EQ(message_of([&] {
                parallel_for(100, [&](std::int64_t b) {
                  ran.fetch_add(1);
                  if (b == 5)
                    throw std::runtime_error("block 5 failed");
                });
              }),
              "block 5 failed");
    EXPECT_GE(ran.load(), 6);
    // The team is usable afterwards.
    std::atomic<int> after{0};
    parallel_for(30, [&](std::int64_t) { after.fetch_add(1); });
    EXPECT_EQ(after.load(), 30);
  }
}

TEST(ThreadTeam, ThreadCountsFromTheEnvironment)
{
  EXPECT_EQ(thread_count_from_env("NEML2_NUM_THREADS", nullptr), std::nullopt);
  EXPECT_EQ(thread_count_from_env("NEML2_NUM_THREADS", ""), std::nullopt);
  EXPECT_EQ(thread_count_from_env("NEML2_NUM_THREADS", "3"), 3);
  EXPECT_EQ(thread_count_from_env("OMP_NUM_THREADS", "4,2"), 4); // the outermost level
  for (const char * bad : {"0", "-1", "two", "3 ", "1e3", "5000", "4,2"})
  {
    const auto msg = message_of([&] { thread_count_from_env("NEML2_NUM_THREADS", bad); });
    EXPECT_NE(msg.find(std::string("NEML2_NUM_THREADS='") + bad + "' is not a thread count"), std::string::npos)
        << bad << ": " << msg;
  }
  EXPECT_NE(message_of([] { set_num_threads(-2); }).find("thread count -2 is negative: give 1 to 4096"),
            std::string::npos);
  EXPECT_NE(message_of([] { set_num_threads(5000); }).find("thread count 5000 is too large"), std::string::npos);
  {
    TeamSize size(5);
    EXPECT_EQ(num_threads(), 5);
  }
  EXPECT_GE(num_threads(), 1);
}
