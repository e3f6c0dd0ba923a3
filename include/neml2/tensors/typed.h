// Typed tensors for the C++ API: a Tensor whose base shape is fixed by its type (SR2 is (6,)).
//
// Conventions (ARCHITECTURE.md): SR2 is Mandel (xx, yy, zz, √2 yz, √2 xz, √2 xy); SSR4 is the
// 6x6 Mandel matrix; R2 is a row-major 3x3; WR2 is the axial vector of a skew tensor; MRP is a
// modified Rodrigues parameter rotation; Quaternion is (s, x, y, z).
#pragma once

#include <vector>

#include "neml2/tensors/tensor.h"

namespace neml2
{
/// Returns `t` when its base shape is the one of `kind`; throws ValueError otherwise.
const Tensor & check_base_shape(const Tensor & t, TypeKind kind);

/// Base of the typed tensors. Copies share storage, as for Tensor.
template <class Derived, TypeKind K>
class TypedTensor : public Tensor
{
public:
  static constexpr TypeKind kind = K;

  TypedTensor() = default;
  /// Wraps `t` (no copy); throws ValueError unless its base shape is the type's.
  explicit TypedTensor(const Tensor & t)
    : Tensor(check_base_shape(t, K))
  {
  }

  static Derived zeros(const Shape & batch = {}, Dtype dtype = Dtype::Float64)
  {
    return Derived(Tensor::zeros(batch, neml2::base_shape(K), dtype));
  }
  static Derived full(const Shape & batch, double value, Dtype dtype = Dtype::Float64)
  {
    return Derived(Tensor::full(batch, neml2::base_shape(K), value, dtype));
  }
  /// Raw components, row-major over (*batch, *base) (SR2 components are Mandel here).
  static Derived from_values(const Shape & batch, std::span<const double> values, Dtype dtype = Dtype::Float64)
  {
    return Derived(Tensor::from_values(batch, neml2::base_shape(K), values, dtype));
  }
};

class Scalar : public TypedTensor<Scalar, TypeKind::Scalar>
{
public:
  using TypedTensor::TypedTensor;
  Scalar() = default;
  /// An unbatched scalar.
  explicit Scalar(double value, Dtype dtype = Dtype::Float64);
};

/// The component lists `fill` accepts for each type, and what they mean:
///   Scalar: 1.  Vec, WR2, MRP, MillerIndex: 3 (x, y, z).  Quaternion: 4 (s, x, y, z).
///   SR2: 1 (diagonal a a a), 3 (diagonal xx yy zz), 6 (xx yy zz yz xz xy in tensor form, stored
///   as Mandel: the shear components are multiplied by √2).
///   R2: 1 (diagonal), 3 (diagonal), 6 (symmetric, xx yy zz yz xz xy), 9 (row-major).
///   SSR4: 36 (the Mandel matrix, row-major).
std::vector<std::size_t> fill_counts(TypeKind kind);

/// Builds a tensor of type `kind` from batched scalar components (batch shapes broadcast,
/// dtype float64 unless every component is float32). Throws ValueError on a wrong count.
Tensor fill(TypeKind kind, const std::vector<Scalar> & components);
/// The same from plain numbers: an unbatched tensor.
Tensor fill(TypeKind kind, const std::vector<double> & components, Dtype dtype = Dtype::Float64);

// The typed tensors. Each has zeros/full/from_values (above) and, where meaningful, fill from
// numbers (unbatched) or from batched Scalars, following the rules of fill_counts().
#define NEML2_TYPED_FILL(T)                                                  \
  static T fill(const std::vector<double> & c, Dtype dtype = Dtype::Float64) \
  {                                                                          \
    return T(neml2::fill(kind, c, dtype));                                   \
  }                                                                          \
  static T fill(const std::vector<Scalar> & c)                               \
  {                                                                          \
    return T(neml2::fill(kind, c));                                          \
  }

class Vec : public TypedTensor<Vec, TypeKind::Vec>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(Vec)
};

class R2 : public TypedTensor<R2, TypeKind::R2>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(R2)
  /// a times the identity.
  static R2 fill(double a, Dtype dtype = Dtype::Float64) { return fill(std::vector<double>{a}, dtype); }
  static R2 identity(const Shape & batch = {}, Dtype dtype = Dtype::Float64);
};

class SR2 : public TypedTensor<SR2, TypeKind::SR2>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(SR2)
  /// a times the identity.
  static SR2 fill(double a, Dtype dtype = Dtype::Float64) { return fill(std::vector<double>{a}, dtype); }
  static SR2 identity(const Shape & batch = {}, Dtype dtype = Dtype::Float64);
};

class SSR4 : public TypedTensor<SSR4, TypeKind::SSR4>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(SSR4)
  /// The symmetric identity I (I : e = e for every SR2 e).
  static SSR4 identity_sym(const Shape & batch = {}, Dtype dtype = Dtype::Float64);
  /// The volumetric projector (I ⊗ I)/3.
  static SSR4 identity_vol(const Shape & batch = {}, Dtype dtype = Dtype::Float64);
  /// The deviatoric projector identity_sym - identity_vol.
  static SSR4 identity_dev(const Shape & batch = {}, Dtype dtype = Dtype::Float64);
};

class WR2 : public TypedTensor<WR2, TypeKind::WR2>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(WR2)
};

class MRP : public TypedTensor<MRP, TypeKind::MRP>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(MRP)
};

class Quaternion : public TypedTensor<Quaternion, TypeKind::Quaternion>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(Quaternion)
};

class MillerIndex : public TypedTensor<MillerIndex, TypeKind::MillerIndex>
{
public:
  using TypedTensor::TypedTensor;
  NEML2_TYPED_FILL(MillerIndex)
};

#undef NEML2_TYPED_FILL
} // namespace neml2
