// Building and specialising the graphs of a per-point implicit system.
#include "neml2/graph/implicit.h"

#include <map>
#include <tuple>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/graph/autodiff.h"
#include "neml2/graph/passes.h"

namespace neml2::graph
{
const char *
line_search_name(LineSearchKind k)
{
  switch (k)
  {
    case LineSearchKind::None:
      return "none";
    case LineSearchKind::Backtracking:
      return "backtracking";
    case LineSearchKind::StrongWolfe:
      return "strong_wolfe";
  }
  return "?";
}

namespace
{
/// Adds outputs "J" (d r / d x) and, with `with_b`, "B" (d r / d g) to a copy of `flat`.
Graph
with_derivatives(const Graph & flat, const std::vector<NodeId> & r, int n, int m, bool with_r, bool with_b)
{
  Graph g = flat;
  const int ndir = n + (with_b ? m : 0);
  Tangents seeds;
  const NodeId one = g.constant(1.0), zero = g.constant(0.0);
  const auto & x = g.arguments()[0].leaves;
  for (int i = 0; i < n; ++i)
  {
    seeds[x[static_cast<std::size_t>(i)]].assign(static_cast<std::size_t>(ndir), no_node);
    seeds[x[static_cast<std::size_t>(i)]][static_cast<std::size_t>(i)] = one;
  }
  if (with_b)
    for (int j = 0; j < m; ++j)
    {
      const auto leaf = g.arguments()[static_cast<std::size_t>(1 + j)].leaves[0];
      seeds[leaf].assign(static_cast<std::size_t>(ndir), no_node);
      seeds[leaf][static_cast<std::size_t>(n + j)] = one;
    }
  auto tan = forward_tangents(g, static_cast<std::size_t>(ndir), seeds, r);
  auto block = [&](const std::string & name, int first, int count) {
    Output o;
    o.name = name;
    o.base_shape = {n, count};
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < count; ++j)
      {
        auto t = tan.at(r[static_cast<std::size_t>(i)])[static_cast<std::size_t>(first + j)];
        o.components.push_back(t == no_node ? zero : t);
      }
    g.add_output(std::move(o));
  };
  if (with_r)
    g.add_output(Output{"r", OutputKind::Value, "", std::nullopt, {n}, r});
  block("J", 0, n);
  if (with_b && m > 0)
    block("B", n, m);
  return prune(g);
}
} // namespace

std::shared_ptr<ImplicitSystem>
make_implicit_system(const Graph & residual, const std::vector<bool> & is_unknown,
                     const std::vector<int> & residual_outputs, std::string name, NewtonSettings settings)
{
  NEML2_ASSERT(is_unknown.size() == residual.arguments().size(), "one unknown flag per argument");
  auto sys = std::make_shared<ImplicitSystem>();
  sys->name = std::move(name);
  sys->settings = settings;
  std::vector<std::string> given_names;
  for (std::size_t i = 0; i < is_unknown.size(); ++i)
  {
    const auto & a = residual.arguments()[i];
    for (std::size_t k = 0; k < a.leaves.size(); ++k)
    {
      auto label = a.leaves.size() == 1 ? a.name : fmt::format("{}[{}]", a.name, k);
      (is_unknown[i] ? sys->unknown_names : given_names).push_back(label);
    }
  }
  sys->n = static_cast<int>(sys->unknown_names.size());
  sys->m = static_cast<int>(given_names.size());

  // The flat form: x (n) then one scalar argument per given value. The unknowns' name has a space,
  // which no variable's name has, so that a given named "x" does not collide with it.
  Graph flat(residual.dtype());
  flat.add_argument("x (unknowns)", ArgKind::Variable, std::nullopt, {sys->n});
  for (const auto & gname : given_names)
    flat.add_argument(gname, ArgKind::Variable, std::nullopt, {});
  std::vector<std::vector<NodeId>> values;
  std::size_t xi = 0, gi = 0;
  for (std::size_t i = 0; i < is_unknown.size(); ++i)
  {
    values.emplace_back();
    for (std::size_t k = 0; k < residual.arguments()[i].leaves.size(); ++k)
      values.back().push_back(is_unknown[i] ? flat.arguments()[0].leaves[xi++] : flat.arguments()[1 + gi++].leaves[0]);
  }
  auto outs = inline_graph(flat, residual, values);
  std::vector<NodeId> r;
  for (auto oi : residual_outputs)
    for (auto c : outs[static_cast<std::size_t>(oi)])
      r.push_back(c);
  NEML2_ASSERT(static_cast<int>(r.size()) == sys->n, "system '{}' has {} residual component(s) for {} unknown(s)",
               sys->name, r.size(), sys->n);
  sys->newton = with_derivatives(flat, r, sys->n, sys->m, true, false);
  sys->ift = with_derivatives(flat, r, sys->n, sys->m, false, true);
  return sys;
}

