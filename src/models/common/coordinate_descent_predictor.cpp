// CoordinateDescentPredictor: Gauss-Seidel over the coordinates of phi(rate) + A rate = b, each
// coordinate's scalar equation bisected in the driving force on [0, c] and polished by Newton.
#include "neml2/models/common/coordinate_descent_predictor.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace neml2
{
OptionSchema
CoordinateDescentPredictor::expected_options()
{
  return Model::expected_options()
      .doc("Warm start for an implicit update: the rate solving phi(rate) + coupling rate = trial_driving_force, "
           "with phi the inverse of the explicit rate law, by Gauss-Seidel sweeps over the coordinates (one per slip "
           "system, say), each solved in the driving force w by bisection on [0, c] and a few Newton steps. The rate "
           "law's other inputs are this model's inputs: one with a value per coordinate is read coordinate by "
           "coordinate, any other whole.")
      .required("rate_law", OptionKind::String, "the explicit rate law: the driving force in, the rate out")
      .required("driving_force_input", OptionKind::String, "which input of the rate law is the driving force")
      .optional("coupling", OptionKind::String, "coupling",
                "the coupling A (input): a Scalar with sub-batch (m, m), symmetric positive semi-definite, or a plain "
                "Scalar for one coordinate")
      .optional("trial_driving_force", OptionKind::String, "trial_driving_force",
                "the driving force b with every rate at zero (input): sub-batch (m), or none for one coordinate")
      .optional("rate", OptionKind::String, "rate", "the predicted rate (output), laid out like b")
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
    _sweeps(static_cast<int>(options.get_int("sweeps"))),
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
  // The sizes come from the models that provide A and b: (m, m) and (m), or none for one coordinate.
  declare_input_pending(_A, TypeKind::Scalar);
  declare_input_pending(_b, TypeKind::Scalar);
  for (const auto & v : law->input_spec())
    if (v.name != _w)
    {
      if (v.name == _A || v.name == _b)
        throw options.error("rate_law", fmt::format("the rate law '{}' reads '{}', which is also the coupling or the "
                                                    "trial driving force here",
                                                    name, v.name));
      declare_input_pending(v.name, v.type);
    }
  declare_output_following(_rate, TypeKind::Scalar, _b, "rate");
  adopt_parameter_providers(*law);
  // The law is applied one coordinate at a time: its graph is of one element.
  _law = std::make_unique<NestedModel>(std::move(law),
                                       std::vector<std::pair<std::string, std::string>>{{_law_rate, _w}}, true);
}

std::vector<std::pair<std::string, ParameterSpec *>>
CoordinateDescentPredictor::all_parameters()
{
  return _law->all_parameters();
}

void
CoordinateDescentPredictor::define(Staging & s) const
{
  auto * g = s.graph();
  const auto A = s.input_list<sym::Scalar>(_A);
  const auto b = s.input_list<sym::Scalar>(_b);
  const auto m = b.size();
  if (A.size() != m * m)
    throw ValueError(fmt::format("model '{}': the trial driving force '{}' has {} coordinate(s), so the coupling '{}' "
                                 "needs {} x {} values per point, but it has {}",
                                 name(), _b, m, _A, m, m, A.size()));
  // The rate law's other inputs at coordinate i: a value per coordinate is sliced, any other
  // value is read whole.
  std::vector<std::pair<std::string, std::size_t>> passthrough;
  for (const auto & v : _law->model().input_spec())
    if (v.name != _w)
    {
      const auto per = static_cast<std::size_t>(numel(base_shape(v.type)));
      const auto have = s.variable_nodes(v.name).size();
      if (have != per && have != m * per)
        throw ValueError(fmt::format("model '{}': the rate law's input '{}' has {} components per point: neither one "
                                     "{} nor one per coordinate ({})",
                                     name(), v.name, have, type_name(v.type), m));
      passthrough.emplace_back(v.name, per);
    }
  const auto given_at = [&](std::size_t i, const sym::Sym & w) {
    std::map<std::string, std::vector<graph::NodeId>> given = {{_w, {w.id()}}};
    for (const auto & [n, per] : passthrough)
    {
      const auto & nodes = s.variable_nodes(n);
      if (nodes.size() == per)
        given[n] = nodes;
      else
        given[n] = {nodes.begin() + static_cast<std::ptrdiff_t>(i * per),
                    nodes.begin() + static_cast<std::ptrdiff_t>((i + 1) * per)};
    }
    return given;
  };
  const auto rate_at = [&](std::size_t i, const sym::Sym & w) {
    return sym::Sym(g, _law->inline_into(s, given_at(i, w)).values.at(_law_rate)[0]);
  };

  // Coordinate i: the root of w + a g_i(w) = c, bracketed by [0, c] (a >= 0 and g keeps the sign
  // of w), in t = w / c in [0, 1] where sign(c) (t c + a g(t c) - c) rises from negative to
  // non-negative; bisected first (the equation is odd, so Newton from the far side overshoots),
  // then polished by Newton on the law's own tangent.
  const auto solve = [&](std::size_t i, const sym::Sym & a, const sym::Sym & c) {
    const auto zero = c.lit(0.0);
    const auto orientation = sym::where(sym::gt(zero, c), c.lit(-1.0), c.lit(1.0));
    sym::Sym lo = zero, hi = c.lit(1.0);
    for (int k = 0; k < _bisections; ++k)
    {
      const auto mid = (lo + hi) * 0.5;
      const auto w = mid * c;
      const auto below = sym::gt(zero, orientation * (w + a * rate_at(i, w) - c));
      lo = sym::where(below, mid, lo);
      hi = sym::where(below, hi, mid);
    }
    auto w = (lo + hi) * 0.5 * c;
    for (int k = 0; k < _polish; ++k)
    {
      const auto law = _law->inline_into(s, given_at(i, w));
      const sym::Sym gw(g, law.values.at(_law_rate)[0]), dg(g, law.derivatives.at({_law_rate, _w})[0]);
      w = w - (w + a * gw - c) / (a * dg + 1.0);
    }
    return rate_at(i, w);
  };

  // Gauss-Seidel from zero rates: coordinate i sees the others' latest rates through A. Only the
  // sequential sweep is coordinate descent, monotone in the convex potential of the system; one
  // coordinate needs one sweep.
  std::vector<sym::Sym> rate(m, b[0].sym().lit(0.0));
  const int sweeps = m == 1 ? 1 : _sweeps;
  for (int sweep = 0; sweep < sweeps; ++sweep)
    for (std::size_t i = 0; i < m; ++i)
    {
      sym::Sym c = b[i].sym();
      for (std::size_t j = 0; j < m; ++j)
        if (j != i && !(sweep == 0 && j > i)) // on the first sweep, later rates are still zero
          c = c - A[i * m + j].sym() * rate[j];
      rate[i] = solve(i, A[i * m + i].sym(), c);
    }
  std::vector<sym::Scalar> out(rate.begin(), rate.end());
  s.output_list(_rate, out);
}

NEML2_REGISTER(Model, CoordinateDescentPredictor);
} // namespace neml2
