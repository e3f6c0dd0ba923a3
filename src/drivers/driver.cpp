// Loading drivers from input files.
#include "neml2/drivers/driver.h"

namespace neml2
{
std::shared_ptr<Driver>
load_driver(const std::string & file, const std::string & name, const std::vector<std::string> & overrides)
{
  auto factory = Factory::from_file(file, overrides);
  return factory->get_as<Driver>(ObjectKind::Driver, name);
}
} // namespace neml2
