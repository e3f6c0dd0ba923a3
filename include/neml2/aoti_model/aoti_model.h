// AOTIModel: the input-file model (type = AOTIModel) that stands in for a compiled model.
#pragma once

#include <memory>

#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"

namespace neml2
{
/**
 * What a neml2-compile stub declares in place of the compiled model: loads the artifact at
 * `artifact_path` (relative paths are resolved against the input file's folder) and behaves like
 * the original model, with the same inputs, outputs and promoted parameters; its evaluator
 * (CompiledEvaluator) calls the compiled kernels for value / jvp / jacobian. It cannot be composed
 * further (define() throws): compile the composition instead.
 */
class AOTIModel : public Model
{
public:
  AOTIModel(const Options & options, Factory & factory);
  static OptionSchema expected_options();

  void define(Staging & s) const override;

  /// The runtime binding (shares the promoted parameters' storage with this model at load).
  aoti::Model & runtime() { return *_runtime; }

private:
  std::shared_ptr<aoti::Model> _runtime;
};
} // namespace neml2
