// The models that connect the continuum to the slip systems through the crystal's orientation
// matrix Q (NEML2 v3's equations): ResolvedShear tau_i = sigma : Q sym(d_i n_i) Q^T, and the
// sums of slip rates back to the continuum, PlasticDeformationRate d^p = Q (sum_i gamma_i
// sym(d_i n_i)) Q^T, PlasticVorticity w^p = Q (sum_i gamma_i skew(d_i n_i)) Q^T and
// PlasticSpatialVelocityGradient l^p = Q (sum_i gamma_i d_i n_i) Q^T.
#include "neml2/graph/sym_r2_ops.h"
#include "neml2/graph/sym_tensor_ops.h"
#include "neml2/models/model.h"
#include "neml2/models/solid_mechanics/crystal_plasticity/crystal_geometry.h"

#include "crystal_constants.h"

namespace neml2
{
namespace
{
/// A model that reads the [Data] crystal geometry named by `crystal_geometry`.
class CrystalModel : public Model
{
public:
  static OptionSchema expected_options() { return Model::expected_options().merge(crystal_geometry_option()); }

  CrystalModel(const Options & options, Factory & factory)
    : Model(options),
      _crystal(crystal_geometry(options, factory))
  {
  }

protected:
  const crystal::SlipSystems & systems() const { return _crystal->slip_systems(); }
  Shape per_slip() const { return {static_cast<std::int64_t>(_crystal->nslip())}; }

private:
  std::shared_ptr<CrystalGeometry> _crystal;
};

class ResolvedShear : public CrystalModel
{
public:
  static OptionSchema expected_options()
  {
    return CrystalModel::expected_options()
        .doc("The resolved shear stress on each slip system, tau_i = sigma : Q sym(d_i n_i) Q^T, with Q the "
             "orientation matrix (crystal to sample frame): one value per slip system.")
        .optional("stress", OptionKind::String, "stress", "the Cauchy stress sigma (input)")
        .optional("orientation_matrix", OptionKind::String, "orientation_matrix", "the orientation matrix Q (input)")
        .optional("resolved_shears", OptionKind::String, "resolved_shears",
                  "the resolved shears tau_i (output, per slip system)");
  }

  ResolvedShear(const Options & o, Factory & factory)
    : CrystalModel(o, factory),
      _stress(o.get_string("stress")),
      _orientation(o.get_string("orientation_matrix")),
      _tau(o.get_string("resolved_shears"))
  {
    if (_stress == _orientation)
      throw o.error("orientation_matrix", "stress and orientation_matrix must be different variables");
    declare_input(_stress, TypeKind::SR2);
    declare_input(_orientation, TypeKind::R2);
    declare_output_distinct(_tau, TypeKind::Scalar, "resolved_shears", per_slip());
  }

  void define(Staging & s) const override
  {
    auto * g = s.graph();
    const auto Q = s.input<sym::R2>(_orientation);
    // sigma : Q M Q^T = (Q^T sigma Q) : M: rotate the stress into the crystal once.
    const auto crystal_stress =
        sym::sym_part(sym::matmul(sym::transpose(Q), sym::matmul(sym::r2_from_sr2(s.input<sym::SR2>(_stress)), Q)));
    std::vector<sym::Scalar> tau;
    for (std::size_t i = 0; i < systems().size(); ++i)
      tau.emplace_back(sym::inner(crystal_stress, crystal::sym_schmid(g, systems(), i)));
    s.output_list(_tau, tau);
  }

private:
  std::string _stress, _orientation, _tau;
};

/// PlasticDeformationRate, PlasticVorticity, PlasticSpatialVelocityGradient.
template <TypeKind K>
class SlipRateSum : public CrystalModel
{
public:
  static OptionSchema expected_options()
  {
    return CrystalModel::expected_options()
        .doc(doc())
        .optional("orientation_matrix", OptionKind::String, "orientation_matrix", "the orientation matrix Q (input)")
        .optional("slip_rates", OptionKind::String, "slip_rates", "the slip rates gamma_i (input, per slip system)")
        .optional(output_option(), OptionKind::String, output_option(), "the sum (output)");
  }

  SlipRateSum(const Options & o, Factory & factory)
    : CrystalModel(o, factory),
      _orientation(o.get_string("orientation_matrix")),
      _rates(o.get_string("slip_rates")),
      _out(o.get_string(output_option()))
  {
    if (_orientation == _rates)
      throw o.error("slip_rates", "orientation_matrix and slip_rates must be different variables");
    declare_input(_orientation, TypeKind::R2);
    declare_input(_rates, TypeKind::Scalar, per_slip());
    declare_output_distinct(_out, K, output_option());
  }

