// Symbolic values that models stage their math on: each operation records IR nodes.
//
// `Sym` is one scalar node; `SymTensor<K>` is a typed tensor of component nodes
// (`sym::SR2` is six). Models write `3.0 * K * vol(eps) + 2.0 * G * dev(eps)` and the graph
// records it; the same graph is then interpreted, compiled and differentiated.
#pragma once

#include <array>
#include <vector>

#include "neml2/base/error.h"
#include "neml2/graph/graph.h"

namespace neml2::sym
{
using graph::Graph;
using graph::NodeId;
using graph::OpKind;

/// One symbolic scalar (a node of a graph).
class Sym
{
public:
  Sym() = default;
  Sym(Graph * g, NodeId id)
    : _g(g),
      _id(id)
  {
  }
  static Sym constant(Graph * g, double v) { return {g, g->constant(v)}; }

  Graph * graph() const { return _g; }
  NodeId id() const { return _id; }
  bool valid() const { return _g != nullptr; }
  /// A constant of this value in the same graph.
  Sym lit(double v) const { return constant(_g, v); }

private:
  Graph * _g = nullptr;
  NodeId _id = graph::no_node;
};

Sym apply(OpKind op, const Sym & a);
Sym apply(OpKind op, const Sym & a, const Sym & b);
Sym apply(OpKind op, const Sym & a, const Sym & b, const Sym & c);

// clang-format off
inline Sym operator+(const Sym & a, const Sym & b) { return apply(OpKind::Add, a, b); }
inline Sym operator-(const Sym & a, const Sym & b) { return apply(OpKind::Sub, a, b); }
inline Sym operator*(const Sym & a, const Sym & b) { return apply(OpKind::Mul, a, b); }
inline Sym operator/(const Sym & a, const Sym & b) { return apply(OpKind::Div, a, b); }
inline Sym operator-(const Sym & a) { return apply(OpKind::Neg, a); }
inline Sym operator+(const Sym & a, double b) { return a + a.lit(b); }
inline Sym operator-(const Sym & a, double b) { return a - a.lit(b); }
inline Sym operator*(const Sym & a, double b) { return a * a.lit(b); }
inline Sym operator/(const Sym & a, double b) { return a / a.lit(b); }
inline Sym operator+(double a, const Sym & b) { return b.lit(a) + b; }
inline Sym operator-(double a, const Sym & b) { return b.lit(a) - b; }
inline Sym operator*(double a, const Sym & b) { return b.lit(a) * b; }
inline Sym operator/(double a, const Sym & b) { return b.lit(a) / b; }
inline Sym sqrt(const Sym & a) { return apply(OpKind::Sqrt, a); }
inline Sym exp(const Sym & a) { return apply(OpKind::Exp, a); }
inline Sym log(const Sym & a) { return apply(OpKind::Log, a); }
inline Sym sin(const Sym & a) { return apply(OpKind::Sin, a); }
inline Sym cos(const Sym & a) { return apply(OpKind::Cos, a); }
inline Sym tanh(const Sym & a) { return apply(OpKind::Tanh, a); }
inline Sym abs(const Sym & a) { return apply(OpKind::Abs, a); }
inline Sym sign(const Sym & a) { return apply(OpKind::Sign, a); }
inline Sym pow(const Sym & a, const Sym & b) { return apply(OpKind::Pow, a, b); }
inline Sym pow(const Sym & a, double b) { return pow(a, a.lit(b)); }
inline Sym max(const Sym & a, const Sym & b) { return apply(OpKind::Max, a, b); }
inline Sym min(const Sym & a, const Sym & b) { return apply(OpKind::Min, a, b); }
/// The angle of the point (x, y), in [-pi, pi].
inline Sym atan2(const Sym & y, const Sym & x) { return apply(OpKind::Atan2, y, x); }
/// 1 where a > b, else 0.
inline Sym gt(const Sym & a, const Sym & b) { return apply(OpKind::Gt, a, b); }
/// a where cond != 0, else b.
inline Sym where(const Sym & cond, const Sym & a, const Sym & b) { return apply(OpKind::Select, cond, a, b); }
/// Macaulay bracket <x> = max(x, 0).
inline Sym macaulay(const Sym & a) { return max(a, a.lit(0.0)); }
/// Heaviside step: 1 where x > 0.
inline Sym heaviside(const Sym & a) { return gt(a, a.lit(0.0)); }
/// x held in [lo, hi] (NEML2's clamp); the derivative is zero where it is held.
inline Sym clamp(const Sym & x, double lo, double hi) { return where(gt(x, x.lit(hi)), x.lit(hi), where(gt(x.lit(lo), x), x.lit(lo), x)); }
// clang-format on

/// Whether `a` is the constant 0 (either sign).
inline bool
is_zero(const Sym & a)
{
  return a.graph()->is_constant(a.id(), 0.0);
}

/**
 * sum_k a_k b_k, summed in order k = 0, 1, ..., leaving out every term with a factor that is the
 * constant 0: the structural zeros of identity, skew and Schmid tensors and of constant stiffness
 * tensors cost no node, as in a sparse product. For finite operands this is the dense sum bit for
 * bit, but for the sign of a zero sum; a NaN or an infinity does not reach the sum through a
 * zero factor. The constant 0 when every term is left out. a and b are equally long, not empty.
 */
Sym sparse_dot(const Sym * a, const Sym * b, std::size_t n);

/// A typed symbolic tensor: the component nodes of one variable, row-major over its base shape.
template <TypeKind K, std::size_t N>
class SymTensor
{
public:
  static constexpr TypeKind kind = K;
  static constexpr std::size_t size = N;

