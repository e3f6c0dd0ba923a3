// Failed implicit solves captured per point (FailureCapture, SolveReport, on_failure = continue)
// and adaptive sub-stepping (ImplicitUpdate's max_substepping_level), eager and compiled.
//
// The model (tests/data/implicit/substep.i) solves g(x) = g(x~1) + t - t~1 for g(x) = x^3 + x, so
// a point ends at the root of g(x) = t (x~1 = t~1 = 0) whatever pieces its step was cut into: the
// reference is that root, found here by bisection.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <thread>

#include "neml2/codegen/compile_model.h"
#include "neml2/drivers/transient_driver.h"
#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"
#include "neml2/tensors/solve_report.h"
#include "test_compile_util.h"
#include "test_paths.h"
#include "test_util.h"

using namespace neml2;

namespace
{
/// Steps of 1 (converges whole), 10 and 100 (converge in pieces) and 1000 (fails), repeated so
/// that compiled kernels also run them on SIMD lanes.
constexpr int repeats = 8;
const std::vector<double> steps = {1, 10, 100, 1000};

ValueMap
inputs()
{
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r)
    t.insert(t.end(), steps.begin(), steps.end());
  const Shape batch = {static_cast<std::int64_t>(t.size())};
  return {{"t", Tensor::from_values(batch, {}, t)}, {"t~1", Tensor::zeros({}, {})}, {"x~1", Tensor::zeros({}, {})}};
}

