// Test helper: run a parse (or any call) and check the error kind and a message substring.
#pragma once

#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "neml2/hit/hit.h"

namespace neml2::hit::test
{
/// Checks that `call` throws neml2::hit::Error of `kind` whose what() contains `substring`.
inline ::testing::AssertionResult
throws_error(const std::function<void()> & call, ErrorKind kind, const std::string & substring)
{
  try
  {
    call();
  }
  catch (const Error & e)
  {
    const std::string what = e.what();
    if (e.kind() != kind)
      return ::testing::AssertionFailure()
             << "kind " << to_string(e.kind()) << " instead of " << to_string(kind) << ": " << what;
    if (what.find(substring) == std::string::npos)
      return ::testing::AssertionFailure() << "message lacks \"" << substring << "\": " << what;
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no error thrown (expected \"" << substring << "\")";
}

/// Shorthand for parse_string errors.
inline ::testing::AssertionResult
parse_fails(const std::string & text, ErrorKind kind, const std::string & substring)
{
  return throws_error([&] { parse_string(text, "input.i"); }, kind, substring);
}
} // namespace neml2::hit::test
