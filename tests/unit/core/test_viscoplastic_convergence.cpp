// J2 Perzyna viscoplasticity (examples/plasticity/viscoplasticity_isoharden.i) against an
// independent reference: under the example's deviatoric strain ramp the response stays
// proportional, so stress and plastic strain reduce to a two-variable ODE integrated here with
// classical RK4 (self-checked by step halving). Backward Euler's error must shrink at first
// order as the driver's step count doubles (100 ... 1600 steps).
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "neml2/drivers/transient_driver.h"
#include "test_paths.h"
#include "test_util.h"

using namespace neml2;

namespace
{
// The example's constants.
const double E = 1e5, nu = 0.3, sy = 5, K = 1000, eta = 100, n_exp = 2;
const double G = E / (2 * (1 + nu));
const double D = std::sqrt(0.1 * 0.1 + 2 * 0.05 * 0.05); // |(0.1, -0.05, -0.05)|

/// s = |deviatoric stress|, ep = equivalent plastic strain; strain = t/T * D along a fixed
/// deviatoric direction. Flow direction has unit norm, ep_rate = sqrt(2/3) gamma_rate.
std::array<double, 2>
rate(const std::array<double, 2> & y, double T)
{
  const double vm = std::sqrt(1.5) * y[0];
  const double f = std::sqrt(2.0 / 3.0) * (vm - sy - K * y[1]);
  const double g = f > 0 ? std::pow(f / eta, n_exp) : 0.0;
  return {2 * G * (D / T - g), std::sqrt(2.0 / 3.0) * g};
}

/// |s| at time t_end of a ramp that ends at T.
double
reference_stress(double T, double t_end, int steps)
{
  std::array<double, 2> y = {0, 0};
  const double h = t_end / steps;
  for (int k = 0; k < steps; ++k)
  {
    auto k1 = rate(y, T);
    auto k2 = rate({y[0] + h / 2 * k1[0], y[1] + h / 2 * k1[1]}, T);
    auto k3 = rate({y[0] + h / 2 * k2[0], y[1] + h / 2 * k2[1]}, T);
    auto k4 = rate({y[0] + h * k3[0], y[1] + h * k3[1]}, T);
    for (int i = 0; i < 2; ++i)
      y[static_cast<std::size_t>(i)] += h / 6 *
                                        (k1[static_cast<std::size_t>(i)] + 2 * k2[static_cast<std::size_t>(i)] +
                                         2 * k3[static_cast<std::size_t>(i)] + k4[static_cast<std::size_t>(i)]);
  }
  return y[0];
}
} // namespace

TEST(ViscoplasticConvergence, BackwardEulerIsFirstOrderAgainstRK4)
{
  const auto input = test::example("plasticity/viscoplasticity_isoharden.i");
  const std::vector<int> rates = {0, 1, 2}; // end times 0.1, ~0.21, ~0.43 (of 20 log-spaced rates)
  std::vector<std::vector<double>> err(rates.size());
  for (int steps : {100, 200, 400, 800, 1600})
  {
    const auto nstep = std::to_string(steps + 1);
    auto d = std::dynamic_pointer_cast<TransientDriver>(
        load_driver(input, "driver",
                    {"Tensors/times/nstep=" + nstep, "Tensors/strains/nstep=" + nstep,
                     "Drivers/driver/save_as=" + neml2::test::binary_dir() + "/tests/convergence.npz"}));
    ASSERT_NE(d, nullptr);
    d->run();
    // Compare early in the ramp (5% of it), where the viscous transient is strong: late in the
    // ramp the response settles onto a steady flow that backward Euler reproduces exactly.
    const auto & step = d->results()[static_cast<std::size_t>(steps / 20)];
    const auto & stress = step.at("stress");
    const auto & times = step.at("t");
    const auto & final_times = d->results().back().at("t");
    for (std::size_t r = 0; r < rates.size(); ++r)
    {
      const auto i = rates[r];
      const double T = final_times.at(i), t = times.at(i);
      // |s| from the Mandel components (the norm of the deviator; the trace is zero here).
      double s2 = 0;
      for (int c = 0; c < 6; ++c)
        s2 += stress.at(i * 6 + c) * stress.at(i * 6 + c);
      const double ref = reference_stress(T, t, 200000), ref2 = reference_stress(T, t, 400000);
      ASSERT_NEAR(ref, ref2, 1e-9 * std::abs(ref)) << "the RK4 reference is not converged";
      err[r].push_back(std::abs(std::sqrt(s2) - ref) / std::abs(ref));
    }
  }
  // Every doubling gains at least a first-order factor. The stiff viscous relaxation makes the
  // coarse steps converge faster than first order (pre-asymptotic); with refinement the ratio
  // settles to 2, the first-order rate of backward Euler, as the fastest rate shows by 1600 steps.
  for (std::size_t r = 0; r < rates.size(); ++r)
    for (std::size_t k = 1; k < err[r].size(); ++k)
      EXPECT_GT(err[r][k - 1] / err[r][k], 1.7)
          << "rate " << rates[r] << ", errors " << err[r][k - 1] << " -> " << err[r][k];
  const double last = err[0][err[0].size() - 2] / err[0].back();
  EXPECT_GT(last, 1.7) << "observed order " << std::log2(last);
  EXPECT_LT(last, 2.3) << "observed order " << std::log2(last);
}
