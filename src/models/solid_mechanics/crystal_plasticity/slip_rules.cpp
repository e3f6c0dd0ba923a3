// Per-slip-system constitutive models (NEML2 v3's equations): the power-law slip rule, slip
// strengths (one evolving strength for all systems, or a Taylor obstacle strength per system),
// per-system forest dislocation evolution, and the sum of |slip rates|. The element-wise ones take
// their number of slip systems from the models that provide their inputs.
#include <fmt/format.h>

#include "neml2/models/common/option_helpers.h"
#include "neml2/models/model.h"
#include "neml2/models/solid_mechanics/crystal_plasticity/crystal_geometry.h"

namespace neml2
{
namespace
{
/// The lists `a` and `b` (per slip system) have the same length, or a ValueError names them.
void
check_same_systems(const Model & m, std::size_t a, const std::string & na, std::size_t b, const std::string & nb)
{
  if (a != b)
    throw ValueError(fmt::format("model '{}': '{}' has {} slip systems but '{}' has {}", m.name(), na, a, nb, b));
}

class PowerLawSlipRule : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("Power-law slip rule gamma_i = gamma0 |tau_i / tau_hat_i|^(n - 1) tau_i / tau_hat_i on every slip "
             "system.")
        .optional("resolved_shears", OptionKind::String, "resolved_shears",
                  "the resolved shears tau_i (input, per slip system)")
        .optional("slip_strengths", OptionKind::String, "slip_strengths",
                  "the slip strengths tau_hat_i (input, per slip system)")
        .optional("slip_rates", OptionKind::String, "slip_rates", "the slip rates gamma_i (output, per slip system)")
        .required("gamma0", OptionKind::String,
                  std::string("the reference slip rate (parameter 'gamma0')") + parameter_forms)
        .required("n", OptionKind::String, "the rate sensitivity exponent (parameter 'n'), as above");
  }

  PowerLawSlipRule(const Options & o, Factory & factory)
    : Model(o),
      _tau(o.get_string("resolved_shears")),
      _strength(o.get_string("slip_strengths")),
      _rate(o.get_string("slip_rates"))
  {
    if (_tau == _strength)
      throw o.error("slip_strengths", "resolved_shears and slip_strengths must be different variables");
    // One strength per resolved shear: a number of slip systems known for either is both's.
    declare_input_pending(_tau, TypeKind::Scalar);
    declare_input_pending(_strength, TypeKind::Scalar, _tau);
    _gamma0 = declare_parameter<sym::Scalar>("gamma0", o.get_string("gamma0"), "gamma0", factory);
    _n = declare_parameter<sym::Scalar>("n", o.get_string("n"), "n", factory);
    admit("gamma0", Admissible::positive("the reference slip rate"), "gamma0");
    admit("n", Admissible::positive("the rate exponent"), "n");
    declare_output_following(_rate, TypeKind::Scalar, _tau, "slip_rates");
  }

  void define(Staging & s) const override
  {
    const auto tau = s.input_list<sym::Scalar>(_tau);
    const auto strength = s.input_list<sym::Scalar>(_strength);
    check_same_systems(*this, tau.size(), _tau, strength.size(), _strength);
    const auto g0 = param(s, _gamma0).sym(), n = param(s, _n).sym();
    std::vector<sym::Scalar> rate;
    for (std::size_t i = 0; i < tau.size(); ++i)
    {
      const auto ratio = tau[i].sym() / strength[i].sym();
      rate.emplace_back(g0 * sym::pow(sym::abs(ratio), n - 1.0) * ratio);
    }
    s.output_list(_rate, rate);
  }

private:
  std::string _tau, _strength, _rate;
  Param<sym::Scalar> _gamma0, _n;
};

