// BatchScheduler and the TransientDriver over several ranks, with ranks played by threads of this
// process (an in-process Communicator), so that they run without MPI and under the sanitizers.
// tests/mpi runs neml2-run under mpirun.
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/drivers/batch_scheduler.h"
#include "neml2/drivers/transient_driver.h"
#include "test_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// The shared state of `size` in-process ranks: allgather is a barrier that hands every rank
/// every rank's bytes.
struct Room
{
  explicit Room(int n)
    : size(n),
      slots(static_cast<std::size_t>(n))
  {
  }
  int size;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> slots, last;
  int arrived = 0;
  std::int64_t round = 0;
};

class ThreadCommunicator : public Communicator
{
public:
  ThreadCommunicator(std::shared_ptr<Room> room, int rank)
    : _room(std::move(room)),
      _rank(rank)
  {
  }
  int rank() const override { return _rank; }
  int size() const override { return _room->size; }
  std::vector<std::string> allgather(const std::string & local) override
  {
    std::unique_lock lock(_room->mutex);
    _room->slots[static_cast<std::size_t>(_rank)] = local;
    const auto round = _room->round;
    if (++_room->arrived == _room->size)
    {
      _room->last = _room->slots;
      _room->arrived = 0;
      ++_room->round;
      _room->changed.notify_all();
    }
    else
      _room->changed.wait(lock, [&] { return _room->round != round; });
    return _room->last;
  }

private:
  std::shared_ptr<Room> _room;
  int _rank;
};

/// Runs f(communicator) on `ranks` threads; returns what each threw ("" where nothing).
std::vector<std::string>
on_ranks(int ranks, const std::function<void(const std::shared_ptr<Communicator> &)> & f)
{
  auto room = std::make_shared<Room>(ranks);
  std::vector<std::string> errors(static_cast<std::size_t>(ranks));
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r)
    threads.emplace_back([&, r] {
      try
      {
        f(std::make_shared<ThreadCommunicator>(room, r));
      }
      catch (const std::exception & e)
      {
        errors[static_cast<std::size_t>(r)] = e.what();
      }
    });
  for (auto & t : threads)
    t.join();
  return errors;
}

/// Values 0, 1, 2, ... in a tensor of the given shapes.
Tensor
iota(const Shape & batch, const Shape & base, double from = 0)
{
  std::vector<double> v(static_cast<std::size_t>(numel(batch) * numel(base)));
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = from + static_cast<double>(i);
  return Tensor::from_values(batch, base, v);
}
} // namespace

TEST(BatchPartition, ByPointsDiffersByAtMostOne)
{
  EXPECT_EQ(partition_by_points(10, 3), (std::vector<std::int64_t>{0, 4, 7, 10}));
  EXPECT_EQ(partition_by_points(2, 4), (std::vector<std::int64_t>{0, 1, 2, 2, 2}));
  EXPECT_EQ(partition_by_points(5, 1), (std::vector<std::int64_t>{0, 5}));
  EXPECT_THROW(partition_by_points(5, 0), ValueError);
  EXPECT_THROW(partition_by_points(-1, 2), ValueError);
}

TEST(BatchPartition, ByCostBalancesTheTotal)
{
  // Total 17: the heavy fifth point goes with the three after it (13 vs 4 beats 14 vs 3).
  const std::vector<double> cost = {1, 1, 1, 1, 10, 1, 1, 1};
  EXPECT_EQ(partition_by_cost(cost, 2), (std::vector<std::int64_t>{0, 4, 8}));
  // Equal costs: equal shares.
  EXPECT_EQ(partition_by_cost(std::vector<double>(9, 2.0), 3), (std::vector<std::int64_t>{0, 3, 6, 9}));
  // Nothing measured: by points.
  EXPECT_EQ(partition_by_cost(std::vector<double>(5, 0.0), 2), partition_by_points(5, 2));
  EXPECT_THROW(partition_by_cost(std::vector<double>{1, -1}, 2), ValueError);
  EXPECT_THROW(partition_by_cost(std::vector<double>{1, std::nan("")}, 2), ValueError);
}

