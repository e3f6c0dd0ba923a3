// Staging of scalar ops and the Mandel tensor algebra on symbolic tensors.
#include "neml2/graph/sym.h"
#include "neml2/graph/sym_tensor_ops.h"

namespace neml2::sym
{
namespace
{
Graph *
same_graph(const Sym & a, const Sym & b)
{
  NEML2_ASSERT(a.valid() && b.valid(), "operation on an unset symbolic value");
  NEML2_ASSERT(a.graph() == b.graph(), "operands belong to different graphs");
  return a.graph();
}
} // namespace

Sym
apply(OpKind op, const Sym & a)
{
  NEML2_ASSERT(a.valid(), "operation on an unset symbolic value");
  return {a.graph(), a.graph()->apply(op, a.id())};
}

Sym
apply(OpKind op, const Sym & a, const Sym & b)
{
  auto * g = same_graph(a, b);
  return {g, g->apply(op, a.id(), b.id())};
}

Sym
apply(OpKind op, const Sym & a, const Sym & b, const Sym & c)
{
  auto * g = same_graph(a, b);
  same_graph(a, c);
  return {g, g->apply(op, a.id(), b.id(), c.id())};
}

Sym
sparse_dot(const Sym * a, const Sym * b, std::size_t n)
{
  NEML2_ASSERT(n > 0, "sparse_dot of no terms");
  Sym s;
  for (std::size_t k = 0; k < n; ++k)
  {
    if (is_zero(a[k]) || is_zero(b[k]))
      continue;
    const auto t = a[k] * b[k];
    s = s.valid() ? s + t : t;
  }
  return s.valid() ? s : a[0].lit(0.0);
}

Sym
tr(const SR2 & a)
{
  return a[0] + a[1] + a[2];
}

SR2
vol(const SR2 & a)
{
  auto m = tr(a) / 3.0;
  auto z = m.lit(0.0);
  return SR2({m, m, m, z, z, z});
}

SR2
dev(const SR2 & a)
{
  return a - vol(a);
}

Sym
inner(const SR2 & a, const SR2 & b)
{
  return sparse_dot(a.components().data(), b.components().data(), 6);
}

Sym
norm_sq(const SR2 & a)
{
  return inner(a, a);
}

Sym
norm(const SR2 & a)
{
  return sqrt(norm_sq(a));
}

Sym
second_invariant(const SR2 & a)
{
  auto t = tr(a);
  return (t * t - norm_sq(a)) / 2.0;
}

SR2
identity_sr2(Graph * g)
{
  auto one = Sym::constant(g, 1.0), zero = Sym::constant(g, 0.0);
  return SR2({one, one, one, zero, zero, zero});
}

SR2
sr2_from_tensor_components(Graph * g, const std::array<double, 6> & c)
{
  SR2 r;
  for (std::size_t i = 0; i < 6; ++i)
    r[i] = Sym::constant(g, i < 3 ? c[i] : c[i] * mandel_factor);
  return r;
}

SSR4
outer(const SR2 & a, const SR2 & b)
{
  SSR4 r;
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = 0; j < 6; ++j)
      r[i * 6 + j] = a[i] * b[j];
  return r;
}

SR2
dot(const SSR4 & C, const SR2 & e)
{
  SR2 r;
  for (std::size_t i = 0; i < 6; ++i)
    r[i] = sparse_dot(C.components().data() + 6 * i, e.components().data(), 6);
  return r;
}

SSR4
identity_sym(Graph * g)
{
  SSR4 r = SSR4::zeros(g);
  for (std::size_t i = 0; i < 6; ++i)
    r[i * 6 + i] = Sym::constant(g, 1.0);
  return r;
}

SSR4
identity_vol(Graph * g)
{
  SSR4 r = SSR4::zeros(g);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      r[i * 6 + j] = Sym::constant(g, 1.0 / 3.0);
  return r;
}

SSR4
identity_dev(Graph * g)
{
  return identity_sym(g) - identity_vol(g);
}
} // namespace neml2::sym