class SumSlipRates : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("The sum of the absolute slip rates over all slip systems, sum_i |gamma_i|.")
        .optional("slip_rates", OptionKind::String, "slip_rates", "the slip rates gamma_i (input, per slip system)")
        .optional("sum_slip_rates", OptionKind::String, "sum_slip_rates", "the sum (output)");
  }

  SumSlipRates(const Options & o, Factory &)
    : Model(o),
      _rates(o.get_string("slip_rates")),
      _sum(o.get_string("sum_slip_rates"))
  {
    declare_input_pending(_rates, TypeKind::Scalar);
    declare_output_distinct(_sum, TypeKind::Scalar, "sum_slip_rates");
  }

  /// The sum runs over the last sub-batch axis (the slip systems); any axes in front of it (the
  /// grains of a Taylor polycrystal) are the sum's.
  void resolve_sub_batch(const std::string & name, const Shape & sub_batch) override
  {
    if (name != _rates)
    {
      Model::resolve_sub_batch(name, sub_batch);
      return;
    }
    set_sub_batch(_rates, sub_batch);
    set_sub_batch(_sum, sub_batch.empty() ? Shape{} : Shape(sub_batch.begin(), sub_batch.end() - 1));
  }

  void define(Staging & s) const override
  {
    const auto rates = s.input_list<sym::Scalar>(_rates);
    const auto & shape = find_input(_rates)->sub_batch;
    const auto nslip = shape.empty() ? rates.size() : static_cast<std::size_t>(shape.back());
    std::vector<sym::Scalar> sums;
    for (std::size_t first = 0; first < rates.size(); first += nslip)
    {
      sym::Sym sum = sym::abs(rates.at(first).sym());
      for (std::size_t i = first + 1; i < first + nslip; ++i)
        sum = sum + sym::abs(rates[i].sym());
      sums.emplace_back(sum);
    }
    s.output_list(_sum, sums);
  }

private:
  std::string _rates, _sum;
};

class SingleSlipStrengthMap : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .merge(crystal_geometry_option())
        .doc("One strength for every slip system, tau_hat_i = slip_hardening + constant_strength.")
        .optional("slip_hardening", OptionKind::String, "slip_hardening",
                  "the evolving strength shared by all systems (input)")
        .optional("slip_strengths", OptionKind::String, "slip_strengths",
                  "the slip strengths tau_hat_i (output, per slip system)")
        .required("constant_strength", OptionKind::String,
                  std::string("the constant strength tau_0 (parameter 'constant_strength')") + parameter_forms);
  }

  SingleSlipStrengthMap(const Options & o, Factory & factory)
    : Model(o),
      _nslip(crystal_geometry(o, factory)->nslip()),
      _hardening(o.get_string("slip_hardening")),
      _strength(o.get_string("slip_strengths"))
  {
    declare_input(_hardening, TypeKind::Scalar);
    _tau0 = declare_parameter<sym::Scalar>("constant_strength", o.get_string("constant_strength"), "constant_strength",
                                           factory);
    declare_output_distinct(_strength, TypeKind::Scalar, "slip_strengths", {static_cast<std::int64_t>(_nslip)});
  }

  void define(Staging & s) const override
  {
    const sym::Scalar strength(s.input<sym::Scalar>(_hardening).sym() + param(s, _tau0).sym());
    s.output_list(_strength, std::vector<sym::Scalar>(_nslip, strength));
  }

private:
  std::size_t _nslip;
  std::string _hardening, _strength;
  Param<sym::Scalar> _tau0;
};