/// The root of x^3 + x = t by bisection (g is increasing), to the last bit.
double
root(double t)
{
  double lo = 0, hi = std::max(1.0, t);
  for (int i = 0; i < 200; ++i)
  {
    const double mid = 0.5 * (lo + hi);
    (mid * mid * mid + mid < t ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::shared_ptr<Model>
model(const std::string & name)
{
  return load_model(test::data("implicit/substep.i"), name);
}

/// The per-point pattern every evaluator must show for the sub-stepping model.
void
expect_substepped(const SolveReport & r, const Tensor & x, const std::string & who)
{
  ASSERT_EQ(r.size(), repeats * 4) << who;
  EXPECT_EQ(r.batch_shape, (Shape{repeats * 4})) << who;
  EXPECT_EQ(r.num_failed(), repeats) << who;
  for (std::int64_t p = 0; p < r.size(); ++p)
  {
    const auto k = static_cast<std::size_t>(p % 4);
    const auto reason = r.reason(p);
    if (k == 3)
    {
      EXPECT_FALSE(r.converged(p)) << who << " point " << p;
      EXPECT_EQ(r.substeps[static_cast<std::size_t>(p)], 0) << who;
      EXPECT_TRUE(std::isnan(x.at(p))) << who << " point " << p << ": a failed point's output is NaN";
      EXPECT_GT(r.residual[static_cast<std::size_t>(p)], 1e-10) << who;
      EXPECT_NE(reason.find("did not converge"), std::string::npos) << reason;
      continue;
    }
    ASSERT_TRUE(r.converged(p)) << who << " point " << p << ": " << reason;
    EXPECT_NEAR(x.at(p), root(steps[k]), 1e-9 * root(steps[k])) << who << " point " << p;
    EXPECT_GT(r.iterations[static_cast<std::size_t>(p)], 0) << who;
    if (k == 0)
      EXPECT_EQ(r.substeps[static_cast<std::size_t>(p)], 1) << who << ": a step of 1 converges whole";
    else
    {
      EXPECT_GT(r.substeps[static_cast<std::size_t>(p)], 1) << who << ": a step of " << steps[k] << " needs pieces";
      EXPECT_NE(reason.find("sub-steps"), std::string::npos) << reason;
    }
  }
}
} // namespace

TEST(FailureCapture, EagerSubsteppingConvergesWhereWholeStepsFail)
{
  auto m = model("update");
  FailureCapture capture;
  const auto out = m->value(inputs());
  expect_substepped(capture.report(), out.at("x"), "eager");
  // Without sub-stepping the steps of 10 and 100 fail too.
  auto whole = model("whole_steps");
  const auto x = whole->value(inputs()).at("x");
  const auto & r = capture.report();
  for (std::int64_t p = 0; p < r.size(); ++p)
    EXPECT_EQ(r.converged(p), p % 4 == 0) << "whole steps, point " << p << ": " << r.reason(p);
  EXPECT_NEAR(x.at(0), root(1), 1e-12);
}

TEST(FailureCapture, WithoutACaptureFailedPointsAreAnError)
{
  auto m = model("update");
  EXPECT_TRUE(
      test::throws_with<SolverError>([&] { m->value(inputs()); }, "did not converge (float64) at 8 of 32 point(s)"));
  EXPECT_TRUE(test::throws_with<SolverError>([&] { m->value(inputs()); }, "failed points: 3, 7, 11"));
  // Captures nest, and end with their scope.
  {
    FailureCapture outer;
    {
      FailureCapture inner;
      m->value(inputs());
      EXPECT_EQ(inner.report().num_failed(), repeats);
    }
    EXPECT_EQ(outer.report().size(), 0) << "the inner capture received the call";
  }
  EXPECT_EQ(FailureCapture::active(), nullptr);
  EXPECT_THROW(m->value(inputs()), SolverError);
}

TEST(FailureCapture, DerivativesAtCapturedPoints)
{
  // g telescopes, so the tangent of the sub-stepped scheme is dx/dt = 1 / g'(x) as for a whole
  // step: the implicit-function-theorem derivative at the solution is exact here.
  auto m = model("update");
  FailureCapture capture;
  const auto [out, J] = m->jacobian(inputs());
  const auto & dxdt = J.at("x").at("t");
  for (std::int64_t p = 0; p < capture.report().size(); ++p)
  {
    if (p % 4 == 3)
    {
      EXPECT_TRUE(std::isnan(dxdt.at(p))) << p;
      continue;
    }
    const double x = out.at("x").at(p);
    EXPECT_NEAR(dxdt.at(p), 1 / (3 * x * x + 1), 1e-9) << p;
  }
}

TEST(FailureCapture, CompiledMatchesEagerBitForBit)
{
  auto eager = model("update");
  FailureCapture capture;
  const auto want = eager->value(inputs()).at("x");
  const auto eager_report = capture.report();
  for (auto form : {codegen::CpuKernelForm::Points, codegen::CpuKernelForm::Lanes})
  {
    test::TempDir dir;
    codegen::CompileRequest req;
    req.input_file = test::data("implicit/substep.i");
    req.model = "update";
    req.output_dir = dir.str("aoti");
    req.derivatives = {"x:t"};
    req.cpu_kernels = form;
    aoti::Model compiled(codegen::compile_model(req).artifact_dir);
    const std::string who = form == codegen::CpuKernelForm::Lanes ? "compiled (lanes)" : "compiled (points)";

    const auto got = compiled.forward(inputs()).at("x");
    expect_substepped(capture.report(), got, who);
    EXPECT_EQ(capture.report().iterations, eager_report.iterations) << who;
    EXPECT_EQ(capture.report().substeps, eager_report.substeps) << who;
    EXPECT_TRUE(test::bitwise_equal(got, want)) << who;

    // forward_into reports the same way, and raises without a capture.
    std::vector<double> t, x(repeats * 4);
    const auto in = inputs();
    const double zero = 0;
    t = in.at("t").to_vector();
    std::vector<const void *> args;
    std::vector<std::int64_t> strides;
    for (const auto & name : compiled.input_names())
    {
      args.push_back(name == "t" ? static_cast<const void *>(t.data()) : &zero);
      strides.push_back(name == "t" ? 1 : 0);
    }
    void * outs[] = {x.data()};
    compiled.forward_into(repeats * 4, args.data(), strides.data(), outs);
    expect_substepped(capture.report(), Tensor::from_values({repeats * 4}, {}, x), who + " forward_into");
    {
      // Outside the capture (a new scope has its own, so nest none here: call from a fresh thread).
      std::string message;
      std::thread([&] {
        try
        {
          compiled.forward_into(repeats * 4, args.data(), strides.data(), outs);
        }
        catch (const SolverError & e)
        {
          message = e.what();
        }
      }).join();
      EXPECT_NE(message.find("did not converge (float64) at 8 of 32 point(s)"), std::string::npos) << message;
    }

    // The compiled tangent agrees with the eager one where the points converged.
    const auto [vals, J] = compiled.jacobian(inputs());
    const auto [evals, eJ] = eager->jacobian(inputs());
    EXPECT_TRUE(test::bitwise_equal(J.at("x").at("t"), eJ.at("x").at("t"))) << who;
  }
}

TEST(FailureCapture, DriverContinuesAndRecordsConvergence)
{
  auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(test::data("implicit/substep.i"), "continue"));
  ASSERT_NE(d, nullptr);
  d->run();
  const auto & last = d->results().back();
  const auto & ok = last.at("converged");
  ASSERT_EQ(ok.batch_numel(), 3);
  EXPECT_EQ(ok.at(0), 1.0);
  EXPECT_EQ(ok.at(1), 1.0);
  EXPECT_EQ(ok.at(2), 0.0);
  EXPECT_NEAR(last.at("x").at(1), root(10), 1e-9 * root(10));
  EXPECT_TRUE(std::isnan(last.at("x").at(2)));
  const auto summary = d->summary(1.0);
  EXPECT_NE(summary.find("implicit solves failed at 1 point(s) (on_failure = continue), first at step 1, point 2: "
                         "did not converge"),
            std::string::npos)
      << summary;

  auto raise = load_driver(test::data("implicit/substep.i"), "raise");
  EXPECT_TRUE(test::throws_with<SolverError>([&] { raise->run(); }, "failed at step 1 of 1"));
  EXPECT_TRUE(test::throws_with<InputError>(
      [&] { load_driver(test::data("implicit/substep.i"), "raise", {"Drivers/raise/on_failure=skip"}); },
      "expected 'raise' or 'continue', got 'skip'"));
}

TEST(FailureCapture, Neml2RunOnFailure)
{
  const auto exe = neml2::test::binary_dir() + "/apps/neml2-run";
  if (!std::filesystem::exists(exe))
    GTEST_SKIP() << "neml2-run is not built";
  test::TempDir dir;
  const auto input = test::data("implicit/substep.i"), out = dir.str("out.txt");
  auto run = [&](const std::string & args) {
    const int rc = WEXITSTATUS(std::system((exe + " " + input + " " + args + " >" + out + " 2>&1").c_str()));
    return std::pair{rc, test::read_all(out)};
  };
  const auto [raised, said] = run("raise");
  EXPECT_EQ(raised, 1) << said;
  EXPECT_NE(said.find("failed points: 2"), std::string::npos) << said;
  const auto [went_on, summary] = run("raise --on-failure continue");
  EXPECT_EQ(went_on, 0) << summary;
  EXPECT_NE(summary.find("implicit solves failed at 1 point(s)"), std::string::npos) << summary;
  const auto [bad, usage] = run("raise --on-failure skip");
  EXPECT_EQ(bad, 2) << usage;
  EXPECT_NE(usage.find("skip"), std::string::npos) << usage;
}
