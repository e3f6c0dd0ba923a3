// Nesting one staged graph in another (Normality, implicit solves).
#include "neml2/base/error.h"
#include "neml2/graph/passes.h"
#include "rebuild.h"

namespace neml2::graph
{
std::vector<std::vector<NodeId>>
inline_graph(Graph & dst, const Graph & src, const std::vector<std::vector<NodeId>> & arg_values)
{
  NEML2_ASSERT(arg_values.size() == src.arguments().size(), "inline_graph() got {} argument(s) for {}",
               arg_values.size(), src.arguments().size());
  std::vector<NodeId> map(src.nodes().size(), no_node);
  for (std::size_t i = 0; i < arg_values.size(); ++i)
  {
    const auto & leaves = src.arguments()[i].leaves;
    NEML2_ASSERT(arg_values[i].size() == leaves.size(), "argument '{}' needs {} component(s), got {}",
                 src.arguments()[i].name, leaves.size(), arg_values[i].size());
    for (std::size_t k = 0; k < leaves.size(); ++k)
      map[static_cast<std::size_t>(leaves[k])] = arg_values[i][k];
  }
  const std::string outer = dst.origin();
  for (std::size_t i = 0; i < src.nodes().size(); ++i)
    if (src.nodes()[i].op != OpKind::Input)
    {
      // Nodes keep the model they were staged in; those without one belong to the caller's.
      const auto & from = src.origin_of(static_cast<NodeId>(i));
      dst.set_origin(from.empty() ? outer : from);
      map[i] = detail::copy_node(dst, src, static_cast<NodeId>(i), map);
    }
  dst.set_origin(outer);
  std::vector<std::vector<NodeId>> outs;
  for (const auto & o : src.outputs())
  {
    outs.emplace_back();
    for (auto c : o.components)
      outs.back().push_back(map[static_cast<std::size_t>(c)]);
  }
  return outs;
}
} // namespace neml2::graph
