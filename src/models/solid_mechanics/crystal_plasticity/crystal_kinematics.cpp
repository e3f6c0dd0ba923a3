// Kinematics of a crystal (NEML2 v3's equations): the elastic strain rate and the lattice spin
// in a corotational frame, the shadow-set switch of modified Rodrigues parameters, and the warm
// starts of crystal-plasticity solves (elastic strain; plastic deformation gradient).
#include <fmt/format.h>

#include "neml2/graph/sym_r2_ops.h"
#include "neml2/graph/sym_tensor_ops.h"
#include "neml2/models/common/option_helpers.h"
#include "neml2/models/model.h"

namespace neml2
{
namespace
{
/// The skew matrix W of an axial vector w (W v = w x v).
sym::R2
skew_matrix(const sym::WR2 & w)
{
  const auto zero = w[0].lit(0.0);
  return sym::R2({zero, -w[2], w[1], w[2], zero, -w[0], -w[1], w[0], zero});
}

/// a b - b a for symmetric a, b given in Mandel form (full 3x3 result).
sym::R2
commutator(const sym::R2 & a, const sym::R2 & b)
{
  return sym::matmul(a, b) - sym::matmul(b, a);
}

/// The variable-name options `options` name different variables; else an error at the second
/// option of the first clash.
void
require_distinct(const Options & o, const std::vector<std::string> & options)
{
  for (std::size_t b = 1; b < options.size(); ++b)
    for (std::size_t a = 0; a < b; ++a)
      if (o.get_string(options[a]) == o.get_string(options[b]))
        throw o.error(options[b], fmt::format("{} and {} must be different variables (both are '{}')", options[a],
                                              options[b], o.get_string(options[b])));
}

class ElasticStrainRate : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("The elastic strain rate in the corotational frame, e rate = d - d^p + W e - e W, with W the skew "
             "matrix of the vorticity w.")
        .optional("elastic_strain", OptionKind::String, "elastic_strain", "the elastic strain e (input)")
        .optional("deformation_rate", OptionKind::String, "deformation_rate", "the deformation rate d (input)")
        .optional("vorticity", OptionKind::String, "vorticity", "the vorticity w (input)")
        .optional("plastic_deformation_rate", OptionKind::String, "plastic_deformation_rate",
                  "the plastic deformation rate d^p (input)")
        .optional("elastic_strain_rate", OptionKind::String, "elastic_strain_rate", "the elastic strain rate (output)");
  }

  ElasticStrainRate(const Options & o, Factory &)
    : Model(o),
      _e(o.get_string("elastic_strain")),
      _d(o.get_string("deformation_rate")),
      _w(o.get_string("vorticity")),
      _dp(o.get_string("plastic_deformation_rate")),
      _rate(o.get_string("elastic_strain_rate"))
  {
    require_distinct(o, {"elastic_strain", "deformation_rate", "vorticity", "plastic_deformation_rate"});
    declare_input(_e, TypeKind::SR2);
    declare_input(_d, TypeKind::SR2);
    declare_input(_w, TypeKind::WR2);
    declare_input(_dp, TypeKind::SR2);
    declare_output_distinct(_rate, TypeKind::SR2, "elastic_strain_rate");
  }

  void define(Staging & s) const override
  {
    const auto e = s.input<sym::SR2>(_e);
    const auto W = skew_matrix(s.input<sym::WR2>(_w));
    s.output(_rate, s.input<sym::SR2>(_d) - s.input<sym::SR2>(_dp) + sym::sym_part(commutator(W, sym::r2_from_sr2(e))));
  }

private:
  std::string _e, _d, _w, _dp, _rate;
};

