// Reading the constant tables of the interpolation models.
#pragma once

#include <string>
#include <vector>

#include "neml2/base/options.h"
#include "neml2/tensors/types.h"

namespace neml2
{
class Factory;

/// The increasing abscissae named by option `option`: a [Tensors] Scalar with one axis of
/// entries (leading axes of size one allowed), or a list of numbers; at least 2 entries.
std::vector<double> abscissa_table(const Options & options, Factory & factory, const std::string & option);

/// The values named by option `option`, as a flat list: a [Tensors] value of type `type` (its
/// batch axes are the table's), or, for a Scalar table, a list of numbers. `count` entries of
/// the type are expected, one per `per` (the word used in the error message).
std::vector<double> ordinate_table(const Options & options, Factory & factory, const std::string & option,
                                   TypeKind type, std::size_t count, const std::string & per);
} // namespace neml2
