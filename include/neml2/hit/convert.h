// Typed reads of field values; errors name the key, the value found and the type expected.
#pragma once

#include <string>
#include <vector>

#include "neml2/hit/node.h"

namespace neml2::hit
{
/// One real number ("200e3", "-.5", "0.3"); anything else, including trailing garbage, throws
/// Error (ErrorKind::Conversion) at the offending word's location.
double to_double(const Field & field);
/// One base-10 integer.
long to_int(const Field & field);
/// One of true/false, on/off, yes/no, 1/0 (case-insensitive).
bool to_bool(const Field & field);
/// Whitespace-separated lists (an empty value gives an empty list).
std::vector<double> to_doubles(const Field & field);
std::vector<long> to_ints(const Field & field);
std::vector<std::string> to_strings(const Field & field);
/// Rows separated by ';' (see Field::rows); rows may differ in length.
std::vector<std::vector<double>> to_double_rows(const Field & field);
} // namespace neml2::hit
