// Admissible parameter ranges.
#include "neml2/models/admissible.h"

#include <cmath>

#include <fmt/format.h>

namespace neml2
{
Admissible
Admissible::positive(std::string meaning)
{
  return {0, true, std::numeric_limits<double>::infinity(), true, std::move(meaning)};
}

Admissible
Admissible::non_negative(std::string meaning)
{
  return {0, false, std::numeric_limits<double>::infinity(), true, std::move(meaning)};
}

Admissible
Admissible::open(double lower, double upper, std::string meaning)
{
  return {lower, true, upper, true, std::move(meaning)};
}

bool
Admissible::contains(double v) const
{
  if (!std::isfinite(v))
    return false;
  const bool above = lower_open ? v > lower : v >= lower;
  const bool below = upper_open ? v < upper : v <= upper;
  return above && below;
}

std::string
Admissible::interval() const
{
  return fmt::format("{}{}, {}{}", lower_open ? '(' : '[', lower, upper, upper_open ? ')' : ']');
}
} // namespace neml2
