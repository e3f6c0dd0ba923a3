// The slip systems of a crystal: families of Miller-index slip directions and planes expanded by
// the crystal's symmetry operators into unit directions and normals in the lattice frame, with
// the Schmid tensors that the crystal-plasticity models resolve stresses and slip rates with.
#pragma once

#include <cstddef>
#include <vector>

#include "neml2/models/solid_mechanics/crystal_plasticity/symmetry_operators.h"

namespace neml2::crystal
{
/// One family of slip systems as written in an input file: a direction <uvw> and a plane {hkl}.
struct SlipFamily
{
  Vec3 direction; ///< Miller indices of the slip direction
  Vec3 plane;     ///< Miller indices of the slip plane
};

struct SlipSystems
{
  std::vector<Vec3> directions;     ///< unit slip directions d_i (lattice frame)
  std::vector<Vec3> normals;        ///< unit slip-plane normals n_i (lattice frame)
  std::vector<double> burgers;      ///< |d_i| before normalisation: the lattice translation along d_i
  std::vector<std::size_t> offsets; ///< family f holds systems [offsets[f], offsets[f + 1])

  std::size_t size() const { return directions.size(); }
  std::size_t families() const { return offsets.size() - 1; }
  std::size_t size_of_family(std::size_t f) const;

  /// The Schmid tensor A_i = d_i (x) n_i, row-major.
  Mat3 schmid(std::size_t i) const;
  /// sym(A_i) in Mandel notation (the SR2 that resolves a stress onto system i).
  std::array<double, 6> sym_schmid(std::size_t i) const;
  /// skew(A_i) as an axial vector (the WR2 convention: W v = w x v).
  Vec3 skew_schmid(std::size_t i) const;
};

/**
 * Expands `families` over the symmetry operators `ops` (identity first) of a lattice with
 * lattice vectors the rows of `lattice`, in NEML2 v3's order: for each family, the distinct
 * directions (up to sign, first seen first) times the distinct plane normals perpendicular to
 * each of them. Miller indices are reduced by their common divisor first. Directions map through
 * the lattice, plane normals through the reciprocal lattice. Throws ValueError when a family
 * gives no system (a direction not in any of its planes) or an index triple is all zero.
 */
SlipSystems generate_slip_systems(const Mat3 & lattice, const std::vector<Mat3> & ops,
                                  const std::vector<SlipFamily> & families);
} // namespace neml2::crystal
