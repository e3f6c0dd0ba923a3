// Arrays in and out of the Python module: NumPy arrays and PyTorch tensors become neml2::Tensor
// views of the same memory (DLPack, no copy), and results go back as arrays of the caller's
// framework that own a handle on the neml2 storage (no copy either).
#pragma once

#include <string>
#include <string_view>

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
// Every file here casts Python str to std::string: each must see this caster, or its nb::cast
// compiles against the generic one and fails at run time with a bare std::bad_cast (an ODR clash
// that only some compilers expose: seen with GCC 13, not 12).
#include <nanobind/stl/string.h>

#include "neml2/tensors/tensor.h"

namespace neml2::python
{
namespace nb = nanobind;

/// The array framework results are returned in.
enum class Framework
{
  NumPy,
  Torch
};

/// PyTorch when `torch` has already been imported by the program, else NumPy. Never imports torch.
Framework default_framework();

/// Collects the framework of a call's array arguments: results are torch tensors when any
/// argument was one, NumPy arrays otherwise.
struct CallFrame
{
  bool torch = false;
  Framework framework() const { return torch ? Framework::Torch : Framework::NumPy; }
};

/// What an argument is, for error messages ("input 'strain'"); formatted only on error.
struct What
{
  const char * kind;
  std::string_view name = {};
  std::string str() const
  {
    return name.empty() ? std::string(kind) : std::string(kind) + " '" + std::string(name) + "'";
  }
};

/**
 * Wraps `obj` as a Tensor whose last `base.size()` dims are `base` (checked) and whose leading
 * dims are the batch. `obj` may be a NumPy array, a torch tensor (CPU; a tensor that requires grad
 * is detached, which does not copy), anything exporting DLPack or the buffer protocol, a
 * neml2.types wrapper (its `.data`), or a Python number (a 0-d float64 value).
 *
 * C-contiguous float64/float32 CPU memory is wrapped without copying; the Tensor keeps the Python
 * array alive. A non-contiguous array is made contiguous with one copy. Other dtypes and devices
 * raise ValueError naming `what`. With `writable`, read-only arrays are refused (ValueError).
 */
Tensor to_tensor(nb::handle obj, const Shape & base, const What & what, CallFrame & frame, bool writable = false);

/// `a`'s shape, as "(2, 6)", for error messages.
std::string dims_str(const nanobind::ndarray<nanobind::ro> & a);

/// Whether `a` is laid out in C order (dims of size 1 may have any stride).
bool c_contiguous(const nanobind::ndarray<nanobind::ro> & a);

/// The array (NumPy or torch) viewing `t`'s storage; the array keeps the storage alive.
nb::object to_array(const Tensor & t, Framework fw);

/// The framework named by `name` ("numpy", "torch") or the default one for None.
Framework parse_framework(nb::handle name);
} // namespace neml2::python
