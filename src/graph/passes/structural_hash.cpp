// The structural hash that ties an artifact to the graph it was compiled from.
#include <bit>

#include <fmt/format.h>

#include "neml2/graph/implicit.h"
#include "neml2/graph/passes.h"

namespace neml2::graph
{
std::string
structural_hash(const Graph & g)
{
  // FNV-1a over a canonical serialisation: deterministic, no pointer-dependent order.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto eat = [&h](std::uint64_t v) {
    for (int k = 0; k < 8; ++k)
    {
      h ^= (v >> (8 * k)) & 0xff;
      h *= 0x100000001b3ULL;
    }
  };
  auto eat_str = [&](const std::string & s) {
    eat(s.size());
    for (unsigned char ch : s)
      eat(ch);
  };
  // Types and base shapes too: a Vec and a WR2 argument have the same leaves.
  auto eat_type = [&](const std::optional<TypeKind> & t, const Shape & shape) {
    eat(t ? static_cast<std::uint64_t>(*t) : ~std::uint64_t(0));
    eat(shape.size());
    for (auto d : shape)
      eat(static_cast<std::uint64_t>(d));
  };
  eat(static_cast<std::uint64_t>(g.dtype()));
  for (const auto & a : g.arguments())
  {
    eat_str(a.name);
    eat(static_cast<std::uint64_t>(a.kind));
    eat_type(a.type, a.base_shape);
    eat(a.leaves.size());
  }
  for (const auto & n : g.nodes())
  {
    eat(static_cast<std::uint64_t>(n.op));
    for (auto a : n.args)
      eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)));
    eat(std::bit_cast<std::uint64_t>(n.value));
    eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.arg)));
    eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.comp)));
    if (n.list >= 0)
      for (auto a : g.operands(static_cast<NodeId>(&n - g.nodes().data())))
        eat(static_cast<std::uint64_t>(a));
    if (n.op == OpKind::Solve)
    {
      const auto & sys = *g.systems()[static_cast<std::size_t>(n.arg)];
      eat_str(structural_hash(sys.newton));
      eat_str(structural_hash(sys.ift));
      // Every Newton setting (a change of any of them changes the kernel).
      const auto & s = sys.settings;
#define NEML2_HASH_Real(v) std::bit_cast<std::uint64_t>(v)
#define NEML2_HASH_Int(v) static_cast<std::uint64_t>(v)
#define NEML2_HASH_Bool(v) static_cast<std::uint64_t>(v)
#define NEML2_HASH_LineSearch(v) static_cast<std::uint64_t>(v)
#define NEML2_HASH_FIELD(name, kind, ...) eat(NEML2_HASH_##kind(s.name));
      NEML2_NEWTON_SETTINGS(NEML2_HASH_FIELD)
#undef NEML2_HASH_FIELD
#undef NEML2_HASH_Real
#undef NEML2_HASH_Int
#undef NEML2_HASH_Bool
#undef NEML2_HASH_LineSearch
      eat(static_cast<std::uint64_t>(sys.max_substep_level));
      for (std::size_t j = 0; j < sys.given_role.size(); ++j)
      {
        eat(static_cast<std::uint64_t>(sys.given_role[j]));
        eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(sys.given_pair[j])));
      }
    }
  }
  for (const auto & o : g.outputs())
  {
    eat_str(o.name);
    eat_str(o.wrt);
    eat(static_cast<std::uint64_t>(o.kind));
    eat_type(o.type, o.base_shape);
    for (auto c : o.components)
      eat(static_cast<std::uint64_t>(c));
  }
  return fmt::format("{:016x}", h);
}
} // namespace neml2::graph
