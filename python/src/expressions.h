// `type = Python` tensors and the command-line tools, for the Python module (expressions.cpp).
#pragma once

#include <nanobind/nanobind.h>

namespace neml2::python
{
/// Installs the evaluator of `type = Python` tensors and defines `run_tool` in module `m`.
void bind_expressions_and_tools(nanobind::module_ & m);
} // namespace neml2::python
