// Fill<Type> (FillSR2, FillR2, FillWR2, FillVec, FillMillerIndex, FillRot): a tensor from a
// list of Scalars, each a number or the name of a (possibly batched) [Tensors] Scalar.
#include <algorithm>
#include <cmath>

#include "generator_util.h"

namespace neml2::generators
{
namespace
{
std::string
counts_text(TypeKind k)
{
  const auto c = fill_counts(k);
  if (c.size() == 1)
    return std::to_string(c[0]);
  std::string s;
  for (std::size_t i = 0; i < c.size(); ++i)
    s += (i == 0 ? "" : (i + 1 == c.size() ? " or " : ", ")) + std::to_string(c[i]);
  return s;
}

/// Resolves `values` and checks their count against the fill rules of K.
template <TypeKind K>
std::vector<Scalar>
fill_values(const Options & o, Factory & f)
{
  const auto n = o.get_strings("values").size();
  const auto allowed = fill_counts(K);
  if (std::find(allowed.begin(), allowed.end(), n) == allowed.end())
    throw o.error("values",
                  fmt::format("{} is filled with {} value(s), got {}", type_with_article(K), counts_text(K), n));
  return resolve_scalars(o, "values", f);
}

template <TypeKind K>
Tensor
fill_checked(const Options & o, const std::vector<Scalar> & v)
{
  try
  {
    return neml2::fill(K, v);
  }
  catch (const ValueError & e) // batch shapes that do not broadcast
  {
    throw o.error("values", e.what());
  }
}

template <TypeKind K>
class Fill : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return OptionSchema()
        .doc(fmt::format("{} filled from {} Scalars (numbers or names of [Tensors] Scalars, whose batch "
                         "shapes broadcast).{}",
                         sentence_type(K), counts_text(K),
                         K == TypeKind::SR2  ? " 1 value: a a a on the diagonal; 3: the diagonal xx yy zz; 6: "
                                               "xx yy zz yz xz xy in tensor form (stored as Mandel)."
                         : K == TypeKind::R2 ? " 1 value: the diagonal; 3: the diagonal; 6: symmetric xx yy zz "
                                               "yz xz xy; 9: row-major."
                                             : ""))
        .required("values", OptionKind::Strings, "the components");
  }

  Fill(const Options & o, Factory & f)
    : TensorObject(o, K)
  {
    set_value(fill_checked<K>(o, fill_values<K>(o, f)));
  }
};

/// FillRot: a modified Rodrigues parameter from 3 values, either the MRP itself ("modified") or
/// a standard Rodrigues vector r converted to r / (1 + sqrt(1 + r·r)) ("standard").
class FillRot : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return OptionSchema()
        .doc("A rotation (modified Rodrigues parameters) from 3 Scalars.")
        .required("values", OptionKind::Strings, "the 3 components")
        .choice("method", {"modified", "standard"}, "modified",
                "'modified': the values are the MRP; 'standard': a standard Rodrigues vector");
  }

  FillRot(const Options & o, Factory & f)
    : TensorObject(o, TypeKind::MRP)
  {
    auto v = fill_values<TypeKind::MRP>(o, f);
    auto t = fill_checked<TypeKind::MRP>(o, v);
    if (o.get_string("method") == "standard")
      for (std::int64_t p = 0; p < t.batch_numel(); ++p)
      {
        const double x = t.at(3 * p), y = t.at(3 * p + 1), z = t.at(3 * p + 2);
        const double d = std::sqrt(1.0 + (x * x + y * y + z * z)) + 1.0;
        for (int i = 0; i < 3; ++i)
          t.set(3 * p + i, t.at(3 * p + i) / d);
      }
    set_value(t);
  }
};

using FillVec = Fill<TypeKind::Vec>;
using FillR2 = Fill<TypeKind::R2>;
using FillSR2 = Fill<TypeKind::SR2>;
using FillWR2 = Fill<TypeKind::WR2>;
using FillMillerIndex = Fill<TypeKind::MillerIndex>;
using FillMRP = FillRot;
NEML2_REGISTER(Tensor, FillVec);
NEML2_REGISTER(Tensor, FillR2);
NEML2_REGISTER(Tensor, FillSR2);
NEML2_REGISTER(Tensor, FillWR2);
NEML2_REGISTER(Tensor, FillMillerIndex);
NEML2_REGISTER(Tensor, FillRot);
NEML2_REGISTER(Tensor, FillMRP);
} // namespace
} // namespace neml2::generators
