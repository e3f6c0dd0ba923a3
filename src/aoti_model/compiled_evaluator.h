// CompiledEvaluator: AOTIModel's evaluator, which calls the compiled kernels.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "neml2/models/evaluator.h"
#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"

namespace neml2
{
/**
 * Runs a model through its compiled runtime binding, with the model's current parameter values
 * (which set_parameter may have replaced, or the user edited in place).
 *
 * The parameter map the runtime takes is kept between calls and rebuilt only when a parameter's
 * tensor has been replaced; an in-place edit needs nothing, the map shares the storage.
 */
class CompiledEvaluator : public Evaluator
{
public:
  /// `model` must outlive this evaluator and have declared all its parameters already.
  CompiledEvaluator(Model & model, std::shared_ptr<const aoti::Model> runtime);

  ValueMap value(const ValueMap & inputs) override;
  std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents) override;
  std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs) override;
  /// The compiled blocks d(output)/d(parameter): the parameters must be promoted and their pairs
  /// compiled in (neml2-compile -p NAME -d OUT:NAME); otherwise a ValueError says so.
  std::pair<ValueMap, DerivativeMap> parameter_jacobian(const ValueMap & inputs, const std::vector<std::string> & names,
                                                        bool with_inputs = false) override;

private:
  /// The current parameter map (a snapshot: in-flight calls keep theirs if another call refreshes).
  std::shared_ptr<const aoti::ParameterMap> parameters();

  std::shared_ptr<const aoti::Model> _runtime;
  /// The model's parameters by qualified name (a model's parameter list is fixed once declared).
  std::vector<std::pair<std::string, const ParameterSpec *>> _specs;

  std::mutex _mutex; ///< guards the snapshot: calls may come from several threads
  std::shared_ptr<const aoti::ParameterMap> _snapshot;
};
} // namespace neml2
