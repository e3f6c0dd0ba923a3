// Input files and their drivers, for the Python module (drivers.cpp).
#pragma once

#include <functional>
#include <memory>

#include <nanobind/nanobind.h>

#include "neml2/models/model.h"

namespace neml2::python
{
/// Defines `Input` (an input file's objects, built once and shared), `Driver` and `load_input`
/// in module `m`. `wrap_model` turns a model of the input into the module's model handle, so
/// that a model and the drivers that run it are the same object.
void bind_drivers(nanobind::module_ & m, std::function<nanobind::object(std::shared_ptr<Model>)> wrap_model);
} // namespace neml2::python