  SymTensor() = default;
  explicit SymTensor(const std::array<Sym, N> & c)
    : _c(c)
  {
  }
  /// From a list of node ids (as produced by staging); the list must have N entries.
  static SymTensor from_nodes(Graph * g, const std::vector<NodeId> & ids)
  {
    NEML2_ASSERT(ids.size() == N, "expected {} components, got {}", N, ids.size());
    SymTensor t;
    for (std::size_t i = 0; i < N; ++i)
      t._c[i] = Sym(g, ids[i]);
    return t;
  }
  static SymTensor fill(Graph * g, double v)
  {
    SymTensor t;
    t._c.fill(Sym::constant(g, v));
    return t;
  }
  static SymTensor zeros(Graph * g) { return fill(g, 0.0); }

  const Sym & operator[](std::size_t i) const { return _c[i]; }
  Sym & operator[](std::size_t i) { return _c[i]; }
  const std::array<Sym, N> & components() const { return _c; }
  Graph * graph() const { return _c[0].graph(); }
  std::vector<NodeId> nodes() const
  {
    std::vector<NodeId> ids(N);
    for (std::size_t i = 0; i < N; ++i)
      ids[i] = _c[i].id();
    return ids;
  }

  friend SymTensor operator+(const SymTensor & a, const SymTensor & b)
  {
    return zip(a, b, [](auto x, auto y) { return x + y; });
  }
  friend SymTensor operator-(const SymTensor & a, const SymTensor & b)
  {
    return zip(a, b, [](auto x, auto y) { return x - y; });
  }
  friend SymTensor operator-(const SymTensor & a)
  {
    return map(a, [](auto x) { return -x; });
  }
  friend SymTensor operator*(const Sym & s, const SymTensor & a)
  {
    return map(a, [&](auto x) { return s * x; });
  }
  friend SymTensor operator*(const SymTensor & a, const Sym & s)
  {
    return map(a, [&](auto x) { return x * s; });
  }
  friend SymTensor operator*(double s, const SymTensor & a)
  {
    return map(a, [&](auto x) { return s * x; });
  }
  friend SymTensor operator*(const SymTensor & a, double s)
  {
    return map(a, [&](auto x) { return x * s; });
  }
  friend SymTensor operator/(const SymTensor & a, const Sym & s)
  {
    return map(a, [&](auto x) { return x / s; });
  }
  friend SymTensor operator/(const SymTensor & a, double s)
  {
    return map(a, [&](auto x) { return x / s; });
  }

  template <typename F>
  static SymTensor map(const SymTensor & a, F f)
  {
    SymTensor r;
    for (std::size_t i = 0; i < N; ++i)
      r._c[i] = f(a._c[i]);
    return r;
  }
  template <typename F>
  static SymTensor zip(const SymTensor & a, const SymTensor & b, F f)
  {
    SymTensor r;
    for (std::size_t i = 0; i < N; ++i)
      r._c[i] = f(a._c[i], b._c[i]);
    return r;
  }

private:
  std::array<Sym, N> _c;
};

/// The symbolic Scalar is a one-component tensor that also behaves like a Sym.
class Scalar : public SymTensor<TypeKind::Scalar, 1>
{
public:
  using Base = SymTensor<TypeKind::Scalar, 1>;
  Scalar() = default;
  Scalar(const Base & b)
    : Base(b)
  {
  }
  Scalar(const Sym & s)
    : Base(std::array<Sym, 1>{s})
  {
  }
  operator Sym() const { return (*this)[0]; }
  const Sym & sym() const { return (*this)[0]; }
};

using Vec = SymTensor<TypeKind::Vec, 3>;
using R2 = SymTensor<TypeKind::R2, 9>;
using SR2 = SymTensor<TypeKind::SR2, 6>;
using SSR4 = SymTensor<TypeKind::SSR4, 36>;
using WR2 = SymTensor<TypeKind::WR2, 3>;
using MRP = SymTensor<TypeKind::MRP, 3>;
using Quaternion = SymTensor<TypeKind::Quaternion, 4>;
using MillerIndex = SymTensor<TypeKind::MillerIndex, 3>;
} // namespace neml2::sym