class DislocationObstacleStrengthMap : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("Taylor obstacle strength per slip system, tau_hat_i = constant_strength + alpha mu b sqrt(rho_i).")
        .optional("dislocation_density", OptionKind::String, "dislocation_density",
                  "the dislocation densities rho_i (input, per slip "
                  "system)")
        .optional("slip_strengths", OptionKind::String, "slip_strengths",
                  "the slip strengths tau_hat_i (output, per slip system)")
        .required("constant_strength", OptionKind::String,
                  std::string("the constant strength (parameter 'constant_strength')") + parameter_forms)
        .required("alpha", OptionKind::String, "the interaction coefficient (parameter 'alpha'), as above")
        .required("mu", OptionKind::String, "the shear modulus (parameter 'mu'), as above")
        .required("b", OptionKind::String, "the Burgers vector length (parameter 'b'), as above");
  }

  DislocationObstacleStrengthMap(const Options & o, Factory & factory)
    : Model(o),
      _rho(o.get_string("dislocation_density")),
      _strength(o.get_string("slip_strengths"))
  {
    declare_input_pending(_rho, TypeKind::Scalar);
    _tau0 = declare_parameter<sym::Scalar>("constant_strength", o.get_string("constant_strength"), "constant_strength",
                                           factory);
    _alpha = declare_parameter<sym::Scalar>("alpha", o.get_string("alpha"), "alpha", factory);
    _mu = declare_parameter<sym::Scalar>("mu", o.get_string("mu"), "mu", factory);
    _b = declare_parameter<sym::Scalar>("b", o.get_string("b"), "b", factory);
    declare_output_following(_strength, TypeKind::Scalar, _rho, "slip_strengths");
  }

  void define(Staging & s) const override
  {
    const auto c = param(s, _alpha).sym() * param(s, _mu).sym() * param(s, _b).sym();
    std::vector<sym::Scalar> out;
    for (const auto & rho : s.input_list<sym::Scalar>(_rho))
      out.emplace_back(param(s, _tau0).sym() + c * sym::sqrt(rho.sym()));
    s.output_list(_strength, out);
  }

private:
  std::string _rho, _strength;
  Param<sym::Scalar> _tau0, _alpha, _mu, _b;
};

class PerSlipForestDislocationEvolution : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("Forest dislocation evolution on every slip system, rho_i rate = (k1 sqrt(rho_i) - k2 rho_i) |gamma_i|.")
        .optional("dislocation_density", OptionKind::String, "dislocation_density",
                  "the dislocation densities rho_i (input, per slip "
                  "system)")
        .optional("slip_rates", OptionKind::String, "slip_rates", "the slip rates gamma_i (input, per slip system)")
        .optional("dislocation_density_rate", OptionKind::String, "",
                  "the rates of rho_i (output, per slip system; default: <dislocation_density>_rate)")
        .required("k1", OptionKind::String, std::string("the hardening coefficient (parameter 'k1')") + parameter_forms)
        .required("k2", OptionKind::String, "the recovery coefficient (parameter 'k2'), as above");
  }

  PerSlipForestDislocationEvolution(const Options & o, Factory & factory)
    : Model(o),
      _rho(o.get_string("dislocation_density")),
      _rates(o.get_string("slip_rates")),
      _out(o.get_string("dislocation_density_rate").empty() ? _rho + "_rate" : o.get_string("dislocation_density_rate"))
  {
    if (_rho == _rates)
      throw o.error("slip_rates", "dislocation_density and slip_rates must be different variables");
    // One density per slip rate: the slip rule's systems size the densities too.
    declare_input_pending(_rho, TypeKind::Scalar);
    declare_input_pending(_rates, TypeKind::Scalar, _rho);
    _k1 = declare_parameter<sym::Scalar>("k1", o.get_string("k1"), "k1", factory);
    _k2 = declare_parameter<sym::Scalar>("k2", o.get_string("k2"), "k2", factory);
    declare_output_following(_out, TypeKind::Scalar, _rho, "dislocation_density_rate");
  }

  void define(Staging & s) const override
  {
    const auto rho = s.input_list<sym::Scalar>(_rho);
    const auto rates = s.input_list<sym::Scalar>(_rates);
    check_same_systems(*this, rho.size(), _rho, rates.size(), _rates);
    const auto k1 = param(s, _k1).sym(), k2 = param(s, _k2).sym();
    std::vector<sym::Scalar> out;
    for (std::size_t i = 0; i < rho.size(); ++i)
      out.emplace_back((k1 * sym::sqrt(rho[i].sym()) - k2 * rho[i].sym()) * sym::abs(rates[i].sym()));
    s.output_list(_out, out);
  }

private:
  std::string _rho, _rates, _out;
  Param<sym::Scalar> _k1, _k2;
};

