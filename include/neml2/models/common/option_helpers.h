// Option conventions shared by the common models: renamed NEML2 options and per-variable lists.
#pragma once

#include <string>
#include <vector>

#include "neml2/base/options.h"

/// The ways a parameter option can be given, for option descriptions: "the yield stress
/// (parameter 'sy')" + parameter_forms.
inline constexpr const char * parameter_forms = ": a number, a [Tensors] name, a [Models] name or a variable name";

namespace neml2
{
/// NEML2 renamed some options between versions (`from_var` became `from`, ...). Returns the
/// name of whichever of `name` / `alias` the input sets (`name` when neither is); setting both
/// is an error. With `required`, setting neither is an error too.
std::string option_alias(const Options & options, const std::string & name, const std::string & alias,
                         bool required = false);

/// The string value of whichever of `name` / `alias` the input sets, else `fallback`.
std::string option_alias_or(const Options & options, const std::string & name, const std::string & alias,
                            const std::string & fallback);

/// The words of a per-variable list option given with 1 entry (applies to all) or `n` entries;
/// returns exactly `n` words, or throws an InputError located at the option.
std::vector<std::string> per_variable(const Options & options, const std::string & option, std::size_t n);

/// One boolean word (true/false, on/off, yes/no, 1/0, any case) of a list option.
bool bool_word(const Options & options, const std::string & option, const std::string & word);
} // namespace neml2
