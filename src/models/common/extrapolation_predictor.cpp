// ConstantExtrapolationPredictor, LinearExtrapolationPredictor: initial guesses as models
// (NEML2 v3's form; the [Predictors] objects of solvers/predictor.cpp are the older form).
#include "neml2/models/common/extrapolation_predictor.h"

#include <limits>

#include <fmt/format.h>

#include "neml2/graph/sym.h"

namespace neml2::models
{
OptionSchema
ExtrapolationPredictor::predictor_options(bool linear)
{
  auto schema = Model::expected_options().doc(
      linear ? "Initial guess of an implicit update extrapolated linearly in time from the last two steps, "
               "u = u~1 + (u~1 - u~2) (t - t~1) / (t~1 - t~2), for each listed unknown u; on a step without "
               "history (|t~1 - t~2| at most the machine epsilon) u = u~1, or the variable that `cold` "
               "names. Referenced by an ImplicitUpdate's `predictor` option."
             : "Initial guess of an implicit update: each listed unknown u takes its previous value u~1; "
               "with `cold`, on a step without history (|t~1 - t~2| at most the machine epsilon) it takes "
               "the named variable instead. Referenced by an ImplicitUpdate's `predictor` option.");
  for (int k = 0; k < num_type_kinds; ++k)
  {
    const auto type = std::string(type_name(static_cast<TypeKind>(k)));
    schema.optional("unknowns_" + type, OptionKind::Strings, "", "the unknowns of type " + type + " to extrapolate");
  }
  schema.optional("cold", OptionKind::Strings, "",
                  "'unknown:variable' pairs: on a step without history the unknown is seeded from the variable "
                  "(of the unknown's type) instead of its previous value");
  schema.optional("time", OptionKind::String, "t", "the time variable (its history t~1, t~2 is read as well)");
  return schema;
}

ExtrapolationPredictor::ExtrapolationPredictor(const Options & options, bool linear)
  : Model(options),
    _time(options.get_string("time")),
    _linear(linear)
{
  std::map<std::string, std::string> cold;
  for (const auto & entry : options.get_strings("cold"))
  {
    const auto colon = entry.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == entry.size())
      throw options.error("cold", fmt::format("'{}' is not an 'unknown:variable' pair", entry));
    const auto u = entry.substr(0, colon);
    if (!cold.emplace(u, entry.substr(colon + 1)).second)
      throw options.error("cold", fmt::format("unknown '{}' is given a cold value twice", u));
  }
  for (int k = 0; k < num_type_kinds; ++k)
  {
    const auto type = static_cast<TypeKind>(k);
    const auto option = "unknowns_" + std::string(type_name(type));
    for (const auto & u : options.get_strings(option))
    {
      for (const auto & seen : _unknowns)
        if (seen.name == u)
          throw options.error(option, fmt::format("unknown '{}' is listed twice", u));
      _unknowns.push_back({u, type, ""});
    }
  }
  if (_unknowns.empty())
    throw options.error("unknowns_Scalar", "list the unknowns to extrapolate with unknowns_Scalar, unknowns_SR2, ...");
  for (auto & u : _unknowns)
    if (auto it = cold.find(u.name); it != cold.end())
    {
      u.cold = it->second;
      cold.erase(it);
    }
  if (!cold.empty())
  {
    std::vector<std::string> names;
    for (const auto & u : _unknowns)
      names.push_back(u.name);
    throw options.error(
        "cold", fmt::format("'{}' is not one of the unknowns ({})", cold.begin()->first, fmt::join(names, ", ")));
  }

  const bool history =
      _linear || std::any_of(_unknowns.begin(), _unknowns.end(), [](const Unknown & u) { return !u.cold.empty(); });
  // Element-wise: each unknown's guess, history and cold value share one sub-batch.
  for (const auto & u : _unknowns)
    declare_input_pending(u.name + "~1", u.type);
  if (history)
  {
    declare_input(_time, TypeKind::Scalar);
    declare_input(_time + "~1", TypeKind::Scalar);
    declare_input(_time + "~2", TypeKind::Scalar);
  }
  for (const auto & u : _unknowns)
  {
    if (_linear)
      declare_input_pending(u.name + "~2", u.type, u.name + "~1");
    if (!u.cold.empty() && !find_input(u.cold))
      declare_input_pending(u.cold, u.type, u.name + "~1");
    declare_output_following(u.name, u.type, u.name + "~1", "unknowns_" + std::string(type_name(u.type)));
  }
}

void
ExtrapolationPredictor::define(Staging & s) const
{
  using sym::Sym;
  auto * g = s.graph();
  const bool history = find_input(_time + "~2") != nullptr;
  Sym warm, ratio;
  if (history)
  {
    auto scalar = [&](const std::string & name) { return Sym(g, s.variable_nodes(name)[0]); };
    const Sym t = scalar(_time), t1 = scalar(_time + "~1"), t2 = scalar(_time + "~2");
    const double eps =
        g->dtype() == Dtype::Float32 ? std::numeric_limits<float>::epsilon() : std::numeric_limits<double>::epsilon();
    const Sym dt_old = t1 - t2;
    warm = sym::gt(sym::abs(dt_old), dt_old.lit(eps));
    // Divide by 1 where there is no history, so the branch not taken holds no inf or NaN.
    ratio = (t - t1) / sym::where(warm, dt_old, dt_old.lit(1.0));
  }
  for (const auto & u : _unknowns)
  {
    const auto & u1 = s.variable_nodes(u.name + "~1");
    std::vector<graph::NodeId> out;
    for (std::size_t k = 0; k < u1.size(); ++k)
    {
      const Sym a(g, u1[k]);
      Sym guess = a;
      if (_linear)
        guess = a + (a - Sym(g, s.variable_nodes(u.name + "~2")[k])) * ratio;
      if (history)
        guess = sym::where(warm, guess, u.cold.empty() ? a : Sym(g, s.variable_nodes(u.cold)[k]));
      out.push_back(guess.id());
    }
    s.set_variable_nodes(u.name, out);
  }
}

NEML2_REGISTER(Model, ConstantExtrapolationPredictor);
NEML2_REGISTER(Model, LinearExtrapolationPredictor);
} // namespace neml2::models
