// Full second-order tensors: products, symmetric and skew parts, the full form of an SR2, and the
// rotation matrix of an orientation.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// to = op(A) op(B), op inverting and/or transposing (in that order) as `invert_A`,
/// `transpose_A`, ... ask (NEML2 v3's R2Multiplication).
class R2Multiplication : public Model
{
public:
  R2Multiplication(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _A, _B, _to;
  bool _inv_A, _inv_B, _trans_A, _trans_B;
};

/// One tensor computed from another: R2ToSR2 (the symmetric part), R2ToWR2 (the skew part as an
/// axial vector), SR2ToR2 (the full form of a symmetric tensor), RotationMatrix (the rotation of
/// modified Rodrigues parameters, Euler–Rodrigues).
class R2Conversion : public Model
{
public:
  enum class Kind
  {
    R2ToSR2,
    R2ToWR2,
    SR2ToR2,
    RotationMatrix
  };
  R2Conversion(const Options & options, Kind kind);
  static OptionSchema conversion_options(Kind kind);
  void define(Staging & s) const override;

private:
  Kind _kind;
  std::string _from, _to;
};

template <R2Conversion::Kind K>
class R2ConversionOf : public R2Conversion
{
public:
  R2ConversionOf(const Options & options, Factory &)
    : R2Conversion(options, K)
  {
  }
  static OptionSchema expected_options() { return conversion_options(K); }
};
} // namespace neml2
