// `neml2.capture_failures()`: FailureCapture as a Python context manager (failure_capture.cpp).
#pragma once

#include <nanobind/nanobind.h>

namespace neml2::python
{
/// Defines the class `FailureCapture` (the context manager and its report) in module `m`.
void bind_failure_capture(nanobind::module_ & m);
} // namespace neml2::python
