// The thread team: workers that join a loop when they get to run, and a caller that never waits for
// one that did not (see thread_team.h).
#include "neml2/tensors/thread_team.h"

#include <sched.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2
{
namespace
{
/// One parallel_for: lives on its caller's stack until every worker that joined it has left.
struct Loop
{
  const std::function<void(std::int64_t)> * body = nullptr;
  std::int64_t nblocks = 0;
  int max_workers = 0;               // workers allowed to join (the team may have more)
  std::atomic<std::int64_t> next{0}; // the next unclaimed block
  std::atomic<bool> stop{false};     // a block threw: claim no more
  std::atomic<int> joined{0};        // workers inside; changed under Team::mutex
  std::exception_ptr error;          // the first exception, under Team::mutex
};

/// Set on the team's workers and on a caller while it runs its loop: a parallel_for from there
/// runs serially (a nested loop) instead of waiting on the team it is part of.
thread_local bool inside_loop = false;

class Team
{
public:
  static Team & get()
  {
    // Never destroyed: workers may still be waiting when static destructors run at exit.
    static Team * team = new Team;
    return *team;
  }

  /// Runs `loop` with the caller and up to loop.max_workers workers; false if the team was busy
  /// with another caller's loop (the caller then runs it alone).
  bool run(Loop & loop)
  {
    {
      std::lock_guard lock(_mutex);
      if (_current)
        return false;
      try
      {
        while (static_cast<int>(_workers.size()) < loop.max_workers)
          _workers.emplace_back([this, index = static_cast<int>(_workers.size())] { work(index); });
      }
      catch (const std::system_error &)
      {
        // The system gave no more threads (a process or memory limit): go on with those there are.
        loop.max_workers = static_cast<int>(_workers.size());
      }
      _current = &loop;
      ++_generation;
      _published.store(_generation, std::memory_order_release);
      if (_sleeping > 0)
        _wake.notify_all();
    }
    take_blocks(loop);
    {
      std::lock_guard lock(_mutex);
      _current = nullptr; // no worker joins from now on
    }
    // A worker still inside is finishing its last block, mostly within microseconds: spin for it
    // first, since waking from the condition variable costs ten or more on a virtual machine,
    // as much as a small batch's whole block.
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(100);
    while (loop.joined.load(std::memory_order_acquire) != 0 && std::chrono::steady_clock::now() < spin_until)
      std::this_thread::yield();
    std::unique_lock lock(_mutex);
    _left.wait(lock, [&] { return loop.joined.load(std::memory_order_acquire) == 0; });
    return true;
  }

  static void take_blocks(Loop & loop)
  {
    const bool was_inside = inside_loop;
    inside_loop = true;
    while (!loop.stop.load(std::memory_order_relaxed))
    {
      const auto b = loop.next.fetch_add(1, std::memory_order_relaxed);
      if (b >= loop.nblocks)
        break;
      try
      {
        (*loop.body)(b);
      }
      catch (...)
      {
        loop.stop.store(true, std::memory_order_relaxed);
        std::lock_guard lock(get()._mutex);
        if (!loop.error)
          loop.error = std::current_exception();
      }
    }
    inside_loop = was_inside;
  }

private:
  Team() = default;

  void work(int index)
  {
    inside_loop = true;
    std::uint64_t seen = 0;
    for (;;)
    {
      // Calls often come back to back: spin a little before sleeping, so the next loop finds
      // this worker awake without a system call to wake it.
      const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(100);
      while (_published.load(std::memory_order_acquire) == seen && std::chrono::steady_clock::now() < spin_until)
        std::this_thread::yield();
      std::unique_lock lock(_mutex);
      ++_sleeping;
      _wake.wait(lock, [&] { return _generation != seen; });
      --_sleeping;
      seen = _generation;
      Loop * loop = _current;
      if (!loop || index >= loop->max_workers)
        continue;
      ++loop->joined;
      lock.unlock();
      take_blocks(*loop);
      lock.lock();
      // The last touch of `loop`: once joined is 0, its caller may return and destroy it.
      if (loop->joined.fetch_sub(1, std::memory_order_acq_rel) == 1)
        _left.notify_all();
    }
  }

  std::mutex _mutex;
  std::condition_variable _wake, _left;
  Loop * _current = nullptr;
  std::uint64_t _generation = 0;
  std::atomic<std::uint64_t> _published{0};
  int _sleeping = 0;
  std::vector<std::thread> _workers; // detached in effect: the team lives until the process ends
};

std::atomic<int> chosen_threads{0};
constexpr int max_threads = 4096; // for the environment variables too

int
default_threads()
{
  static const int n = [] {
    if (auto v = thread_count_from_env("NEML2_NUM_THREADS", std::getenv("NEML2_NUM_THREADS")))
      return *v;
    if (auto v = thread_count_from_env("OMP_NUM_THREADS", std::getenv("OMP_NUM_THREADS")))
      return *v;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
      return std::max(1, CPU_COUNT(&set));
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  }();
  return n;
}
} // namespace

std::optional<int>
thread_count_from_env(const std::string & variable, const char * text)
{
  if (!text || !*text)
    return std::nullopt;
  std::string first(text);
  if (variable == "OMP_NUM_THREADS")
    first = first.substr(0, first.find(','));
  const auto bad = [&] {
    return ValueError(fmt::format("{}='{}' is not a thread count: give a whole number from 1 to {}, e.g. {}=4",
                                  variable, text, max_threads, variable));
  };
  if (first.empty() || first.size() > 4 || first.find_first_not_of("0123456789") != std::string::npos)
    throw bad();
  const int n = std::stoi(first);
  if (n < 1 || n > max_threads)
    throw bad();
  return n;
}

int
num_threads()
{
  const int n = chosen_threads.load(std::memory_order_relaxed);
  return n > 0 ? n : default_threads();
}

void
set_num_threads(int n)
{
  if (n < 0 || n > max_threads)
    throw ValueError(fmt::format("thread count {} is {}: give 1 to {}, or 0 for the default", n,
                                 n < 0 ? "negative" : "too large", max_threads));
  chosen_threads.store(n, std::memory_order_relaxed);
}

void
parallel_for(std::int64_t nblocks, const std::function<void(std::int64_t)> & body)
{
  if (nblocks <= 0)
    return;
  Loop loop;
  loop.body = &body;
  loop.nblocks = nblocks;
  loop.max_workers = static_cast<int>(std::min<std::int64_t>(num_threads() - 1, nblocks - 1));
  if (loop.max_workers <= 0 || inside_loop || !Team::get().run(loop))
    Team::take_blocks(loop);
  if (loop.error)
    std::rethrow_exception(loop.error);
}
} // namespace neml2
