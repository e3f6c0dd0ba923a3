// TransientRegression: runs a TransientDriver and compares its history with a reference file.
#pragma once

#include "neml2/drivers/transient_driver.h"

namespace neml2
{
/**
 * NEML2's regression driver: runs `driver` (a TransientDriver), then compares its history with
 * `reference`, either NEML2's own format (a torch.save'd dictionary "input.<step>.<name>" /
 * "output.<step>.<name>" -> tensor, e.g. gold/result.pt, read without PyTorch) or an .npz archive
 * that TransientDriver's save_as wrote (one array (steps, *batch, *base) per variable). A
 * relative path is taken relative to the input file. Every reference value must be matched:
 * |got - ref| <= atol + rtol |ref| (shapes broadcast); "X~j" at step k is X at step k - j.
 * run() throws a ValueError naming the worst mismatch (variable, step, point, component) and
 * the number of values outside the tolerance, or a missing variable; on success it prints a
 * one-line summary.
 */
class TransientRegression : public Driver
{
public:
  TransientRegression(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void run() override;

private:
  std::shared_ptr<TransientDriver> _driver;
  std::string _reference;
  double _rtol, _atol;
};
} // namespace neml2
