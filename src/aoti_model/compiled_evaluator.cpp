// CompiledEvaluator: the compiled runtime fed with the model's current parameters.
#include "compiled_evaluator.h"

#include <algorithm>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2
{
namespace
{
/// Whether `a` and `b` view the same memory the same way (so either gives a kernel the same values).
bool
same_view(const Tensor & a, const Tensor & b)
{
  return a.raw() == b.raw() && a.dtype() == b.dtype() && a.batch_shape() == b.batch_shape() &&
         a.base_shape() == b.base_shape();
}
} // namespace

CompiledEvaluator::CompiledEvaluator(Model & model, std::shared_ptr<const aoti::Model> runtime)
  : _runtime(std::move(runtime))
{
  for (const auto & [q, p] : model.named_parameters())
    _specs.emplace_back(q, p);
}

std::shared_ptr<const aoti::ParameterMap>
CompiledEvaluator::parameters()
{
  std::lock_guard lock(_mutex);
  const bool current = _snapshot && std::all_of(_specs.begin(), _specs.end(), [&](const auto & s) {
                         return same_view(_snapshot->at(s.first), s.second->value);
                       });
  if (!current)
  {
    // A parameter was replaced (set_parameter, or assigned through parameter()): a new map, so
    // that calls still running with the old one are undisturbed.
    auto m = std::make_shared<aoti::ParameterMap>();
    for (const auto & [q, p] : _specs)
      (*m)[q] = p->value;
    _snapshot = std::move(m);
  }
  return _snapshot;
}

ValueMap
CompiledEvaluator::value(const ValueMap & inputs)
{
  return _runtime->forward(inputs, *parameters());
}

std::pair<ValueMap, ValueMap>
CompiledEvaluator::jvp(const ValueMap & inputs, const ValueMap & tangents)
{
  return _runtime->jvp(inputs, tangents, *parameters());
}

std::pair<ValueMap, DerivativeMap>
CompiledEvaluator::jacobian(const ValueMap & inputs)
{
  return _runtime->jacobian(inputs, *parameters());
}

std::pair<ValueMap, DerivativeMap>
CompiledEvaluator::parameter_jacobian(const ValueMap & inputs, const std::vector<std::string> & names, bool with_inputs)
{
  for (const auto & q : names)
  {
    const auto & pairs = _runtime->derivatives();
    const bool compiled = std::any_of(pairs.begin(), pairs.end(), [&](const aoti::DerivativeInfo & d) {
      return d.input_kind == "parameter" && d.input == q;
    });
    // Model::parameter_jacobian resolved the name among this model's parameters, which are the
    // promoted ones: what can be missing is the pair.
    if (!compiled)
      throw ValueError(fmt::format("compiled model '{}' has no derivatives with respect to parameter '{}': it is "
                                   "promoted, but no -d pair names it; recompile with neml2-compile ... -p {} -d "
                                   "OUTPUT:{}",
                                   _runtime->metadata().model, q, q, q));
  }
  // One call gives every compiled block; keep the parameters' (and, asked for, the inputs').
  auto [values, blocks] = _runtime->jacobian(inputs, *parameters());
  DerivativeMap kept;
  for (auto & [out, row] : blocks)
  {
    for (const auto & q : names)
      if (auto it = row.find(q); it != row.end())
        kept[out][q] = std::move(it->second);
    if (with_inputs) // the inputs' blocks: the entries that are not parameters
      for (auto & [name, block] : row)
        if (block.defined() &&
            std::none_of(_specs.begin(), _specs.end(), [&n = name](const auto & s) { return s.first == n; }))
          kept[out][name] = std::move(block);
  }
  return {std::move(values), std::move(kept)};
}
} // namespace neml2
