// The derivative checker itself: it must catch a wrong Jacobian, a wrong jvp and a broken batch.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "fd_check.h"

using namespace neml2;

namespace
{
/// Wraps a model and corrupts one of its results by a small relative amount.
class Corrupted : public Model
{
public:
  enum Mode
  {
    Jacobian,
    Jvp,
    Batch
  };
  Corrupted(std::shared_ptr<Model> m, Mode mode, double by)
    : Model(Options("corrupted", "Corrupted", OptionSchema(), {})),
      _m(std::move(m)),
      _mode(mode),
      _by(by)
  {
    for (const auto & v : _m->input_spec())
      declare_input(v.name, v.type);
    for (const auto & v : _m->output_spec())
      declare_output(v.name, v.type);
  }
  void define(Staging & s) const override { _m->define(s); }
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() override { return _m->all_parameters(); }

  std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & in) override
  {
    auto r = Model::jacobian(in);
    auto & block = r.second.begin()->second.begin()->second;
    if (_mode == Jacobian)
      block.set(0, block.at(0) * (1 + _by) + _by);
    if (_mode == Batch && block.batch_numel() > 1)
      block.set(block.numel() - 1, block.at(block.numel() - 1) * (1 + _by) + _by);
    return r;
  }
  std::pair<ValueMap, ValueMap> jvp(const ValueMap & in, const ValueMap & t) override
  {
    auto r = Model::jvp(in, t);
    auto & v = r.second.begin()->second;
    if (_mode == Jvp)
      v.set(0, v.at(0) * (1 + _by));
    return r;
  }

private:
  std::shared_ptr<Model> _m;
  Mode _mode;
  double _by;
};

/// The messages of the failures `f` reports (intercepted, so they do not fail this test).
template <typename F>
std::string
failures_of(F f)
{
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    f();
  }
  std::string all;
  for (int i = 0; i < results.size(); ++i)
    all += std::string(results.GetTestPartResult(i).message()) + "\n";
  return all;
}

std::shared_ptr<Model>
vm()
{
  return load_model(test::data("models/common.i"), "vm");
}
} // namespace

TEST(FdCheck, PassesOnTheUncorruptedWrapper)
{
  Corrupted m(vm(), Corrupted::Jacobian, 0.0);
  test::check_derivatives(m, test::random_inputs(m, {3}));
  test::check_batch_shapes(m);
}

TEST(FdCheck, CatchesAJacobianEntryOffBy1e5)
{
  Corrupted m(vm(), Corrupted::Jacobian, 1e-5);
  auto msg = failures_of([&] { test::check_derivatives(m, test::random_inputs(m, {3})); });
  EXPECT_NE(msg.find("d(i)/d(A) vs finite differences: point 0, [0][0]"), std::string::npos) << msg;
}

TEST(FdCheck, CatchesAJvpOffBy1e10)
{
  Corrupted m(vm(), Corrupted::Jvp, 1e-10);
  auto msg = failures_of([&] { test::check_derivatives(m, test::random_inputs(m, {3})); });
  EXPECT_NE(msg.find("jvp of i vs J·v: point 0"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("finite differences"), std::string::npos) << msg;
}

TEST(FdCheck, CatchesABatchedResultThatDiffersFromItsPoint)
{
  Corrupted m(vm(), Corrupted::Batch, 1e-15);
  auto msg = failures_of([&] { test::check_pointwise(m, test::random_inputs(m, {7}), {7}); });
  EXPECT_NE(msg.find("batched vs point-by-point: d(i)/d(A) at point 6"), std::string::npos) << msg;
}