TEST(BatchPartition, NarrowBatchKeepsARangeOfOneDimension)
{
  const auto t = iota({3, 4}, {2}); // element (i, j, c) = 8 i + 2 j + c
  const auto n = narrow_batch(t, 1, 1, 3);
  EXPECT_EQ(n.batch_shape(), (Shape{3, 2}));
  const auto v = n.to_vector();
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i)
    for (int j = 1; j < 3; ++j)
      for (int c = 0; c < 2; ++c)
        EXPECT_EQ(v[at++], 8 * i + 2 * j + c);
  EXPECT_EQ(narrow_batch(t, 0, 2, 2).batch_shape(), (Shape{0, 4}));
  EXPECT_THROW(narrow_batch(t, 2, 0, 1), ValueError);
  EXPECT_THROW(narrow_batch(t, 0, 1, 4), ValueError);
}

TEST(BatchScheduler, GatherJoinsSharesInRankOrder)
{
  const std::int64_t n = 11;
  const auto full = iota({n, 2}, {3});
  const auto same = iota({}, {6}, 100);
  std::vector<std::vector<Tensor>> got(3);
  const auto errors = on_ranks(3, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, n);
    const auto mine = narrow_batch(full, 0, s.begin(), s.end());
    got[static_cast<std::size_t>(comm->rank())] = s.gather({mine, same});
  });
  for (const auto & e : errors)
    EXPECT_EQ(e, "");
  for (const auto & g : got)
  {
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g[0].batch_shape(), full.batch_shape());
    EXPECT_EQ(g[0].to_vector(), full.to_vector());
    EXPECT_EQ(g[1].batch_shape(), Shape{});
    EXPECT_EQ(g[1].to_vector(), same.to_vector());
  }
}

TEST(BatchScheduler, GatherOnOneRank)
{
  const auto full = iota({7}, {2});
  std::vector<std::vector<Tensor>> got(3);
  const auto errors = on_ranks(3, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, 7);
    got[static_cast<std::size_t>(comm->rank())] = s.gather({narrow_batch(full, 0, s.begin(), s.end())}, "", 1);
  });
  for (const auto & e : errors)
    EXPECT_EQ(e, "");
  EXPECT_TRUE(got[0].empty());
  EXPECT_TRUE(got[2].empty());
  ASSERT_EQ(got[1].size(), 1u);
  EXPECT_EQ(got[1][0].to_vector(), full.to_vector());
  // An error still reaches every rank.
  const auto failed = on_ranks(3, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, 7);
    s.gather({narrow_batch(full, 0, s.begin(), s.end())}, comm->rank() == 2 ? "disk full" : "", 1);
  });
  for (const auto & e : failed)
    EXPECT_EQ(e, "rank 2 of 3 failed: disk full");
}

TEST(BatchScheduler, RanksWithoutPointsTakePartInTheGather)
{
  const auto full = iota({2}, {1});
  std::vector<std::vector<double>> got(4);
  const auto errors = on_ranks(4, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, 2);
    std::vector<Tensor> mine;
    if (s.share() > 0)
      mine.push_back(narrow_batch(full, 0, s.begin(), s.end()));
    got[static_cast<std::size_t>(comm->rank())] = s.gather(mine).at(0).to_vector();
  });
  for (std::size_t r = 0; r < 4; ++r)
  {
    EXPECT_EQ(errors[r], "");
    EXPECT_EQ(got[r], (std::vector<double>{0, 1}));
  }
}

TEST(BatchScheduler, RebalanceByCost)
{
  // Points 0..7 cost 1 but point 4 costs 10: two ranks get points 0-3 and 4-7.
  std::vector<std::vector<std::int64_t>> offsets(2);
  const auto errors = on_ranks(2, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, 8);
    std::vector<double> cost;
    for (auto i = s.begin(); i < s.end(); ++i)
      cost.push_back(i == 4 ? 10 : 1);
    s.rebalance(cost);
    offsets[static_cast<std::size_t>(comm->rank())] = s.offsets();
  });
  for (std::size_t r = 0; r < 2; ++r)
  {
    EXPECT_EQ(errors[r], "");
    EXPECT_EQ(offsets[r], (std::vector<std::int64_t>{0, 4, 8}));
  }
}

