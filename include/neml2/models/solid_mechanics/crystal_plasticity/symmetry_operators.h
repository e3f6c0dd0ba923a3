// The proper rotations of a crystal class, named by its orbifold ("432" for cubic crystals),
// in NEML2 v3's order (neml2.ops.symmetry): the order fixes the order of the slip systems that
// CrystalGeometry generates from them, so it is part of the input-file contract.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace neml2::crystal
{
using Vec3 = std::array<double, 3>;
/// A 3x3 matrix, row-major.
using Mat3 = std::array<double, 9>;

/// The rotation matrix of the unit quaternion (w, x, y, z) (active: v -> R v).
Mat3 quaternion_to_matrix(const std::array<double, 4> & q);

/// The orbifolds NEML2 names: "432", "23", "622", "32", "6", "3", "42", "4", "222", "2", "1".
const std::vector<std::string> & orbifolds();

/// The rotations of the class `orbifold`, identity first; throws ValueError for another name.
std::vector<Mat3> symmetry_operators(const std::string & orbifold);
} // namespace neml2::crystal
