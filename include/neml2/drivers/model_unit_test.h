// ModelUnitTest: NEML2's driver that checks a model's outputs, and its derivatives against
// finite differences, at given inputs.
#pragma once

#include "neml2/drivers/driver.h"
#include "neml2/models/model.h"

namespace neml2
{
/**
 * Evaluates `model` at the inputs `input_<Type>_names/values` and compares the outputs named in
 * `output_<Type>_names/values` with their values (|got - expected| <= value_abs_tol +
 * value_rel_tol |expected| everywhere). With `check_derivatives` (default), every block
 * d(output)/d(input) of the model's Jacobian is compared the same way (derivative_abs_tol,
 * derivative_rel_tol) with central differences of the model's outputs; with
 * `check_parameter_derivatives`, so is every d(output)/d(parameter). run() throws a
 * ValueError naming the worst mismatch (variable, point, component) and prints a one-line
 * summary on success.
 */
class ModelUnitTest : public Driver
{
public:
  ModelUnitTest(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void run() override;

private:
  /// A tolerance pair and the option names that set it (for messages).
  struct Tolerance
  {
    double rel, abs;
    const char *rel_option, *abs_option;
  };
  void check_values(const ValueMap & outputs) const;
  void check_derivatives() const;
  void check_parameter_derivatives() const;
  /// Throws naming the worst entry where the blocks J[output][wrt] differ from the central
  /// differences `columns` (see central_differences) of an argument with `ni` components.
  void compare_with_differences(const DerivativeMap & J, const std::string & wrt, std::int64_t ni,
                                const std::map<std::string, std::vector<Tensor>> & columns,
                                const Tolerance & tol) const;

  std::shared_ptr<Model> _model;
  ValueMap _inputs, _expected;
  double _rtol, _atol, _drtol, _datol, _prtol, _patol;
  bool _check_derivatives, _check_parameter_derivatives;
};
} // namespace neml2
