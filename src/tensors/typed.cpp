// Typed tensors: base-shape checks, fill rules and identities.
#include "neml2/tensors/typed.h"

#include <algorithm>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2
{
namespace
{
constexpr double sqrt2 = 1.41421356237309504880;

/// One accepted component count of a type and how it maps to the stored components.
struct FillRule
{
  std::size_t count;
  void (*map)(const double * in, double * out); // `out` is zeroed beforehand
};

void
copy3(const double * in, double * out)
{
  std::copy_n(in, 3, out);
}

// clang-format off
const FillRule scalar_rules[] = {{1, [](const double * in, double * out) { out[0] = in[0]; }}};
const FillRule vec_rules[] = {{3, copy3}};
const FillRule quaternion_rules[] = {{4, [](const double * in, double * out) { std::copy_n(in, 4, out); }}};
const FillRule ssr4_rules[] = {{36, [](const double * in, double * out) { std::copy_n(in, 36, out); }}};
const FillRule sr2_rules[] = {
    {1, [](const double * in, double * out) { out[0] = out[1] = out[2] = in[0]; }},
    {3, copy3},
    {6, [](const double * in, double * out)
        {
          copy3(in, out);
          for (int i = 3; i < 6; ++i)
            out[i] = sqrt2 * in[i];
        }}};
const FillRule r2_rules[] = {
    {1, [](const double * in, double * out) { out[0] = out[4] = out[8] = in[0]; }},
    {3, [](const double * in, double * out) { out[0] = in[0]; out[4] = in[1]; out[8] = in[2]; }},
    // xx yy zz yz xz xy
    {6, [](const double * in, double * out)
        {
          out[0] = in[0]; out[4] = in[1]; out[8] = in[2];
          out[5] = out[7] = in[3];
          out[2] = out[6] = in[4];
          out[1] = out[3] = in[5];
        }},
    {9, [](const double * in, double * out) { std::copy_n(in, 9, out); }}};
// clang-format on

std::span<const FillRule>
rules(TypeKind kind)
{
  switch (kind)
  {
    case TypeKind::Scalar:
      return scalar_rules;
    case TypeKind::Vec:
    case TypeKind::WR2:
    case TypeKind::MRP:
    case TypeKind::MillerIndex:
      return vec_rules;
    case TypeKind::R2:
      return r2_rules;
    case TypeKind::SR2:
      return sr2_rules;
    case TypeKind::SSR4:
      return ssr4_rules;
    case TypeKind::Quaternion:
      return quaternion_rules;
  }
  return {};
}

const FillRule &
find_rule(TypeKind kind, std::size_t count)
{
  for (const auto & r : rules(kind))
    if (r.count == count)
      return r;
  throw ValueError(fmt::format("{} is filled with {} value(s), got {}", type_with_article(kind),
                               fmt::join(fill_counts(kind), ", "), count));
}

/// A tensor of `kind` whose every point has the components `comps`.
Tensor
constant_of(TypeKind kind, const Shape & batch, Dtype dtype, const std::vector<double> & comps)
{
  auto t = Tensor::zeros(batch, base_shape(kind), dtype);
  const auto nb = t.base_numel();
  for (std::int64_t p = 0; p < t.batch_numel(); ++p)
    for (std::int64_t i = 0; i < nb; ++i)
      t.set(p * nb + i, comps[static_cast<std::size_t>(i)]);
  return t;
}

std::vector<double>
ssr4_vol()
{
  std::vector<double> c(36, 0.0);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      c[i * 6 + j] = 1.0 / 3.0;
  return c;
}

std::vector<double>
ssr4_sym()
{
  std::vector<double> c(36, 0.0);
  for (std::size_t i = 0; i < 6; ++i)
    c[i * 6 + i] = 1.0;
  return c;
}
} // namespace

const Tensor &
check_base_shape(const Tensor & t, TypeKind kind)
{
  if (!t.defined())
    throw ValueError(fmt::format("cannot make {} from an undefined tensor", type_with_article(kind)));
  if (t.base_shape() != base_shape(kind))
    throw ValueError(fmt::format("{} has base shape {}, got a tensor of batch shape {} and base shape {}",
                                 type_with_article(kind), shape_str(base_shape(kind)), shape_str(t.batch_shape()),
                                 shape_str(t.base_shape())));
  return t;
}

Scalar::Scalar(double value, Dtype dtype)
  : TypedTensor(Tensor::full({}, {}, value, dtype))
{
}

std::vector<std::size_t>
fill_counts(TypeKind kind)
{
  std::vector<std::size_t> n;
  for (const auto & r : rules(kind))
    n.push_back(r.count);
  return n;
}

Tensor
fill(TypeKind kind, const std::vector<Scalar> & comps)
{
  const auto & rule = find_rule(kind, comps.size());
  std::vector<Shape> batches;
  Dtype dtype = Dtype::Float32;
  for (const auto & c : comps)
  {
    check_base_shape(c, TypeKind::Scalar);
    batches.push_back(c.batch_shape());
    if (c.dtype() == Dtype::Float64)
      dtype = Dtype::Float64;
  }
  const auto batch = broadcast_batch_shapes(batches, fmt::format("the components of a {}", type_name(kind)));
  std::vector<Tensor> expanded;
  for (const auto & c : comps)
    expanded.push_back(c.expand_batch(batch));
  auto out = Tensor::zeros(batch, base_shape(kind), dtype);
  const auto nb = out.base_numel();
  std::vector<double> in(comps.size()), res(static_cast<std::size_t>(nb));
  for (std::int64_t p = 0; p < out.batch_numel(); ++p)
  {
    for (std::size_t j = 0; j < comps.size(); ++j)
      in[j] = expanded[j].at(p);
    std::fill(res.begin(), res.end(), 0.0);
    rule.map(in.data(), res.data());
    for (std::int64_t i = 0; i < nb; ++i)
      out.set(p * nb + i, res[static_cast<std::size_t>(i)]);
  }
  return out;
}

Tensor
fill(TypeKind kind, const std::vector<double> & comps, Dtype dtype)
{
  std::vector<Scalar> s;
  for (auto v : comps)
    s.emplace_back(v, Dtype::Float64);
  return fill(kind, s).to(dtype);
}

R2
R2::identity(const Shape & batch, Dtype dtype)
{
  return R2(constant_of(kind, batch, dtype, {1, 0, 0, 0, 1, 0, 0, 0, 1}));
}

SR2
SR2::identity(const Shape & batch, Dtype dtype)
{
  return SR2(constant_of(kind, batch, dtype, {1, 1, 1, 0, 0, 0}));
}

SSR4
SSR4::identity_sym(const Shape & batch, Dtype dtype)
{
  return SSR4(constant_of(kind, batch, dtype, ssr4_sym()));
}

SSR4
SSR4::identity_vol(const Shape & batch, Dtype dtype)
{
  return SSR4(constant_of(kind, batch, dtype, ssr4_vol()));
}

SSR4
SSR4::identity_dev(const Shape & batch, Dtype dtype)
{
  auto s = ssr4_sym(), v = ssr4_vol();
  for (std::size_t i = 0; i < s.size(); ++i)
    s[i] -= v[i];
  return SSR4(constant_of(kind, batch, dtype, s));
}
} // namespace neml2
