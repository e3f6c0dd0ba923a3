// MinMapComplementarity: r = min(s_a a, s_b b).
#include "neml2/models/common/min_map_complementarity.h"

namespace neml2
{
OptionSchema
complementarity_options(const std::string & doc)
{
  return Model::expected_options()
      .doc(doc)
      .optional("a", OptionKind::String, "a", "the first condition a (e.g. the yield function)")
      .optional("b", OptionKind::String, "b", "the second condition b (e.g. the flow rate)")
      .choice("a_inequality", {"LE", "GE"}, "LE", "a <= 0 (LE) or a >= 0 (GE)")
      .choice("b_inequality", {"LE", "GE"}, "GE", "b <= 0 (LE) or b >= 0 (GE)")
      .optional("complementarity", OptionKind::String, "complementarity", "the output residual r");
}

void
read_complementarity_options(const Options & options, std::string & a, std::string & b, std::string & r, double & sa,
                             double & sb)
{
  a = options.get_string("a");
  b = options.get_string("b");
  r = options.get_string("complementarity");
  sa = options.get_string("a_inequality") == "LE" ? -1.0 : 1.0;
  sb = options.get_string("b_inequality") == "LE" ? -1.0 : 1.0;
  if (a == b)
    throw options.error("b", "the two conditions must be different variables, got '" + a + "' twice");
  if (r == a || r == b)
    throw options.error("complementarity", "the output '" + r + "' must differ from the conditions a and b");
}

OptionSchema
MinMapComplementarity::expected_options()
{
  return complementarity_options(
      "Complementarity condition a' >= 0, b' >= 0, a' b' = 0 as the minimum map r = min(a', b'), with a' = -a "
      "for a_inequality = LE and a' = a for GE (likewise b'). The derivative follows the smaller argument (b's on a "
      "tie).");
}

MinMapComplementarity::MinMapComplementarity(const Options & options, Factory &)
  : Model(options)
{
  read_complementarity_options(options, _a, _b, _r, _sa, _sb);
  declare_input(_a, TypeKind::Scalar);
  declare_input(_b, TypeKind::Scalar);
  declare_output(_r, TypeKind::Scalar);
}

void
MinMapComplementarity::define(Staging & s) const
{
  const auto a = _sa * s.input<sym::Scalar>(_a).sym();
  const auto b = _sb * s.input<sym::Scalar>(_b).sym();
  // where(b > a, a, b): a strictly smaller picks a, a tie picks b (as NEML2's mask).
  s.output(_r, sym::Scalar(sym::where(sym::gt(b, a), a, b)));
}

NEML2_REGISTER(Model, MinMapComplementarity);
} // namespace neml2
