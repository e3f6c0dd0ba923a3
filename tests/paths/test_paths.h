// Where the tests find the checkout and the build folder.
//
// The paths live in one configured source (test_paths.cpp.in) instead of compile definitions on
// every test object: an absolute path on the compiler's command line makes each object specific
// to its checkout, so a clone at another path could not reuse a single cached object.
#pragma once

#include <string>

namespace neml2::test
{
/// The checkout's root folder (holds examples/, include/, tests/).
const std::string & source_dir();

/// The build folder (holds apps/neml2-run, apps/neml2-compile).
const std::string & binary_dir();

/// tests/data in the checkout.
const std::string & test_data_dir();
} // namespace neml2::test
