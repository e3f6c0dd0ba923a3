// The values a model parameter admits: an interval whose ends are open or closed.
#pragma once

#include <limits>
#include <string>

namespace neml2
{
/// Declared by a model for each parameter with a physical range (moduli, Poisson's ratio,
/// viscosities, exponents): a constant outside it is an error at load time, naming the parameter,
/// its value and this range. NaN and infinities are never admitted.
struct Admissible
{
  double lower = -std::numeric_limits<double>::infinity();
  bool lower_open = true;
  double upper = std::numeric_limits<double>::infinity();
  bool upper_open = true;
  std::string meaning; ///< what the parameter is, e.g. "Young's modulus"

  /// (0, inf)
  static Admissible positive(std::string meaning);
  /// [0, inf)
  static Admissible non_negative(std::string meaning);
  /// (lower, upper)
  static Admissible open(double lower, double upper, std::string meaning);

  bool contains(double v) const;
  /// "(0, inf)", "[0, inf)", "(-1, 0.5)"
  std::string interval() const;
};
} // namespace neml2