  void define(Staging & s) const override
  {
    auto * g = s.graph();
    const auto rates = s.input_list<sym::Scalar>(_rates);
    const auto Q = s.input<sym::R2>(_orientation);
    // sum_i gamma_i A_i in the crystal frame (the Schmid tensors' zeros left out), then one
    // rotation to the sample frame.
    std::vector<sym::Sym> gamma, a(rates.size() * 9);
    for (std::size_t i = 0; i < rates.size(); ++i)
    {
      gamma.push_back(rates[i].sym());
      const auto A = crystal::schmid(g, systems(), i);
      for (std::size_t c = 0; c < 9; ++c)
        a[c * rates.size() + i] = A[c];
    }
    sym::R2 sum;
    for (std::size_t c = 0; c < 9; ++c)
      sum[c] = sym::sparse_dot(gamma.data(), a.data() + c * rates.size(), rates.size());
    const auto rotated = sym::matmul(Q, sym::matmul(sum, sym::transpose(Q)));
    if constexpr (K == TypeKind::SR2)
      s.output(_out, sym::sym_part(rotated));
    else if constexpr (K == TypeKind::WR2)
      s.output(_out, sym::skew_part(rotated));
    else
      s.output(_out, rotated);
  }

private:
  static const char * output_option()
  {
    if constexpr (K == TypeKind::SR2)
      return "plastic_deformation_rate";
    else if constexpr (K == TypeKind::WR2)
      return "plastic_vorticity";
    else
      return "plastic_spatial_velocity_gradient";
  }
  static const char * doc()
  {
    if constexpr (K == TypeKind::SR2)
      return "The plastic deformation rate d^p = Q (sum_i gamma_i sym(d_i n_i)) Q^T.";
    else if constexpr (K == TypeKind::WR2)
      return "The plastic vorticity w^p = Q (sum_i gamma_i skew(d_i n_i)) Q^T, as an axial vector.";
    else
      return "The plastic spatial velocity gradient l^p = Q (sum_i gamma_i d_i n_i) Q^T.";
  }

  std::string _orientation, _rates, _out;
};

using PlasticDeformationRate = SlipRateSum<TypeKind::SR2>;
using PlasticVorticity = SlipRateSum<TypeKind::WR2>;
using PlasticSpatialVelocityGradient = SlipRateSum<TypeKind::R2>;

/// NEML2 v3's SlipSystemElasticInteraction: the coupling A_ij = (t - t~1) M_i : C : M_j through which
/// slip on system j relaxes the resolved shear on system i over a step (the matrix of the condensed
/// rate system a CoordinateDescentPredictor solves), as a Scalar with sub-batch (nslip, nslip).
/// NEML2 contracts in the sample frame, rotating the stiffness and both Schmid tensors by the
/// orientation Q; rotating all three by the same Q leaves the contraction unchanged, so it is
/// computed in the crystal frame, and the orientation, read as NEML2's interface has it, drops out.
class SlipSystemElasticInteraction : public CrystalModel
{
public:
  static OptionSchema expected_options()
  {
    return CrystalModel::expected_options()
        .doc("The elastic coupling between slip systems over a step, A_ij = (t - t~1) M_i : C : M_j, with M_i the "
             "symmetric Schmid tensors and C the elastic stiffness, both in the crystal frame: one value per pair "
             "of slip systems (sub-batch (nslip, nslip)). It does not depend on the orientation, which is an input "
             "as in NEML2.")
        .optional("orientation", OptionKind::String, "orientation", "the orientation (input, MRP)")
        .optional("time", OptionKind::String, "t", "the time t (its previous value is read from 't~1')")
        .optional("coupling", OptionKind::String, "coupling", "the coupling matrix A (output)")
        .required("elastic_stiffness_tensor", OptionKind::String,
                  "the elastic stiffness C in the crystal frame (parameter, SSR4): 36 numbers, a [Tensors] name or "
                  "a variable");
  }

  SlipSystemElasticInteraction(const Options & o, Factory & factory)
    : CrystalModel(o, factory),
      _orientation(o.get_string("orientation")),
      _t(o.get_string("time")),
      _coupling(o.get_string("coupling"))
  {
    if (_t == _orientation)
      throw o.error("time", "the time and the orientation must be different variables");
    declare_input(_orientation, TypeKind::MRP);
    declare_input(_t, TypeKind::Scalar);
    declare_input(_t + "~1", TypeKind::Scalar);
    _stiffness = declare_parameter<sym::SSR4>("elastic_stiffness_tensor", o.get_string("elastic_stiffness_tensor"),
                                              "elastic_stiffness_tensor", factory);
    const auto n = per_slip()[0];
    declare_output_distinct(_coupling, TypeKind::Scalar, "coupling", {n, n});
  }

  void define(Staging & s) const override
  {
    auto * g = s.graph();
    const auto dt = s.input<sym::Scalar>(_t).sym() - s.input<sym::Scalar>(_t + "~1").sym();
    const auto C = param(s, _stiffness);
    std::vector<sym::SR2> M, CM;
    for (std::size_t i = 0; i < systems().size(); ++i)
    {
      M.push_back(crystal::sym_schmid(g, systems(), i));
      CM.push_back(sym::dot(C, M.back()));
    }
    std::vector<sym::Scalar> A;
    for (std::size_t i = 0; i < M.size(); ++i)
      for (std::size_t j = 0; j < M.size(); ++j)
        A.emplace_back(dt * sym::inner(M[i], CM[j]));
    s.output_list(_coupling, A);
  }

private:
  std::string _orientation, _t, _coupling;
  Param<sym::SSR4> _stiffness;
};

NEML2_REGISTER(Model, ResolvedShear);
NEML2_REGISTER(Model, SlipSystemElasticInteraction);
NEML2_REGISTER(Model, PlasticDeformationRate);
NEML2_REGISTER(Model, PlasticVorticity);
NEML2_REGISTER(Model, PlasticSpatialVelocityGradient);
} // namespace
} // namespace neml2