/// VoceSingleSlipHardeningRule and LinearSingleSlipHardeningRule: the rate of the strength shared
/// by all slip systems, driven by the sum of the absolute slip rates.
class SingleSlipHardeningRule : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .optional("slip_hardening", OptionKind::String, "slip_hardening", "the evolving strength tau (input)")
        .optional("sum_slip_rates", OptionKind::String, "sum_slip_rates", "sum_i |gamma_i| (input)")
        .optional("slip_hardening_rate", OptionKind::String, "slip_hardening_rate", "the rate of tau (output)");
  }

  SingleSlipHardeningRule(const Options & o)
    : Model(o),
      _tau(o.get_string("slip_hardening")),
      _sum(o.get_string("sum_slip_rates")),
      _rate(o.get_string("slip_hardening_rate"))
  {
    if (_tau == _sum)
      throw o.error("sum_slip_rates", "slip_hardening and sum_slip_rates must be different variables");
    declare_input(_tau, TypeKind::Scalar);
    declare_input(_sum, TypeKind::Scalar);
  }

protected:
  std::string _tau, _sum, _rate;
};

class VoceSingleSlipHardeningRule : public SingleSlipHardeningRule
{
public:
  static OptionSchema expected_options()
  {
    return SingleSlipHardeningRule::expected_options()
        .doc("Voce hardening of the strength shared by all slip systems, tau rate = theta0 (1 - tau / tau_f) sum_i "
             "|gamma_i|.")
        .required("initial_slope", OptionKind::String,
                  std::string("the initial hardening rate theta0 (parameter 'initial_slope')") + parameter_forms)
        .required("saturated_hardening", OptionKind::String,
                  "the saturated strength tau_f (parameter 'saturated_hardening'), as above");
  }

  VoceSingleSlipHardeningRule(const Options & o, Factory & factory)
    : SingleSlipHardeningRule(o)
  {
    _theta0 = declare_parameter<sym::Scalar>("initial_slope", o.get_string("initial_slope"), "initial_slope", factory);
    _tauf = declare_parameter<sym::Scalar>("saturated_hardening", o.get_string("saturated_hardening"),
                                           "saturated_hardening", factory);
    declare_output_distinct(_rate, TypeKind::Scalar, "slip_hardening_rate");
  }

  void define(Staging & s) const override
  {
    const sym::Sym tau = s.input<sym::Scalar>(_tau), sum = s.input<sym::Scalar>(_sum);
    s.output(_rate, sym::Scalar(param(s, _theta0).sym() * (1.0 - tau / param(s, _tauf).sym()) * sum));
  }

private:
  Param<sym::Scalar> _theta0, _tauf;
};

class LinearSingleSlipHardeningRule : public SingleSlipHardeningRule
{
public:
  static OptionSchema expected_options()
  {
    return SingleSlipHardeningRule::expected_options()
        .doc("Linear hardening of the strength shared by all slip systems, tau rate = theta sum_i |gamma_i|.")
        .required("hardening_slope", OptionKind::String,
                  std::string("the hardening slope theta (parameter 'hardening_slope')") + parameter_forms);
  }

  LinearSingleSlipHardeningRule(const Options & o, Factory & factory)
    : SingleSlipHardeningRule(o)
  {
    _theta =
        declare_parameter<sym::Scalar>("hardening_slope", o.get_string("hardening_slope"), "hardening_slope", factory);
    declare_output_distinct(_rate, TypeKind::Scalar, "slip_hardening_rate");
  }

  void define(Staging & s) const override
  {
    s.output(_rate, sym::Scalar(param(s, _theta).sym() * s.input<sym::Scalar>(_sum).sym()));
  }

private:
  Param<sym::Scalar> _theta;
};

NEML2_REGISTER(Model, PowerLawSlipRule);
NEML2_REGISTER(Model, SumSlipRates);
NEML2_REGISTER(Model, SingleSlipStrengthMap);
NEML2_REGISTER(Model, DislocationObstacleStrengthMap);
NEML2_REGISTER(Model, PerSlipForestDislocationEvolution);
NEML2_REGISTER(Model, VoceSingleSlipHardeningRule);
NEML2_REGISTER(Model, LinearSingleSlipHardeningRule);
} // namespace
} // namespace neml2
