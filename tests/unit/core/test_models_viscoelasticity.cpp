// The rheological elements (LinearDashpot, KelvinVoigtElement, ZenerElement, WiechertElement,
// BurgersElement): hand-worked values from their equations, derivatives against central
// differences, and a Zener stress relaxation against its closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "backend_matrix.h"
#include "neml2/base/error.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
element(const std::string & name)
{
  return load_model(data("viscoelasticity/models.i"), name);
}

const std::array<double, 6> strain_c = {1e-3, -4e-4, 2e-4, 3e-4, -1e-4, 5e-4};
const std::array<double, 6> strain2_c = {2e-4, 1e-4, -3e-4, 0, 2e-4, -1e-4};
const std::array<double, 6> strain3_c = {-1e-4, 3e-4, 1e-4, -2e-4, 0, 1e-4};

/// a x + b y + c z, component by component (tensor components, as sr2() takes them).
std::array<double, 6>
combine(double a, const std::array<double, 6> & x, double b = 0, const std::array<double, 6> & y = {}, double c = 0,
        const std::array<double, 6> & z = {})
{
  std::array<double, 6> r{};
  for (std::size_t i = 0; i < 6; ++i)
    r[i] = a * x[i] + b * y[i] + c * z[i];
  return r;
}

void
check_derivatives_and_batching(Model & m)
{
  check_input_and_parameter_derivatives(m, random_inputs(m, {4}, {}, 5));
  check_batch_shapes(m);
}
} // namespace

TEST(LinearDashpot, StrainRateIsStressOverViscosity)
{
  auto m = element("dashpot");
  const std::array<double, 6> S = {100, -20, 40, 10, -30, 5};
  auto out = m->value({{"stress", sr2(S)}});
  expect_near_all(out.at("viscous_strain_rate"), sr2(combine(1.0 / 200, S)), 1e-15);
  check_derivatives_and_batching(*m);
}

TEST(LinearDashpot, RenamedVariablesAndAViscosityVariable)
{
  auto m = element("dashpot_renamed");
  ASSERT_NE(m->find_input("S"), nullptr);
  ASSERT_NE(m->find_input("eta_field"), nullptr);
  ASSERT_NE(m->find_output("Ev_rate"), nullptr);
  auto out = m->value({{"S", sr2({50, 0, 0, 0, 0, 10})}, {"eta_field", scalar(25)}});
  expect_near_all(out.at("Ev_rate"), sr2({2, 0, 0, 0, 0, 0.4}), 1e-15);
  EXPECT_TRUE(
      throws_with<InputError>([] { element("dashpot_same"); }, "the output 'stress' is also an input of this model"));
}

TEST(BurgersElement, ThreeDistinctStrainsAreRequired)
{
  const auto file = data("viscoelasticity/models.i");
  EXPECT_TRUE(throws_with<InputError>([&] { load_model(file, "burgers_same"); },
                                      file +
                                          ":87:27: option 'kelvin_voigt_strain' of [Models/burgers_same]: the "
                                          "total, Maxwell viscous and Kelvin-Voigt strains must be three different"));
}

TEST(KelvinVoigtElement, SpringAndDashpotInParallel)
{
  auto m = element("kelvin_voigt");
  ASSERT_NE(m->find_input("strain_rate"), nullptr);
  auto out = m->value({{"strain", sr2(strain_c)}, {"strain_rate", sr2(strain2_c)}});
  expect_near_all(out.at("stress"), sr2(combine(2000, strain_c, 100, strain2_c)), 1e-14);
  check_derivatives_and_batching(*m);
}

TEST(ZenerElement, EquilibriumSpringAndMaxwellBranch)
{
  auto m = element("zener");
  auto out = m->value({{"strain", sr2(strain_c)}, {"viscous_strain", sr2(strain2_c)}});
  // sigma = Einf e + EM (e - ev); ev_rate = EM (e - ev) / etaM
  expect_near_all(out.at("stress"), sr2(combine(1000 + 5000, strain_c, -5000, strain2_c)), 1e-14);
  expect_near_all(out.at("viscous_strain_rate"), sr2(combine(25, strain_c, -25, strain2_c)), 1e-14);
  check_derivatives_and_batching(*m);
}

TEST(WiechertElement, TwoMaxwellBranches)
{
  auto m = element("wiechert");
  auto out =
      m->value({{"strain", sr2(strain_c)}, {"viscous_strain_1", sr2(strain2_c)}, {"viscous_strain_2", sr2(strain3_c)}});
  expect_near_all(out.at("stress"), sr2(combine(1000 + 5000 + 2000, strain_c, -5000, strain2_c, -2000, strain3_c)),
                  1e-14);
  expect_near_all(out.at("viscous_strain_1_rate"), sr2(combine(25, strain_c, -25, strain2_c)), 1e-14);
  expect_near_all(out.at("viscous_strain_2_rate"), sr2(combine(2, strain_c, -2, strain3_c)), 1e-14);
  check_derivatives_and_batching(*m);
}

