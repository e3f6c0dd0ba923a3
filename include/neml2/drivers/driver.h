// Driver: an object of the [Drivers] section that runs a model (neml2-run executes one).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "neml2/base/factory.h"
#include "neml2/base/registry.h"

namespace neml2
{
class Driver : public Object
{
public:
  using Object::Object;
  /// Runs the driver to completion; throws on failure.
  virtual void run() = 0;
};

/// Loads driver `name` from [Drivers] of an input file (with command-line style overrides).
std::shared_ptr<Driver> load_driver(const std::string & file, const std::string & name,
                                    const std::vector<std::string> & overrides = {});
} // namespace neml2
