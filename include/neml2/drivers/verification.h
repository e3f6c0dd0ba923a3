// Verification: runs a TransientDriver and compares chosen variables with [Tensors] references.
#pragma once

#include "neml2/drivers/transient_driver.h"

namespace neml2
{
/**
 * NEML2's verification driver: runs `driver` (a TransientDriver), then compares the variables
 * named in `<Type>_names` (NEML2 writes them `output.stress` or `input.E`; the bare name works
 * too) with the [Tensors] named in `<Type>_values` (typically CSV<Type> tensors), whose first
 * batch dimension is the step. `time_steps` restricts the comparison to those steps (the j-th
 * reference row is step time_steps[j]); with a single step the reference is that step's value
 * itself. A step where the driver lacks the variable passes only where the reference is zero.
 * |got - ref| <= atol + rtol |ref| (defaults 1e-8, 1e-5); run() throws a ValueError naming the
 * worst mismatch (variable, step, index), or prints a one-line summary.
 */
class Verification : public Driver
{
public:
  Verification(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void run() override;

private:
  struct Reference
  {
    std::string label; ///< as written (output.stress)
    std::string name;  ///< the variable (stress)
    std::string option;
    Tensor value;
  };
  std::shared_ptr<TransientDriver> _driver;
  std::vector<Reference> _references;
  std::vector<std::int64_t> _time_steps;
  double _rtol, _atol;
};
} // namespace neml2