TEST(BatchScheduler, AFailingRankStopsEveryRank)
{
  const auto errors = on_ranks(3, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, 6);
    s.gather({iota({s.share()}, {})}, comm->rank() == 1 ? "out of ink" : "");
  });
  EXPECT_EQ(errors[0], "rank 1 of 3 failed: out of ink");
  EXPECT_EQ(errors[1], "rank 1 of 3 failed: out of ink");
  EXPECT_EQ(errors[2], "rank 1 of 3 failed: out of ink");
}

TEST(BatchScheduler, ATensorThatNeitherSpansNorAgreesIsAnError)
{
  const auto errors = on_ranks(2, [&](const std::shared_ptr<Communicator> & comm) {
    BatchScheduler s(comm, 6);
    s.gather({iota({comm->rank() == 0 ? 3 : 2}, {})}); // rank 1 has 3 points but passes 2
  });
  for (const auto & e : errors)
    EXPECT_NE(e.find("neither spans each rank's share"), std::string::npos) << e;
}

namespace
{
/// The history of the driver of tests/data/mpi/isoharden_batch.i: in one process (ranks = 0) or
/// over `ranks` in-process ranks (each rank's copy, which must all be the same).
std::vector<std::vector<std::pair<std::string, Tensor>>>
isoharden_history(int ranks, const std::vector<std::string> & overrides = {},
                  TransientDriver::Gather gather = TransientDriver::Gather::all)
{
  auto load = [&] {
    return std::dynamic_pointer_cast<TransientDriver>(load_driver(data("mpi/isoharden_batch.i"), "driver", overrides));
  };
  if (ranks == 0)
  {
    auto d = load();
    d->run();
    return {d->history()};
  }
  std::vector<std::shared_ptr<TransientDriver>> drivers;
  for (int r = 0; r < ranks; ++r)
    drivers.push_back(load());
  std::vector<std::vector<std::pair<std::string, Tensor>>> out(static_cast<std::size_t>(ranks));
  const auto errors = on_ranks(ranks, [&](const std::shared_ptr<Communicator> & comm) {
    auto & d = *drivers[static_cast<std::size_t>(comm->rank())];
    d.set_communicator(comm, gather);
    d.run();
    out[static_cast<std::size_t>(comm->rank())] = d.history();
  });
  for (const auto & e : errors)
    EXPECT_EQ(e, "");
  return out;
}

void
expect_same_history(const std::vector<std::pair<std::string, Tensor>> & a,
                    const std::vector<std::pair<std::string, Tensor>> & b, const std::string & what)
{
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i)
  {
    EXPECT_EQ(a[i].first, b[i].first) << what;
    EXPECT_EQ(a[i].second.shape(), b[i].second.shape()) << what << ": " << a[i].first;
    const auto x = a[i].second.to_vector(), y = b[i].second.to_vector();
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t j = 0; j < x.size(); ++j)
      if (!(x[j] == y[j] || (std::isnan(x[j]) && std::isnan(y[j]))))
      {
        ADD_FAILURE() << what << ": " << a[i].first << "[" << j << "] = " << y[j] << ", one process: " << x[j];
        break;
      }
  }
}
} // namespace

TEST(TransientDriverOverRanks, BitForBitTheSingleProcessHistory)
{
  const auto one = isoharden_history(0).front();
  for (int ranks : {2, 3})
    for (const std::string balance : {"points", "cost"})
    {
      const auto all = isoharden_history(ranks, {"Drivers/driver/balance=" + balance});
      for (const auto & h : all)
        expect_same_history(one, h, std::to_string(ranks) + " ranks by " + balance);
    }
}

