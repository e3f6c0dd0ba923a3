// Predictors of implicit updates.
#include "neml2/solvers/predictor.h"

#include "neml2/graph/sym.h"

namespace neml2
{
OptionSchema
ConstantExtrapolationPredictor::expected_options()
{
  return OptionSchema().doc("Initial guess: the previous step's value of each unknown (u~1), or zero when the "
                            "residual model does not read it.");
}

ConstantExtrapolationPredictor::ConstantExtrapolationPredictor(const Options & options, Factory &)
  : Predictor(options)
{
}

std::vector<std::string>
ConstantExtrapolationPredictor::extra_inputs(const std::string &) const
{
  return {};
}

std::vector<graph::NodeId>
ConstantExtrapolationPredictor::guess(const Staging & s, const std::string & u, std::size_t size,
                                      const std::function<bool(const std::string &)> & available) const
{
  if (available(u + "~1"))
    return s.variable_nodes(u + "~1");
  return std::vector<graph::NodeId>(size, s.graph()->constant(0.0));
}

OptionSchema
LinearExtrapolationPredictor::expected_options()
{
  return OptionSchema()
      .doc("Initial guess extrapolated linearly in time from the last two steps: u~1 + (u~1 - u~2) (t - t~1) / "
           "(t~1 - t~2); u~1 where t~1 = t~2 (the first step).")
      .optional("time", OptionKind::String, "t", "name of the time variable");
}

LinearExtrapolationPredictor::LinearExtrapolationPredictor(const Options & options, Factory &)
  : Predictor(options),
    _time(options.get_string("time"))
{
}

std::vector<std::string>
LinearExtrapolationPredictor::extra_inputs(const std::string & u) const
{
  return {u + "~1", u + "~2", _time, _time + "~1", _time + "~2"};
}

std::vector<graph::NodeId>
LinearExtrapolationPredictor::guess(const Staging & s, const std::string & u, std::size_t,
                                    const std::function<bool(const std::string &)> &) const
{
  using sym::Sym;
  auto * g = s.graph();
  auto scalar = [&](const std::string & name) { return Sym(g, s.variable_nodes(name)[0]); };
  const Sym t = scalar(_time), t1 = scalar(_time + "~1"), t2 = scalar(_time + "~2");
  const Sym dt_old = t1 - t2;
  const Sym factor = (t - t1) / dt_old;
  const Sym moving = sym::gt(sym::abs(dt_old), dt_old.lit(0.0));
  std::vector<graph::NodeId> out;
  const auto & u1 = s.variable_nodes(u + "~1");
  const auto & u2 = s.variable_nodes(u + "~2");
  for (std::size_t k = 0; k < u1.size(); ++k)
  {
    const Sym a(g, u1[k]), b(g, u2[k]);
    out.push_back(sym::where(moving, a + (a - b) * factor, a).id());
  }
  return out;
}

NEML2_REGISTER(Predictor, ConstantExtrapolationPredictor);
NEML2_REGISTER(Predictor, LinearExtrapolationPredictor);
} // namespace neml2
