// CrystalGeometry and NEML2 v3's CubicCrystal: a cubic lattice (lattice vectors a I) with the 24
// proper rotations of class 432, and slip families given as [Tensors] of type MillerIndex.
#include "neml2/models/solid_mechanics/crystal_plasticity/crystal_geometry.h"

#include <fmt/format.h>

#include "neml2/base/factory.h"
#include "neml2/base/number_word.h"
#include "neml2/base/tensor_object.h"

namespace neml2
{
CrystalGeometry::CrystalGeometry(const Options & options, crystal::SlipSystems systems)
  : Object(options),
    _systems(std::move(systems))
{
}

OptionSchema
crystal_geometry_option()
{
  return OptionSchema().optional("crystal_geometry", OptionKind::String, "crystal_geometry",
                                 "the [Data] object (e.g. a CubicCrystal) that defines the slip systems");
}

std::shared_ptr<CrystalGeometry>
crystal_geometry(const Options & options, Factory & factory)
{
  const auto name = options.get_string("crystal_geometry");
  try
  {
    return factory.get_as<CrystalGeometry>(ObjectKind::Data, name);
  }
  catch (const InputError & e)
  {
    throw options.error("crystal_geometry", e.what());
  }
}

namespace
{
/// A number written in the input, or the first value of the [Tensors] object of that name.
double
real_or_tensor(const Options & o, const std::string & option, Factory & factory)
{
  const auto text = o.get_string(option);
  if (const auto v = number_or_name(o, option, text))
    return *v;
  const auto t = factory.get_tensor(text);
  if (t->tensor_type() != TypeKind::Scalar || t->value().numel() != 1)
    throw o.error(option, fmt::format("'{}' must be a number or the name of a [Tensors] Scalar with one value", text));
  return t->value().at(0);
}

/// The Miller-index rows of the [Tensors] MillerIndex named by `option`: shape (3) or (nfamily, 3).
std::vector<crystal::Vec3>
miller_rows(const Options & o, const std::string & option, Factory & factory)
{
  const auto t = factory.get_tensor(o.get_string(option));
  if (t->tensor_type() != TypeKind::MillerIndex || t->value().batch_shape().size() > 1)
    throw o.error(option, fmt::format("[Tensors/{}] must be a MillerIndex with shape (3) or (families, 3); it is {} "
                                      "with batch shape {}",
                                      o.get_string(option), type_with_article(t->tensor_type()),
                                      shape_str(t->value().batch_shape())));
  std::vector<crystal::Vec3> rows(static_cast<std::size_t>(t->value().numel() / 3));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t k = 0; k < 3; ++k)
      rows[r][k] = t->value().at(static_cast<std::int64_t>(3 * r + k));
  return rows;
}

class CubicCrystal : public CrystalGeometry
{
public:
  static OptionSchema expected_options()
  {
    return OptionSchema()
        .doc("A cubic crystal: lattice vectors a e_1, a e_2, a e_3, the 24 rotations of class 432, and slip families "
             "(direction <uvw>, plane {hkl}) expanded by them into every slip system, in NEML2's order "
             "(doc/models.md, crystal plasticity).")
        .required("lattice_parameter", OptionKind::String,
                  "the lattice parameter a: a number or a [Tensors] Scalar (it scales the Burgers vectors)")
        .required("slip_directions", OptionKind::String,
                  "a [Tensors] MillerIndex: one slip direction per family, shape (3) or (families, 3)")
        .required("slip_planes", OptionKind::String,
                  "a [Tensors] MillerIndex: the slip plane of each family, the same shape as slip_directions");
  }

  CubicCrystal(const Options & o, Factory & factory)
    : CrystalGeometry(o, systems(o, factory))
  {
  }

private:
  static crystal::SlipSystems systems(const Options & o, Factory & factory)
  {
    const double a = real_or_tensor(o, "lattice_parameter", factory);
    if (!(a > 0))
      throw o.error("lattice_parameter", fmt::format("the lattice parameter must be positive, got {}", a));
    const auto dirs = miller_rows(o, "slip_directions", factory);
    const auto planes = miller_rows(o, "slip_planes", factory);
    if (dirs.size() != planes.size())
      throw o.error("slip_planes", fmt::format("{} slip plane(s) for {} slip direction(s): give one plane per family",
                                               planes.size(), dirs.size()));
    std::vector<crystal::SlipFamily> families;
    for (std::size_t f = 0; f < dirs.size(); ++f)
      families.push_back({dirs[f], planes[f]});
    try
    {
      return crystal::generate_slip_systems({a, 0, 0, 0, a, 0, 0, 0, a}, crystal::symmetry_operators("432"), families);
    }
    catch (const ValueError & e)
    {
      throw o.error("slip_directions", e.what());
    }
  }
};

NEML2_REGISTER(Data, CubicCrystal);
} // namespace
} // namespace neml2
