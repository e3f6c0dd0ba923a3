// The '${...}' substitution pass over a parsed tree.
#pragma once

#include "neml2/hit/node.h"

namespace neml2::hit::detail
{
/// Replace every field's value by its raw text with brace expressions evaluated:
///   ${name}          the value of field `name`, searched from the field's section outward
///   ${replace name}  the same
///   ${env VAR}       the environment variable VAR (an error if unset)
///   ${raw a b c}     the words concatenated without spaces ("abc")
/// Expressions nest (`${raw ${a} x}`); verbatim (''') fields are left alone. A field never refers
/// to itself: `E = ${E}` in a section finds an `E` of an enclosing section.
void expand_braces(Section & root);
} // namespace neml2::hit::detail