TEST(BurgersElement, MaxwellInSeriesWithKelvinVoigt)
{
  auto m = element("burgers");
  auto out = m->value(
      {{"strain", sr2(strain_c)}, {"maxwell_viscous_strain", sr2(strain2_c)}, {"kelvin_voigt_strain", sr2(strain3_c)}});
  // sigma = EM (e - evM - eK); evM_rate = sigma / etaM; eK_rate = (sigma - EK eK) / etaK
  const auto sigma = combine(5000, strain_c, -5000, strain2_c, -5000, strain3_c);
  expect_near_all(out.at("stress"), sr2(sigma), 1e-14);
  expect_near_all(out.at("maxwell_viscous_strain_rate"), sr2(combine(1.0 / 200, sigma)), 1e-14);
  expect_near_all(out.at("kelvin_voigt_strain_rate"), sr2(combine(1.0 / 100, sigma, -20, strain3_c)), 1e-14);
  check_derivatives_and_batching(*m);
}

// A strain e0 held from t = 0: backward Euler gives ev_n = e0 (1 - r^n) with r = 1 / (1 + dt EM /
// etaM), so sigma_n = Einf e0 + EM e0 r^n; as dt -> 0 this tends to the exact relaxation
// sigma(t) = Einf e0 + EM e0 exp(-t EM / etaM).
TEST(ZenerElement, StressRelaxationMatchesTheClosedForm)
{
  auto m = element("relaxation");
  const double Einf = 1000, EM = 5000, etaM = 200, e0 = 1e-3;
  const std::array<double, 6> uniaxial = {e0, 0, 0, 0, 0, 0};
  for (const double dt : {1e-3, 1e-4})
  {
    Tensor ev = sr2({});
    const int steps = static_cast<int>(std::lround(0.05 / dt));
    const double r = 1 / (1 + dt * EM / etaM);
    for (int n = 1; n <= steps; ++n)
    {
      auto out = m->value(
          {{"strain", sr2(uniaxial)}, {"viscous_strain~1", ev}, {"t", scalar(n * dt)}, {"t~1", scalar((n - 1) * dt)}});
      ev = out.at("viscous_strain");
      const double discrete = Einf * e0 + EM * e0 * std::pow(r, n);
      ASSERT_NEAR(out.at("stress").at(0), discrete, 1e-10 * discrete) << "dt " << dt << ", step " << n;
    }
    // The scheme is first order: with a = EM / etaM, r^n = exp(-a t) (1 + n (a dt)^2 / 2 + ...), so
    // |sigma - exact| is about EM e0 exp(-a t) a^2 t dt / 2, below EM e0 a^2 t dt.
    const double t = steps * dt, exact = Einf * e0 + EM * e0 * std::exp(-t * EM / etaM);
    const double sigma = Einf * e0 + EM * e0 * std::pow(r, steps);
    EXPECT_LT(std::abs(sigma - exact), EM * e0 * (EM / etaM) * (EM / etaM) * t * dt) << "dt " << dt;
  }
}

namespace
{
using ZenerOnEveryBackend = BackendMatrix;
}

// One relaxation step at 19 points with different strains (more than a lane width, with a partial
// tile): ev_1 = (ev_0 + k e) / (1 + k), k = dt EM / etaM, and the consistent tangent
// d(sigma)/d(strain) = (Einf + EM / (1 + k)) I, against closed forms on every backend.
TEST_P(ZenerOnEveryBackend, OneImplicitStepAndItsTangent)
{
  auto input = data("viscoelasticity/models.i");
  if (f32())
    input = edited_input(input, "abs_tol = 1e-12\n    rel_tol = 1e-12", "abs_tol = 1e-9\n    rel_tol = 1e-6", dir,
                         "models_f32.i");
  auto m = model(input, "relaxation", {"stress:strain"});
  const double Einf = 1000, EM = 5000, etaM = 200, dt = 1e-3, k = dt * EM / etaM;
  const std::int64_t n = 19;
  const auto strain = random_strain({n}, 21).to(dtype());
  const auto ev0 = random_strain({n}, 22).to(dtype());
  ValueMap in{{"strain", strain},
              {"viscous_strain~1", ev0},
              {"t", Tensor::full({}, {}, 2 * dt).to(dtype())},
              {"t~1", Tensor::full({}, {}, dt).to(dtype())}};
  const auto [out, J] = m->jacobian(in);
  std::vector<double> ev1, sigma, tangent;
  for (std::int64_t i = 0; i < n * 6; ++i)
  {
    ev1.push_back((ev0.at(i) + k * strain.at(i)) / (1 + k));
    sigma.push_back(Einf * strain.at(i) + EM * (strain.at(i) - ev1.back()));
  }
  for (std::int64_t p = 0; p < n; ++p)
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j)
        tangent.push_back(i == j ? Einf + EM / (1 + k) : 0.0);
  const double tol = f32() ? 1e-5 : 1e-12;
  EXPECT_LE(scaled_error(out.at("viscous_strain"), ev1), tol);
  EXPECT_LE(scaled_error(out.at("stress"), sigma), tol);
  EXPECT_LE(scaled_error(J.at("stress").at("strain"), tangent), tol);
  if (GetParam().backend == Backend::CompiledPoints || GetParam().backend == Backend::CompiledLanes)
  {
    auto eager = load_model(input, "relaxation");
    const auto [eo, eJ] = eager->jacobian(in);
    EXPECT_TRUE(bitwise_equal(out.at("stress"), eo.at("stress")));
    EXPECT_TRUE(bitwise_equal(J.at("stress").at("strain"), eJ.at("stress").at("strain")));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ZenerOnEveryBackend, ::testing::ValuesIn(every_backend_case()), backend_case_label);
