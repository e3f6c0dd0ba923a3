// SR2Invariant: I1, I2, von Mises and effective-strain invariants of an SR2.
#include "neml2/models/common/sr2_invariant.h"

#include <algorithm>

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
namespace
{
const std::vector<std::string> type_names_ = {"I1", "I2", "VONMISES", "EFFECTIVE_STRAIN"};

/// sqrt(x) for x >= 0 with the derivative at x = 0 taken as 0 instead of infinity: the select
/// keeps the 0/0 of the sqrt branch's derivative out of the result.
sym::Sym
sqrt_safe(const sym::Sym & x)
{
  const auto zero = x.lit(0.0);
  const auto pos = sym::gt(x, zero);
  return sym::where(pos, sym::sqrt(sym::where(pos, x, x.lit(1.0))), zero);
}
} // namespace

OptionSchema
SR2Invariant::expected_options()
{
  return Model::expected_options()
      .doc("An invariant of a symmetric second-order tensor A, with S = dev(A): I1 = tr(A), I2 = (tr(A)^2 - "
           "A:A)/2, VONMISES = sqrt(3/2 S:S), EFFECTIVE_STRAIN = sqrt(2/3 A:A). The norms have derivative 0 where "
           "their argument is 0.")
      .choice("invariant_type", type_names_, "", "which invariant")
      .optional("tensor", OptionKind::String, "tensor", "the SR2 variable A")
      .optional("invariant", OptionKind::String, "invariant", "the Scalar output variable");
}

SR2Invariant::SR2Invariant(const Options & options, Factory &)
  : Model(options),
    _tensor(options.get_string("tensor")),
    _invariant(options.get_string("invariant"))
{
  const auto t = options.get_string("invariant_type");
  _type = static_cast<Type>(std::find(type_names_.begin(), type_names_.end(), t) - type_names_.begin());
  declare_input(_tensor, TypeKind::SR2);
  declare_output(_invariant, TypeKind::Scalar);
}

void
SR2Invariant::define(Staging & s) const
{
  const auto A = s.input<sym::SR2>(_tensor);
  sym::Sym r;
  switch (_type)
  {
    case Type::I1:
      r = sym::tr(A);
      break;
    case Type::I2:
      r = sym::second_invariant(A);
      break;
    case Type::VONMISES:
      r = sqrt_safe(1.5 * sym::norm_sq(sym::dev(A)));
      break;
    case Type::EFFECTIVE_STRAIN:
      r = sqrt_safe(2.0 / 3.0 * sym::norm_sq(A));
      break;
  }
  s.output(_invariant, sym::Scalar(r));
}

NEML2_REGISTER(Model, SR2Invariant);
} // namespace neml2
