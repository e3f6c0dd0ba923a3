// The user-facing exception types. Messages are lower-case, name the user's own things
// (file:line:col, variable, option) and say how to fix the problem.
#pragma once

#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace neml2
{
/// Base of every error neml2 reports to a user.
class Error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

/// Bad values handed to an API: wrong shape, unknown variable name, wrong dtype.
class ValueError : public Error
{
public:
  using Error::Error;
};

/// A requested size does not fit: more elements than 64 bits count, or more bytes than can be
/// allocated. A ValueError, so callers that catch bad values catch this too.
class SizeError : public ValueError
{
public:
  using ValueError::ValueError;
};

/// A problem in an input file (the message starts with file:line:col).
class InputError : public Error
{
public:
  using Error::Error;
};

/// neml2-compile could not produce an artifact, or an artifact could not be loaded.
class CompileError : public Error
{
public:
  using Error::Error;
};

/// A device the call needs is missing (no CUDA GPU visible) or a device operation failed.
class DeviceError : public Error
{
public:
  using Error::Error;
};

/// A nonlinear solve did not converge.
class SolverError : public Error
{
public:
  using Error::Error;
};

/// Internal invariant; a failure is a bug in neml2, not in the user's input.
#define NEML2_ASSERT(cond, ...)                                                                      \
  do                                                                                                 \
  {                                                                                                  \
    if (!(cond))                                                                                     \
      throw std::logic_error(                                                                        \
          fmt::format("internal error at {}:{}: {}", __FILE__, __LINE__, fmt::format(__VA_ARGS__))); \
  } while (0)
/// An internal code path that must never run (the compiler knows it does not return).
#define NEML2_UNREACHABLE(...) \
  throw std::logic_error(fmt::format("internal error at {}:{}: {}", __FILE__, __LINE__, fmt::format(__VA_ARGS__)))
} // namespace neml2
