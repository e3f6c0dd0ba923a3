// ComposedModel: several models wired together by variable names into one.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Sub-models are ordered so that every variable is produced before it is consumed; a variable
 * produced by none of them is an input of the composition, and one consumed by none (plus any
 * `additional_outputs`) is an output. Staging inlines the sub-models into one graph.
 */
class ComposedModel : public Model
{
public:
  ComposedModel(const Options & options, Factory & factory);
  static OptionSchema expected_options();

  void define(Staging & s) const override;
  bool is_composed() const override { return true; }
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() override;
  /// Resolves the input here and in the models that read it, then everything downstream.
  void resolve_sub_batch(const std::string & name, const Shape & sub_batch) override;
  /// Sub-models in evaluation order.
  const std::vector<std::shared_ptr<Model>> & models() const { return _models; }

private:
  std::vector<std::shared_ptr<Model>> _models;
};
} // namespace neml2
