// Model behaviour written once, run on every backend (backend_matrix.h): eager, compiled points,
// compiled lanes and CUDA, in float64 and float32. References are closed forms and central
// differences, never another backend's output; on the CPU the compiled backends must also equal
// the eager interpreter bit for bit, as everywhere else in the suite.
#include <cmath>
#include <functional>

#include "backend_matrix.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// Relative closeness that float32 can meet: a few ulps of the data's scale.
double
tolerance(Dtype d, double f64, double f32)
{
  return d == Dtype::Float64 ? f64 : f32;
}

/// The isotropic stiffness in Mandel notation: C = λ I⊗I + 2μ I (6x6, row-major).
std::vector<double>
stiffness(double E, double nu)
{
  const double lambda = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  std::vector<double> C(36, 0.0);
  for (int i = 0; i < 6; ++i)
  {
    C[i * 6 + i] = 2 * mu;
    for (int j = 0; j < 3 && i < 3; ++j)
      C[i * 6 + j] += lambda;
  }
  return C;
}

/// The CPU compiled backends compute exactly what the interpreter computes.
void
expect_equals_eager_on_cpu(const BackendCase & c, const Tensor & got, const Tensor & eager, const std::string & what)
{
  if (c.backend == Backend::CompiledPoints || c.backend == Backend::CompiledLanes)
  {
    EXPECT_TRUE(bitwise_equal(got, eager)) << what;
  }
}

using ElasticityOnEveryBackend = BackendMatrix;
using RadialReturnOnEveryBackend = BackendMatrix;
} // namespace

// The seed's elasticity (E = 200e3, nu = 0.3): Hooke's law, its stiffness as the Jacobian, and
// J·v = C v, for 37 random strains (more than any lane width, with a partial tile).
TEST_P(ElasticityOnEveryBackend, HookesLawItsStiffnessAndJvp)
{
  auto m = model(seed_input(), "elasticity");
  const std::int64_t n = 37;
  const auto strain = random_strain({n}, 3).to(dtype());
  const auto direction = random_strain({n}, 4).to(dtype());
  const auto C = stiffness(200e3, 0.3);
  std::vector<double> sigma, jacobian, jv;
  for (std::int64_t p = 0; p < n; ++p)
    for (int i = 0; i < 6; ++i)
    {
      double s = 0, t = 0;
      for (int j = 0; j < 6; ++j)
      {
        s += C[i * 6 + j] * strain.at(p * 6 + j);
        t += C[i * 6 + j] * direction.at(p * 6 + j);
      }
      sigma.push_back(s);
      jv.push_back(t);
    }
  for (std::int64_t p = 0; p < n; ++p)
    jacobian.insert(jacobian.end(), C.begin(), C.end());

  const auto value = m->value({{"strain", strain}}).at("stress");
  EXPECT_EQ(value.dtype(), dtype());
  EXPECT_LE(scaled_error(value, sigma), tolerance(dtype(), 1e-14, 1e-6));
  const auto [out, J] = m->jacobian({{"strain", strain}});
  EXPECT_LE(scaled_error(J.at("stress").at("strain"), jacobian), tolerance(dtype(), 1e-14, 1e-6));
  const auto [out2, tangent] = m->jvp({{"strain", strain}}, {{"strain", direction}});
  EXPECT_LE(scaled_error(tangent.at("stress"), jv), tolerance(dtype(), 1e-14, 1e-6));

  auto eager = load_model(seed_input(), "elasticity");
  expect_equals_eager_on_cpu(GetParam(), value, eager->value({{"strain", strain}}).at("stress"), "stress");
  expect_equals_eager_on_cpu(GetParam(), J.at("stress").at("strain"),
                             eager->jacobian({{"strain", strain}}).second.at("stress").at("strain"), "dstress/dstrain");
}

