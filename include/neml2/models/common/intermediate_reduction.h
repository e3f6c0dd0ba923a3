// IntermediateSum, IntermediateMean, IntermediateDiff: reductions and differences along a
// variable's sub-batch (NEML2's intermediate dimensions), e.g. the mean stress over the grains of
// a Taylor polycrystal.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
enum class IntermediateOp
{
  Sum,  ///< sum over the trailing sub-batch axis
  Mean, ///< mean over the trailing sub-batch axis
  Diff  ///< n-th forward difference along sub-batch axis `dim` (its length shrinks by n)
};

/**
 * `to` from `from`, whose sub-batch comes from the model that provides it (or the values). Sum
 * and Mean drop the trailing sub-batch axis; Diff keeps every axis and shortens axis `dim` by
 * `n`, applying x[i+1] - x[i] n times, as torch.diff does. Registered for SR2, as in NEML2
 * (SR2IntermediateSum, SR2IntermediateMean, SR2IntermediateDiff).
 */
template <typename T, IntermediateOp Op>
class IntermediateReduction : public Model
{
public:
  IntermediateReduction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;
  /// Setting the sub-batch of `from` sets the sub-batch of `to`.
  void resolve_sub_batch(const std::string & name, const Shape & sub_batch) override;

private:
  /// The sub-batch of `to` for `from`'s; throws ValueError when `from`'s has no axis to act on.
  Shape reduced(const Shape & from) const;
  /// Axis `dim` of a sub-batch of `rank` axes, counted from the end when negative.
  std::size_t axis(std::size_t rank) const;

  std::string _from, _to;
  std::int64_t _dim = -1, _n = 1;
};
} // namespace neml2
