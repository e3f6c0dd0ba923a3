// Command-line overrides: "Section/sub/key=value" or "Section/sub/key:=value".
#pragma once

#include <string>
#include <vector>

#include "neml2/hit/node.h"

namespace neml2::hit::detail
{
/// The file name used in the locations of override errors.
inline constexpr const char * command_line_file = "<command line>";

/// Apply overrides in order: each creates or replaces its field, creating missing sections.
/// Errors are located at "<command line>:<argument number>:<column>" and quote the argument.
void apply_overrides(Section & root, const std::vector<std::string> & overrides);
} // namespace neml2::hit::detail