namespace
{
/// `input` with Newton tolerances each precision can reach (the residuals are stresses of about
/// 100), written to `dir/name`.
std::string
with_reachable_tolerances(const std::string & input, bool f32, const TempDir & dir, const std::string & name)
{
  return edited_input(input, "    type = Newton\n",
                      f32 ? "    type = Newton\n    abs_tol = 1e-3\n    rel_tol = 1e-6\n"
                          : "    type = Newton\n    abs_tol = 1e-13\n    rel_tol = 1e-15\n",
                      dir, name);
}

/// Inputs for one step from the virgin state: every input zero, t = 1 (so t - t~1 = 1), and the
/// strain E = e (1, -1/2, -1/2) at point p for the p-th e of `strains`.
ValueMap
uniaxial_step_inputs(const Model & m, const std::vector<double> & strains, Dtype dtype)
{
  const auto n = static_cast<std::int64_t>(strains.size());
  ValueMap in;
  for (const auto & v : m.input_spec())
    in[v.name] = Tensor::zeros({n}, base_shape(v.type)).to(dtype);
  for (std::int64_t p = 0; p < n; ++p)
  {
    const double e = strains[static_cast<std::size_t>(p)];
    in["E"].set(p * 6 + 0, e);
    in["E"].set(p * 6 + 1, -e / 2);
    in["E"].set(p * 6 + 2, -e / 2);
    in["t"].set(p, 1.0);
  }
  return in;
}

/// σ = 2G (e - Δp) (1, -1/2, -1/2, 0, 0, 0) per point: the stress after a plastic strain
/// increment Δp along the uniaxial direction (von Mises stress 3G (e - Δp)).
std::vector<double>
uniaxial_stress(const std::vector<double> & strains, const std::vector<double> & dp, double G)
{
  std::vector<double> stress;
  for (std::size_t i = 0; i < strains.size(); ++i)
  {
    const double sxx = 2 * G * (strains[i] - dp[i]);
    stress.insert(stress.end(), {sxx, -sxx / 2, -sxx / 2, 0, 0, 0});
  }
  return stress;
}

/// The root of a continuous g with g(lo) and g(hi) of opposite signs, by bisection to the last
/// bit (an independent reference for the return-mapping equations below).
double
bisect(const std::function<double(double)> & g, double lo, double hi)
{
  const bool rising = g(hi) > g(lo);
  for (int k = 0; k < 200 && lo < hi; ++k)
  {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi)
      break;
    ((g(mid) > 0) == rising ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

/// The consistent tangent dσ/dE of `m` at `in`: against central differences of the same
/// backend's stress in float64 (float32 differences carry no useful digits, so there it is
/// compared with the float64 eager tangent); and on the CPU compiled backends, value and tangent
/// equal to the eager interpreter's bit for bit.
void
expect_tangent_and_eager(const BackendCase & c, Model & m, const ValueMap & in, const std::string & input)
{
  const auto n = in.at("E").batch_shape()[0];
  const auto [value, J] = m.jacobian(in);
  const auto & dsdE = J.at("stress").at("E");
  if (c.dtype == Dtype::Float64)
  {
    const double h = 1e-7;
    std::vector<double> fd(static_cast<std::size_t>(n * 36));
    for (int j = 0; j < 6; ++j)
    {
      ValueMap plus = in, minus = in;
      plus["E"] = in.at("E").clone();
      minus["E"] = in.at("E").clone();
      for (std::int64_t p = 0; p < n; ++p)
      {
        plus["E"].set(p * 6 + j, in.at("E").at(p * 6 + j) + h);
        minus["E"].set(p * 6 + j, in.at("E").at(p * 6 + j) - h);
      }
      const auto sp = m.value(plus).at("stress"), sm = m.value(minus).at("stress");
      for (std::int64_t p = 0; p < n; ++p)
        for (int i = 0; i < 6; ++i)
          fd[static_cast<std::size_t>(p * 36 + i * 6 + j)] = (sp.at(p * 6 + i) - sm.at(p * 6 + i)) / (2 * h);
    }
    EXPECT_LE(scaled_error(dsdE, fd), 1e-6);
  }
  else
  {
    ValueMap in64;
    for (const auto & [k, t] : in)
      in64[k] = t.to(Dtype::Float64);
    const auto J64 = load_model(input, "model")->jacobian(in64).second.at("stress").at("E");
    EXPECT_LE(scaled_error(dsdE, J64.to_vector()), 1e-4);
  }

  auto eager = load_model(input, "model");
  const auto [ev, eJ] = eager->jacobian(in);
  expect_equals_eager_on_cpu(c, value.at("stress"), ev.at("stress"), "stress");
  expect_equals_eager_on_cpu(c, dsdE, eJ.at("stress").at("E"), "dstress/dE");
}

constexpr double shear_modulus = 1e5 / 2.6; // E = 1e5, nu = 0.3 in every plasticity example

using ComplementarityOnEveryBackend = BackendMatrix;
using PerzynaOnEveryBackend = BackendMatrix;
} // namespace

// examples/plasticity/radial_return.i, one step from the virgin state under E = e (1, -1/2, -1/2):
// linear isotropic (K = 1000) and kinematic (H = 1000) hardening make the return exact, so
// ep = max(0, (3G e - 100) / (3G + K + 3H/2)) and σ_xx = 2G (e - ep), σ_yy = σ_zz = -σ_xx / 2.
// Strains span the elastic range, the yield point and deep plasticity. The consistent tangent
// dσ/dE (implicit function theorem through the Newton solve) is checked against central
// differences of the same backend's stress.
TEST_P(RadialReturnOnEveryBackend, OneStepMatchesTheClosedFormAndItsTangentMatchesDifferences)
{
  const auto input = with_reachable_tolerances(example("plasticity/radial_return.i"), f32(), dir, "radial_return.i");
  auto m = model(input, "model", {"stress:E"});
  const double G = shear_modulus, sy = 100, K = 1000, H = 1000;
  // (Not at the yield point itself, where the stress has a kink that differences cannot resolve.)
  const double ey = sy / (3 * G);
  const std::vector<double> strains = {0, 1e-4, 0.99 * ey, 1.01 * ey, 1e-3, 2e-3, 5e-3, 1e-2, 3e-2, 0.1, 0.2};
  const auto in = uniaxial_step_inputs(*m, strains, dtype());
  const auto out = m->value(in);

  std::vector<double> ep;
  for (double e : strains)
    ep.push_back(std::max(0.0, (3 * G * e - sy) / (3 * G + K + 1.5 * H)));
  EXPECT_LE(scaled_error(out.at("equivalent_plastic_strain"), ep), tolerance(dtype(), 1e-10, 1e-4));
  EXPECT_LE(scaled_error(out.at("stress"), uniaxial_stress(strains, ep, G)), tolerance(dtype(), 1e-10, 1e-4));
  expect_tangent_and_eager(GetParam(), *m, in, input);
}

// examples/plasticity/rate_independent_complementarity.i: the same return written as a min-map
// complementarity condition solved for (Ep, Kp, ep, flow rate) together, with Voce isotropic
// hardening R = 100 (1 - exp(-10 ep)) and linear kinematic hardening (H = 1000). One step from the
// virgin state: ep solves 3G e - (3G + 3H/2) ep - 100 - R(ep) = 0 when 3G e > 100 (else ep = 0),
// found here by bisection.
TEST_P(ComplementarityOnEveryBackend, OneStepMatchesTheVoceReturnAndItsTangentMatchesDifferences)
{
  const auto input = with_reachable_tolerances(example("plasticity/rate_independent_complementarity.i"), f32(), dir,
                                               "complementarity.i");
  auto m = model(input, "model", {"stress:E"});
  const double G = shear_modulus, sy = 100, H = 1000, Rinf = 100, b = 10;
  const double ey = sy / (3 * G);
  // Just past the yield point the flow rate is about 1e-5, below what float32 Newton resolves in
  // the min-map (min(-f, flow rate) picks either side within the tolerance), so the tangent there
  // may be the elastic one in float32: that point is float64 only.
  std::vector<double> strains = {0, 0.5 * ey, 0.99 * ey, 1e-3, 3e-3, 1e-2, 5e-2, 0.2};
  if (!f32())
    strains.push_back(1.01 * ey);
  const auto in = uniaxial_step_inputs(*m, strains, dtype());
  const auto out = m->value(in);

  std::vector<double> ep;
  for (double e : strains)
  {
    const auto g = [&](double p) { return 3 * G * e - (3 * G + 1.5 * H) * p - sy - Rinf * (1 - std::exp(-b * p)); };
    ep.push_back(3 * G * e <= sy ? 0.0 : bisect(g, 0.0, (3 * G * e - sy) / (3 * G + 1.5 * H)));
  }
  std::vector<double> plastic_strain; // Δp along the flow direction (1, -1/2, -1/2)
  for (double p : ep)
    plastic_strain.insert(plastic_strain.end(), {p, -p / 2, -p / 2, 0, 0, 0});
  EXPECT_LE(scaled_error(out.at("plastic_strain"), plastic_strain), tolerance(dtype(), 1e-10, 1e-4));
  EXPECT_LE(scaled_error(out.at("stress"), uniaxial_stress(strains, ep, G)), tolerance(dtype(), 1e-10, 1e-4));
  expect_tangent_and_eager(GetParam(), *m, in, input);
}

// examples/plasticity/viscoplasticity_isoharden.i: Perzyna viscoplasticity on NEML2's yield
// function f = c (σ_vm - 5 - 1000 ep), c = sqrt(2/3): flow rate γ = (f / 100)^2 where f > 0,
// ep rate = c γ, backward Euler on the stress rate and on ep, solved for (stress, ep). One step of
// dt = 1 from the virgin state: Δp solves Δp = c (c (3G e - (3G + 1000) Δp - 5) / 100)^2 with
// the overstress positive (else Δp = 0), found here by bisection.
TEST_P(PerzynaOnEveryBackend, OneStepMatchesTheViscoplasticUpdateAndItsTangentMatchesDifferences)
{
  const auto input =
      with_reachable_tolerances(example("plasticity/viscoplasticity_isoharden.i"), f32(), dir, "perzyna.i");
  auto m = model(input, "model", {"stress:E"});
  const double G = shear_modulus, sy = 5, K = 1000, eta = 100, c = std::sqrt(2.0 / 3.0);
  const double ey = sy / (3 * G);
  // (Not just past the yield point, where the overstress is smaller than a difference step moves it.)
  const std::vector<double> strains = {0, 0.5 * ey, 2 * ey, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1};
  const auto in = uniaxial_step_inputs(*m, strains, dtype());
  const auto out = m->value(in);

  std::vector<double> dp;
  for (double e : strains)
  {
    const double upper = (3 * G * e - sy) / (3 * G + K); // where the overstress vanishes
    const auto g = [&](double p) {
      const double rate = c * (3 * G * e - (3 * G + K) * p - sy) / eta;
      return p - c * rate * rate;
    };
    dp.push_back(upper <= 0 ? 0.0 : bisect(g, 0.0, upper));
  }
  EXPECT_LE(scaled_error(out.at("equivalent_plastic_strain"), dp), tolerance(dtype(), 1e-10, 1e-4));
  EXPECT_LE(scaled_error(out.at("stress"), uniaxial_stress(strains, dp, G)), tolerance(dtype(), 1e-10, 1e-4));
  expect_tangent_and_eager(GetParam(), *m, in, input);
}

INSTANTIATE_TEST_SUITE_P(Backends, ElasticityOnEveryBackend, ::testing::ValuesIn(every_backend_case()),
                         backend_case_label);
INSTANTIATE_TEST_SUITE_P(Backends, RadialReturnOnEveryBackend, ::testing::ValuesIn(every_backend_case()),
                         backend_case_label);
INSTANTIATE_TEST_SUITE_P(Backends, ComplementarityOnEveryBackend, ::testing::ValuesIn(every_backend_case()),
                         backend_case_label);
INSTANTIATE_TEST_SUITE_P(Backends, PerzynaOnEveryBackend, ::testing::ValuesIn(every_backend_case()),
                         backend_case_label);