class OrientationRate : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("The spin of the crystal lattice, Omega^e = w - w^p + (d^p e - e d^p), as an axial vector (the term in "
             "parentheses is skew for symmetric d^p and e).")
        .optional("elastic_strain", OptionKind::String, "elastic_strain", "the elastic strain e (input)")
        .optional("vorticity", OptionKind::String, "vorticity", "the vorticity w (input)")
        .optional("plastic_deformation_rate", OptionKind::String, "plastic_deformation_rate",
                  "the plastic deformation rate d^p (input)")
        .optional("plastic_vorticity", OptionKind::String, "plastic_vorticity", "the plastic vorticity w^p (input)")
        .optional("orientation_rate", OptionKind::String, "orientation_rate", "the lattice spin Omega^e (output)");
  }

  OrientationRate(const Options & o, Factory &)
    : Model(o),
      _e(o.get_string("elastic_strain")),
      _w(o.get_string("vorticity")),
      _dp(o.get_string("plastic_deformation_rate")),
      _wp(o.get_string("plastic_vorticity")),
      _rate(o.get_string("orientation_rate"))
  {
    require_distinct(o, {"elastic_strain", "vorticity", "plastic_deformation_rate", "plastic_vorticity"});
    declare_input(_e, TypeKind::SR2);
    declare_input(_w, TypeKind::WR2);
    declare_input(_dp, TypeKind::SR2);
    declare_input(_wp, TypeKind::WR2);
    declare_output_distinct(_rate, TypeKind::WR2, "orientation_rate");
  }

  void define(Staging & s) const override
  {
    const auto e = sym::r2_from_sr2(s.input<sym::SR2>(_e));
    const auto dp = sym::r2_from_sr2(s.input<sym::SR2>(_dp));
    s.output(_rate, s.input<sym::WR2>(_w) - s.input<sym::WR2>(_wp) + sym::skew_part(commutator(dp, e)));
  }

private:
  std::string _e, _w, _dp, _wp, _rate;
};

class FixOrientation : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("Switches modified Rodrigues parameters to their shadow set, r* = -r / |r|^2 (the same rotation), where "
             "|r|^2 >= threshold, away from the singularity at a full turn (Banks, 'Switching methods for "
             "three-dimensional rotations', 2019).")
        .optional("input", OptionKind::String, "input", "the orientation r (input)")
        .optional("output", OptionKind::String, "output", "the orientation, switched where needed (output)")
        .optional("threshold", OptionKind::Real, "1.0", "switch where |r|^2 >= threshold");
  }

  FixOrientation(const Options & o, Factory &)
    : Model(o),
      _in(o.get_string("input")),
      _out(o.get_string("output")),
      _threshold(o.get_real("threshold"))
  {
    if (!(_threshold > 0))
      throw o.error("threshold", fmt::format("the threshold must be positive, got {}", _threshold));
    declare_input(_in, TypeKind::MRP);
    declare_output_distinct(_out, TypeKind::MRP, "output");
  }

  void define(Staging & s) const override
  {
    const auto r = s.input<sym::MRP>(_in);
    const auto rr = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
    const auto keep = sym::gt(rr.lit(_threshold), rr);
    sym::MRP out;
    for (std::size_t k = 0; k < 3; ++k)
      out[k] = sym::where(keep, r[k], -r[k] / rr);
    s.output(_out, out);
  }

private:
  std::string _in, _out;
  double _threshold;
};

class CrystalPlasticityStrainPredictor : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("Warm start of the elastic strain in a crystal-plasticity solve: e = e_n + scale (t - t_n) d where "
             "|e_n| < threshold (the first steps), else e = e_n. Used as an ImplicitUpdate predictor.")
        .optional("deformation_rate", OptionKind::String, "deformation_rate", "the deformation rate d (input)")
        .optional("time", OptionKind::String, "t", "the time t (input; t_n is its ~1 history)")
        .optional("elastic_strain", OptionKind::String, "elastic_strain",
                  "the predicted elastic strain e (output; e_n is its ~1 "
                  "history, an input)")
        .optional("scale", OptionKind::String, "1.0", std::string("the scale (parameter 'scale')") + parameter_forms)
        .optional("threshold", OptionKind::String, "1e-3",
                  "the norm of e_n below which the predictor acts "
                  "(parameter 'threshold'), as above");
  }

  CrystalPlasticityStrainPredictor(const Options & o, Factory & factory)
    : Model(o),
      _d(o.get_string("deformation_rate")),
      _t(o.get_string("time")),
      _e(o.get_string("elastic_strain"))
  {
    require_distinct(o, {"deformation_rate", "time", "elastic_strain"});
    declare_input(_d, TypeKind::SR2);
    declare_input(_t, TypeKind::Scalar);
    declare_input(_t + "~1", TypeKind::Scalar);
    declare_input(_e + "~1", TypeKind::SR2);
    _scale = declare_parameter<sym::Scalar>("scale", o.get_string("scale"), "scale", factory);
    _threshold = declare_parameter<sym::Scalar>("threshold", o.get_string("threshold"), "threshold", factory);
    declare_output_distinct(_e, TypeKind::SR2, "elastic_strain");
  }

  void define(Staging & s) const override
  {
    const auto en = s.input<sym::SR2>(_e + "~1");
    const auto dt = s.input<sym::Scalar>(_t).sym() - s.input<sym::Scalar>(_t + "~1").sym();
    const auto warm = sym::gt(param(s, _threshold).sym(), sym::norm(en));
    const auto step = en + (param(s, _scale).sym() * dt) * s.input<sym::SR2>(_d);
    sym::SR2 out;
    for (std::size_t k = 0; k < 6; ++k)
      out[k] = sym::where(warm, step[k], en[k]);
    s.output(_e, out);
  }