void
enable_substepping(ImplicitSystem & sys, const Graph & residual, const std::vector<bool> & is_unknown, int max_level)
{
  // The first scalar of each variable among the unknowns and among the givens.
  std::map<std::string, int> unknown_at, given_at;
  std::vector<std::pair<const Argument *, int>> given_vars;
  int xi = 0, gi = 0;
  for (std::size_t i = 0; i < is_unknown.size(); ++i)
  {
    const auto & a = residual.arguments()[i];
    const auto size = static_cast<int>(a.leaves.size());
    if (is_unknown[i])
      unknown_at[a.name] = xi;
    else if (a.kind == ArgKind::Variable)
    {
      given_at[a.name] = gi;
      given_vars.emplace_back(&a, gi);
    }
    (is_unknown[i] ? xi : gi) += size;
  }
  sys.max_substep_level = max_level;
  sys.given_role.assign(static_cast<std::size_t>(sys.m), neml2_ops::nt_held);
  sys.given_pair.assign(static_cast<std::size_t>(sys.m), -1);
  const std::string old = "~1";
  for (const auto & [a, first] : given_vars)
  {
    const bool is_old = a->name.size() > old.size() && a->name.ends_with(old);
    const auto base = is_old ? a->name.substr(0, a->name.size() - old.size()) : a->name;
    int role = neml2_ops::nt_held, pair = -1;
    if (is_old && unknown_at.count(base))
      std::tie(role, pair) = std::pair{neml2_ops::nt_old_state, unknown_at.at(base)};
    else if (is_old && given_at.count(base))
      std::tie(role, pair) = std::pair{neml2_ops::nt_force_start, given_at.at(base)};
    else if (!is_old && given_at.count(a->name + old))
      std::tie(role, pair) = std::pair{neml2_ops::nt_force_end, given_at.at(a->name + old)};
    for (int k = 0; k < static_cast<int>(a->leaves.size()); ++k)
    {
      sys.given_role[static_cast<std::size_t>(first + k)] = role;
      sys.given_pair[static_cast<std::size_t>(first + k)] = pair < 0 ? -1 : pair + k;
    }
  }
}

std::shared_ptr<ImplicitSystem>
specialize(const ImplicitSystem & system, const std::vector<int> & pos, const std::vector<double> & values)
{
  auto sys = std::make_shared<ImplicitSystem>(system);
  std::map<std::string, double> fixed;
  for (std::size_t k = 0; k < pos.size(); ++k)
    fixed[system.newton.arguments()[static_cast<std::size_t>(1 + pos[k])].name] = values[k];
  auto value_of = [&](const Argument & a) -> std::optional<std::vector<double>> {
    if (auto it = fixed.find(a.name); it != fixed.end())
      return std::vector<double>{it->second};
    return std::nullopt;
  };
  sys->newton = bake(system.newton, value_of);
  sys->ift = bake(system.ift, value_of);
  sys->m = system.m - static_cast<int>(pos.size());
  if (!system.given_role.empty())
  {
    // Only held givens are baked (see rebuild), so the pairs just move down.
    std::vector<int> index(static_cast<std::size_t>(system.m), 0);
    for (auto p : pos)
      index[static_cast<std::size_t>(p)] = -1;
    int next = 0;
    for (auto & i : index)
      i = i < 0 ? -1 : next++;
    sys->given_role.clear();
    sys->given_pair.clear();
    for (int j = 0; j < system.m; ++j)
    {
      const auto role = system.given_role[static_cast<std::size_t>(j)];
      if (index[static_cast<std::size_t>(j)] < 0)
      {
        NEML2_ASSERT(role == neml2_ops::nt_held, "system '{}': a ramped or chained given was baked", system.name);
        continue;
      }
      const auto pair = system.given_pair[static_cast<std::size_t>(j)];
      sys->given_role.push_back(role);
      sys->given_pair.push_back(role == neml2_ops::nt_force_end || role == neml2_ops::nt_force_start
                                    ? index[static_cast<std::size_t>(pair)]
                                    : pair);
    }
  }
  return sys;
}
} // namespace neml2::graph
