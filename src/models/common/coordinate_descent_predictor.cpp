// CoordinateDescentPredictor (one coordinate): bisect w + A g(w) = b on [0, b], polish by Newton.
#include "neml2/models/common/coordinate_descent_predictor.h"

#include <set>

#include <fmt/format.h>

namespace neml2
{
OptionSchema
CoordinateDescentPredictor::expected_options()
{
  return Model::expected_options()
      .doc("Warm start for an implicit update: the rate solving phi(rate) + coupling rate = trial_driving_force, "
           "with phi the inverse of the explicit rate law; solved in the driving force w by bisection on [0, "
           "trial_driving_force] and a few Newton steps. The rate law's other inputs are this model's inputs.")
      .required("rate_law", OptionKind::String, "the explicit rate law: the driving force in, the rate out")
      .required("driving_force_input", OptionKind::String, "which input of the rate law is the driving force")
      .optional("coupling", OptionKind::String, "coupling", "the coupling A >= 0 (input)")
      .optional("trial_driving_force", OptionKind::String, "trial_driving_force",
                "the driving force b with every rate at zero (input)")
      .optional("rate", OptionKind::String, "rate", "the predicted rate (output)")
      .optional("sweeps", OptionKind::Int, "16",
                "Gauss-Seidel sweeps over the coordinates (with one coordinate every sweep solves the same equation, "
                "so one is done)")
      .optional("bisections", OptionKind::Int, "16", "halvings of the bracket [0, b] before the Newton polish")
      .optional("polish", OptionKind::Int, "3", "Newton steps after the bisections");
}

CoordinateDescentPredictor::CoordinateDescentPredictor(const Options & options, Factory & factory)
  : Model(options),
    _w(options.get_string("driving_force_input")),
    _A(options.get_string("coupling")),
    _b(options.get_string("trial_driving_force")),
    _rate(options.get_string("rate")),
    _bisections(static_cast<int>(options.get_int("bisections"))),
    _polish(static_cast<int>(options.get_int("polish")))
{
  for (const auto * o : {"sweeps", "bisections", "polish"})
    if (options.get_int(o) < 0)
      throw options.error(o, fmt::format("expected a count of 0 or more, got {}", options.get_int(o)));
  if (options.get_int("sweeps") < 1)
    throw options.error("sweeps", "expected at least one sweep");
  const auto name = options.get_string("rate_law");
  if (name == this->name())
    throw options.error("rate_law", "CoordinateDescentPredictor cannot use itself as its rate law");
  auto law = factory.get_model(name);
  const auto * w = law->find_input(_w);
  if (!w)
    throw options.error("driving_force_input",
                        fmt::format("'{}' is not an input of the rate law '{}'{}; its inputs are: {}", _w, name,
                                    did_you_mean(_w, law->input_spec()), names_of(law->input_spec())));
  if (w->type != TypeKind::Scalar)
    throw options.error("driving_force_input", fmt::format("the driving force '{}' must be a Scalar, but the rate law "
                                                           "'{}' takes it as {}",
                                                           _w, name, type_with_article(w->type)));
  if (law->output_spec().size() != 1 || law->output_spec()[0].type != TypeKind::Scalar)
    throw options.error("rate_law", fmt::format("the rate law '{}' must have exactly one output, the Scalar rate; it "
                                                "has: {}",
                                                name, names_of(law->output_spec())));
  _law_rate = law->output_spec()[0].name;
  if (std::set<std::string>{_A, _b}.size() != 2)
    throw options.error("trial_driving_force", "coupling and trial_driving_force must be different variables");
  declare_input(_A, TypeKind::Scalar);
  declare_input(_b, TypeKind::Scalar);
  for (const auto & v : law->input_spec())
    if (v.name != _w)
    {
      if (v.name == _A || v.name == _b)
        throw options.error("rate_law", fmt::format("the rate law '{}' reads '{}', which is also the coupling or the "
                                                    "trial driving force here",
                                                    name, v.name));
      declare_input(v.name, v.type, v.sub_batch);
    }
  declare_output_distinct(_rate, TypeKind::Scalar, "rate");
  adopt_parameter_providers(*law);
  _law =
      std::make_unique<NestedModel>(std::move(law), std::vector<std::pair<std::string, std::string>>{{_law_rate, _w}});
}

std::vector<std::pair<std::string, ParameterSpec *>>
CoordinateDescentPredictor::named_parameters()
{
  return _law->named_parameters();
}

void
CoordinateDescentPredictor::define(Staging & s) const
{
  auto * g = s.graph();
  const sym::Sym A = s.input<sym::Scalar>(_A), b = s.input<sym::Scalar>(_b);
  const auto law = [&](const sym::Sym & w) { return _law->inline_into(s, {{_w, {w.id()}}}); };
  const auto rate_at = [&](const sym::Sym & w) { return sym::Sym(g, law(w).values.at(_law_rate)[0]); };

  // The root t of sign(b) (t b + A g(t b) - b) in t in [0, 1]: negative at 0, non-negative at 1.
  const auto zero = b.lit(0.0);
  const auto orientation = sym::where(sym::gt(zero, b), b.lit(-1.0), b.lit(1.0));
  sym::Sym lo = zero, hi = b.lit(1.0);
  for (int k = 0; k < _bisections; ++k)
  {
    const auto mid = (lo + hi) * 0.5;
    const auto w = mid * b;
    const auto below = sym::gt(zero, orientation * (w + A * rate_at(w) - b));
    lo = sym::where(below, mid, lo);
    hi = sym::where(below, hi, mid);
  }
  auto w = (lo + hi) * 0.5 * b;
  for (int k = 0; k < _polish; ++k)
  {
    const auto c = law(w);
    const sym::Sym gw(g, c.values.at(_law_rate)[0]), dg(g, c.derivatives.at({_law_rate, _w})[0]);
    w = w - (w + A * gw - b) / (A * dg + 1.0);
  }
  s.output(_rate, sym::Scalar(rate_at(w)));
}

NEML2_REGISTER(Model, CoordinateDescentPredictor);
} // namespace neml2