TEST(TransientDriverOverRanks, GatherAtRootGivesRankZeroTheWholeAndTheOthersTheirShare)
{
  const auto one = isoharden_history(0).front();
  const auto all = isoharden_history(3, {}, TransientDriver::Gather::root);
  expect_same_history(one, all[0], "rank 0 of 3, gather at root");
  // Rank 2 has points 14 to 20 of 21 (shares 7, 7, 7): its stress is those points' of the whole.
  const auto & [name, share] = all[2][2];
  ASSERT_EQ(name, "stress");
  const auto & whole = one[2].second;
  EXPECT_EQ(share.batch_shape(), (Shape{31, 7}));
  EXPECT_EQ(share.to_vector(), narrow_batch(whole, 1, 14, 21).to_vector());
}

TEST(TransientDriverOverRanks, WithoutGatherEveryRankKeepsItsShare)
{
  const auto one = isoharden_history(0).front();
  const auto all = isoharden_history(2, {}, TransientDriver::Gather::none);
  const auto & whole = one[2].second;
  EXPECT_EQ(all[0][2].second.to_vector(), narrow_batch(whole, 1, 0, 11).to_vector());
  EXPECT_EQ(all[1][2].second.to_vector(), narrow_batch(whole, 1, 11, 21).to_vector());
}

TEST(TransientDriverOverRanks, FailedPointsAreTheSingleProcessOnes)
{
  // Ten Newton iterations are too few for points 9 to 20: on two ranks, for some of rank 0's points
  // and all of rank 1's.
  const std::vector<std::string> strict = {"Solvers/newton/max_its=10", "Drivers/driver/on_failure=continue"};
  const auto one = isoharden_history(0, strict).front();
  const auto & converged = one.back();
  ASSERT_EQ(converged.first, "converged");
  const auto ok = converged.second.to_vector();
  ASSERT_NE(std::count(ok.begin(), ok.end(), 0.0), 0) << "max_its = 10 should make some points fail";
  ASSERT_NE(std::count(ok.begin(), ok.end(), 1.0), 0) << "max_its = 10 should leave some points converged";
  for (const auto & h : isoharden_history(2, strict))
    expect_same_history(one, h, "2 ranks, failing points");
}

TEST(TransientDriverOverRanks, AFailureOnOneRankIsRaisedOnEvery)
{
  std::vector<std::shared_ptr<TransientDriver>> drivers;
  for (int r = 0; r < 2; ++r)
    drivers.push_back(std::dynamic_pointer_cast<TransientDriver>(
        load_driver(data("mpi/isoharden_batch.i"), "driver", {"Solvers/newton/max_its=10"})));
  const auto errors = on_ranks(2, [&](const std::shared_ptr<Communicator> & comm) {
    auto & d = *drivers[static_cast<std::size_t>(comm->rank())];
    d.set_communicator(comm);
    d.run();
  });
  // Points 9 and 10 fail at step 1 on rank 0 (as do rank 1's), and both ranks say rank 0's error.
  EXPECT_NE(errors[0].find("rank 0 of 2 failed: points 0 to 10 (point p below is point 0 + p of the batch): "
                           "[Drivers/driver]: model 'model' failed at step"),
            std::string::npos)
      << errors[0];
  EXPECT_EQ(errors[1], errors[0]);
}

TEST(TransientDriverOverRanks, AnUnknownBalanceIsAnInputErrorAtItsOption)
{
  try
  {
    load_driver(data("mpi/isoharden_batch.i"), "driver", {"Drivers/driver/balance=iterations"});
    FAIL() << "balance = iterations was accepted";
  }
  catch (const InputError & e)
  {
    const std::string what = e.what();
    // The value came from an override: the error points there, at the option.
    EXPECT_NE(what.find("<command line>:1:"), std::string::npos) << what;
    EXPECT_NE(what.find("option 'balance' of [Drivers/driver]"), std::string::npos) << what;
    EXPECT_NE(what.find("expected 'points' or 'cost', got 'iterations'"), std::string::npos) << what;
  }
}