private:
  std::string _d, _t, _e;
  Param<sym::Scalar> _scale, _threshold;
};

class CrystalPlasticityDeformationGradientPredictor : public Model
{
public:
  static OptionSchema expected_options()
  {
    return Model::expected_options()
        .doc("Warm start of the plastic deformation gradient in a multiplicative crystal-plasticity solve: with the "
             "trial Fe = F Fp_n^-1, Fp = (I + scale (Fe - I))^-1 F where |sym(Fe) - I| > threshold (the frozen-Fp "
             "trial over-stresses), else Fp = Fp_n. Used as an ImplicitUpdate predictor.")
        .optional("deformation_gradient", OptionKind::String, "deformation_gradient",
                  "the deformation gradient F (input)")
        .optional("plastic_deformation_gradient", OptionKind::String, "plastic_deformation_gradient",
                  "the predicted plastic deformation gradient Fp (output; Fp_n is its ~1 history, an input)")
        .optional("scale", OptionKind::String, "0.1", std::string("the scale (parameter 'scale')") + parameter_forms)
        .optional("threshold", OptionKind::String, "1e-3",
                  "the trial elastic strain norm above which the predictor acts (parameter 'threshold'), as above");
  }

  CrystalPlasticityDeformationGradientPredictor(const Options & o, Factory & factory)
    : Model(o),
      _deformation_F(o.get_string("deformation_gradient")),
      _plastic_F(o.get_string("plastic_deformation_gradient"))
  {
    require_distinct(o, {"deformation_gradient", "plastic_deformation_gradient"});
    declare_input(_deformation_F, TypeKind::R2);
    declare_input(_plastic_F + "~1", TypeKind::R2);
    _scale = declare_parameter<sym::Scalar>("scale", o.get_string("scale"), "scale", factory);
    _threshold = declare_parameter<sym::Scalar>("threshold", o.get_string("threshold"), "threshold", factory);
    declare_output_distinct(_plastic_F, TypeKind::R2, "plastic_deformation_gradient");
  }

  void define(Staging & s) const override
  {
    auto * g = s.graph();
    const auto F = s.input<sym::R2>(_deformation_F);
    const auto Fp_n = s.input<sym::R2>(_plastic_F + "~1");
    const auto Fe = sym::matmul(F, sym::inverse(Fp_n));
    const auto I = sym::r2_from_sr2(
        sym::SR2({sym::Sym::constant(g, 1.0), sym::Sym::constant(g, 1.0), sym::Sym::constant(g, 1.0),
                  sym::Sym::constant(g, 0.0), sym::Sym::constant(g, 0.0), sym::Sym::constant(g, 0.0)}));
    const auto strain = sym::sym_part(Fe - I);
    const auto predicted = sym::matmul(sym::inverse(I + param(s, _scale).sym() * (Fe - I)), F);
    const auto use = sym::gt(sym::norm(strain), param(s, _threshold).sym());
    sym::R2 out;
    for (std::size_t k = 0; k < 9; ++k)
      out[k] = sym::where(use, predicted[k], Fp_n[k]);
    s.output(_plastic_F, out);
  }

private:
  std::string _deformation_F, _plastic_F;
  Param<sym::Scalar> _scale, _threshold;
};

NEML2_REGISTER(Model, ElasticStrainRate);
NEML2_REGISTER(Model, OrientationRate);
NEML2_REGISTER(Model, FixOrientation);
NEML2_REGISTER(Model, CrystalPlasticityStrainPredictor);
NEML2_REGISTER(Model, CrystalPlasticityDeformationGradientPredictor);
} // namespace
} // namespace neml2
