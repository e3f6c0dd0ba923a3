// What a model's define() stages its math through: named inputs, parameters and outputs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "neml2/graph/sym.h"

namespace neml2
{
/// Symbolic values by name (variable name or qualified parameter name -> component nodes).
using SymbolTable = std::map<std::string, std::vector<graph::NodeId>>;

/**
 * The staging context of one model inside a graph. Inputs are read from, and outputs written
 * to, a symbol table shared by all models staged into the same graph: that is how
 * ComposedModel inlines its sub-models (an output written by one is the input of the next).
 * Parameters are looked up under this model's qualified prefix ("sub." inside a composition).
 */
class Staging
{
public:
  Staging(graph::Graph & g, SymbolTable & variables, const SymbolTable & parameters, std::string prefix = "")
    : _g(&g),
      _vars(&variables),
      _params(&parameters),
      _prefix(std::move(prefix))
  {
  }

  graph::Graph * graph() const { return _g; }
  const std::string & prefix() const { return _prefix; }

  /// The staging context of a sub-model named `sub` (parameters under "<prefix><sub>.").
  Staging child(const std::string & sub) const { return Staging(*_g, *_vars, *_params, _prefix + sub + "."); }

  /// The same model context reading and writing the variables of `variables` (one copy of a
  /// mapped model, see Model::mapped_sub_batch).
  Staging with_variables(SymbolTable & variables) const { return Staging(*_g, variables, *_params, _prefix); }

  /// The same context reading its parameters from `parameters` (one copy of a model mapped over a
  /// parameter's sub-batch reads its slice of it).
  Staging with_parameters(const SymbolTable & parameters) const { return Staging(*_g, *_vars, parameters, _prefix); }
  const SymbolTable & parameters() const { return *_params; }

  bool has_variable(const std::string & name) const { return _vars->count(name) > 0; }

  /// Component nodes of a variable (untyped access for structural models).
  const std::vector<graph::NodeId> & variable_nodes(const std::string & name) const
  {
    auto it = _vars->find(name);
    NEML2_ASSERT(it != _vars->end(), "variable '{}' was not provided before it was read", name);
    return it->second;
  }
  void set_variable_nodes(const std::string & name, std::vector<graph::NodeId> nodes)
  {
    (*_vars)[name] = std::move(nodes);
  }
  /// Component nodes of parameter `name` (relative to this model's prefix).
  const std::vector<graph::NodeId> & parameter_nodes(const std::string & name) const
  {
    auto it = _params->find(_prefix + name);
    NEML2_ASSERT(it != _params->end(), "parameter '{}' was not provided", _prefix + name);
    return it->second;
  }

  template <typename T>
  T input(const std::string & name) const
  {
    auto it = _vars->find(name);
    NEML2_ASSERT(it != _vars->end(), "variable '{}' was not provided before it was read", name);
    return T::from_nodes(_g, it->second);
  }

  template <typename T>
  T parameter(const std::string & name) const
  {
    auto it = _params->find(_prefix + name);
    NEML2_ASSERT(it != _params->end(), "parameter '{}' was not provided", _prefix + name);
    return T::from_nodes(_g, it->second);
  }

  template <typename T>
  void output(const std::string & name, const T & value)
  {
    (*_vars)[name] = value.nodes();
  }

  /// A variable with a sub-batch (one T per slip system, say), as a list in sub-batch order.
  template <typename T>
  std::vector<T> input_list(const std::string & name) const
  {
    const auto & nodes = variable_nodes(name);
    NEML2_ASSERT(nodes.size() % T::size == 0, "variable '{}' has {} components, not a list of {}-component values",
                 name, nodes.size(), T::size);
    std::vector<T> out;
    for (std::size_t i = 0; i < nodes.size(); i += T::size)
      out.push_back(T::from_nodes(_g, {nodes.begin() + static_cast<std::ptrdiff_t>(i),
                                       nodes.begin() + static_cast<std::ptrdiff_t>(i + T::size)}));
    return out;
  }
  template <typename T>
  void output_list(const std::string & name, const std::vector<T> & values)
  {
    std::vector<graph::NodeId> nodes;
    for (const auto & v : values)
    {
      const auto n = v.nodes();
      nodes.insert(nodes.end(), n.begin(), n.end());
    }
    (*_vars)[name] = std::move(nodes);
  }

private:
  graph::Graph * _g;
  SymbolTable * _vars;
  const SymbolTable * _params;
  std::string _prefix;
};
} // namespace neml2
