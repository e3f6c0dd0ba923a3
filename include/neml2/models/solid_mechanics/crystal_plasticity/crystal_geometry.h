// [Data] objects describing a crystal: its slip systems, shared by every crystal-plasticity model
// that names it with the option `crystal_geometry` (NEML2 v3: `[Data] [crystal_geometry] type =
// CubicCrystal`).
#pragma once

#include <string>

#include "neml2/base/registry.h"
#include "neml2/models/solid_mechanics/crystal_plasticity/slip_systems.h"

namespace neml2
{
class Factory;

class CrystalGeometry : public Object
{
public:
  CrystalGeometry(const Options & options, crystal::SlipSystems systems);

  const crystal::SlipSystems & slip_systems() const { return _systems; }
  /// The number of slip systems (the size of per-system variables' sub-batch axis).
  std::size_t nslip() const { return _systems.size(); }

private:
  crystal::SlipSystems _systems;
};

/// The option `crystal_geometry` (NEML2's default name "crystal_geometry") and the lookup of the
/// [Data] object it names, for the models that take one.
OptionSchema crystal_geometry_option();
std::shared_ptr<CrystalGeometry> crystal_geometry(const Options & options, Factory & factory);
} // namespace neml2
