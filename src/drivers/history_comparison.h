// Comparing a TransientDriver's history with reference values, value by value (internal to
// src/drivers): what TransientRegression and Verification share.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "neml2/drivers/npz.h"
#include "neml2/tensors/tensor.h"

namespace neml2::drivers_detail
{
/**
 * Accumulates |got - ref| <= atol + rtol |ref| over every compared value (shapes broadcast as in
 * NumPy; NaN in either is a mismatch, and the worst kind) and keeps the worst mismatch.
 */
class HistoryComparison
{
public:
  HistoryComparison(std::string driver, double rtol, double atol);

  /// Compares `got` (variable `name` at `step`) with `ref`; throws ValueError when the shapes do
  /// not broadcast.
  void compare(const std::string & name, std::int64_t step, const Tensor & got, const npz::Array & ref);

  /// Throws ValueError naming how many values differ from `against` and the worst one (variable,
  /// step, index), or prints the one-line summary of a match.
  void finish(const std::string & tested, const std::string & against, std::size_t steps) const;

private:
  struct Worst
  {
    double excess = 0; ///< |got - ref| - (atol + rtol |ref|)
    bool nan = false;
    std::string name;
    std::int64_t step = 0;
    std::vector<std::int64_t> index;
    double got = 0, ref = 0;
  };
  std::string _driver;
  double _rtol, _atol;
  std::size_t _values = 0, _outside = 0;
  std::map<std::string, int> _variables;
  Worst _worst;
};

/// The values of `t` (batch then base dimensions, row-major) as an array.
npz::Array to_array(const Tensor & t);
} // namespace neml2::drivers_detail
