// The models and examples that the compiled-backend tests run: one or more explicit models of each
// catalog family (with input ranges where the defaults leave their domain), and the examples that
// have a driver. Shared by the CPU tests (bit for bit) and the CUDA ones (to rounding).
#pragma once

#include <map>
#include <string>

#include "fd_check.h"

namespace neml2::test
{
struct CatalogCase
{
  const char * file; ///< under tests/data
  const char * model;
  std::map<std::string, Range> ranges; ///< input ranges for random_inputs
};

inline const CatalogCase explicit_catalog_cases[] = {
    {"viscoelasticity/models.i", "burgers", {}},
    {"viscoelasticity/models.i", "wiechert", {}},
    {"viscoelasticity/models.i", "kelvin_voigt", {}},
    {"recovery/models.i", "kin_recovery", {}},
    {"recovery/models.i", "slope_voce", {}},
    {"recovery/models.i", "anneal_sr2", {{"T", {300.0, 1000.0}}}},
    {"kocks_mecking/models.i", "eta", {{"temperature", {300.0, 1200.0}}, {"mu", {5e4, 8e4}}}},
    {"kocks_mecking/models.i", "g", {{"temperature", {300.0, 1200.0}}, {"strain_rate", {1e-5, 1e-1}}}},
    {"models/common.i", "det_sr2", {}},
    {"models/common.i", "split", {}},
    {"traction_separation/models.i", "interface", {{"jump", {0.0, 0.03}}, {"damage~1", {0.0, 0.5}}}},
    {"traction_separation/models.i", "salehani", {{"normal_separation", {0.0, 0.05}}}},
    {"traction_separation/models.i", "ortho", {}},
    {"traction_separation/models.i", "power_law", {{"beta", {0.1, 2.0}}, {"delta_c", {0.005, 0.02}}}},
    {"kinematics/models.i", "thermal_eigenstrain", {{"temperature", {300.0, 900.0}}}},
    {"kinematics/models.i", "volume_eigenstrain", {{"volume", {0.5, 2.0}}}},
    {"kinematics/models.i", "swelling_jacobian", {}},
    {"kinematics/models.i", "volume_adjust", {{"jacobian", {0.5, 2.0}}}},
    {"kinematics/models.i", "green_lagrange", {}},
    {"kinematics/models.i", "trial_update", {}},
    {"kinematics/models.i", "step", {{"argument", {0.0, 4.0}}}},
    {"kinematics/models.i", "bump", {{"argument", {-0.5, 2.5}}}},
    {"kinematics/models.i", "inverse_times_transpose", {{"A", {1.0, 2.0}}}},
    {"kinematics/models.i", "rotated_elasticity", {{"C", {0.0, 1e3}}}},
    {"kinematics/models.i", "spin_explicit", {{"t", {1.0, 1.5}}, {"t~1", {0.0, 0.5}}}},
    {"porous/models.i", "gtn_hardening", {{"void_fraction", {0.0, 0.3}}, {"isotropic_hardening", {0.0, 50.0}}}},
    {"porous/models.i", "cavitation", {}},
    {"control/models.i", "mixed", {}},
    {"control/models.i", "linear_condensation", {}},
    {"control/models.i", "descent", {{"coupling", {0.0, 1e4}}, {"trial_driving_force", {-10.0, 300.0}}}},
    {"models/interpolation.i", "hat", {{"x", {-1.0, 4.0}}}},
    {"models/interpolation.i", "sr2_grid", {{"argument1", {-0.5, 1.5}}, {"argument2", {-0.5, 1.5}}}},
    {"crystal_plasticity/models.i",
     "chain",
     {{"cauchy_stress", {-120.0, 120.0}}, {"slip_hardening", {0.0, 30.0}}, {"orientation", {-0.6, 0.6}}}},
    {"crystal_plasticity/models.i", "elastic_rate", {}},
    {"crystal_plasticity/models.i", "spin", {}},
    {"crystal_plasticity/models.i", "fix", {{"orientation", {-1.2, 1.2}}}},
    {"crystal_plasticity/models.i",
     "forest_integration",
     {{"cauchy_stress", {-80.0, 80.0}},
      {"orientation", {-0.6, 0.6}},
      {"dislocation_density", {1.0, 30.0}},
      {"dislocation_density~1", {1.0, 30.0}},
      {"t", {1.0, 2.0}},
      {"t~1", {0.0, 0.5}}}},
    {"crystal_plasticity/models.i", "interaction", {{"t", {1.0, 2.0}}, {"t~1", {0.0, 0.5}}}},
    {"porous_flow/models.i", "advective", {{"Js", {0.5, 1.5}}, {"Jt", {0.5, 1.5}}}},
    {"porous_flow/models.i", "brooks_corey_log", {{"S", {0.01, 1.0}}}},
    {"porous_flow/models.i", "van_genuchten_log", {{"S", {0.01, 1.0}}}},
    {"porous_flow/models.i", "permeabilities", {{"porosity", {0.05, 0.9}}}},
    {"porous_flow/models.i", "pressure_of_fraction", {{"fluid_fraction", {0.07, 0.6}}}},
    {"chemical_reactions/models.i", "avrami", {{"conversion_degree", {0.05, 0.95}}}},
    {"chemical_reactions/models.i", "contracting", {{"alpha", {0.05, 0.95}}}},
    {"chemical_reactions/models.i", "volume", {{"phio", {0.0, 0.5}}}},
    {"chemical_reactions/models.i",
     "shrinking_core",
     {{"solid_fraction", {0.0, 0.4}}, {"product_fraction", {0.0, 0.4}}, {"liquid_reactivity", {0.0, 1.0}}}},
    {"phase_field_fracture/models.i", "rational_residual", {{"phase", {0.0, 1.0}}}},
    {"phase_field_fracture/models.i", "crack_functions_and_energy", {{"phase", {0.0, 1.0}}}},
    {"phase_field_fracture/models.i", "degraded_energy", {{"phase", {0.0, 1.0}}, {"strain", {-2e-3, 2e-3}}}},
    {"finite_volume/models.i", "gradient", {}},
    {"finite_volume/models.i", "gradient_coupled", {{"D", {0.5, 2.0}}}},
    {"finite_volume/models.i", "interpolate", {}},
    {"finite_volume/models.i", "transform", {{"state/x", {0.0, 10.0}}}},
    {"finite_volume/models.i", "smeared", {}},
    {"finite_volume/models.i", "dump", {}},
    {"finite_volume/models.i", "transport_rate", {{"c", {0.0, 2.0}}, {"v_cell", {-1.0, 1.0}}}},
    {"kwn/models.i", "gibbs", {}},
    {"kwn/models.i", "current", {{"state/f1", {0.0, 0.3}}, {"state/f2", {0.0, 0.3}}}},
    {"kwn/models.i", "ideal_weighted", {{"x1", {0.05, 0.5}}, {"x2", {0.05, 0.5}}, {"x_eq", {0.01, 0.1}}}},
    {"kwn/models.i", "fraction", {{"state/n", {0.0, 50.0}}}},
    {"kwn/models.i", "rate_limited", {{"state/x_inf", {0.0, 0.5}}}},
    {"kwn/models.i", "kwn_rates", {{"T", {700.0, 900.0}}, {"x", {0.02, 0.08}}}},
    {"models/intermediate.i", "mean", {}},
    {"models/intermediate.i", "diff_first", {}},
};

/// The examples (under examples/) that have a [Drivers] block named "driver".
inline const char * const driver_examples[] = {"plasticity/viscoplasticity_isoharden.i",
                                               "plasticity/viscoplasticity_chaboche.i",
                                               "plasticity/rate_independent_complementarity.i",
                                               "plasticity/radial_return.i",
                                               "plasticity/perfect_temperature.i",
                                               "plasticity/viscoplasticity_cd_predictor.i",
                                               "plasticity/gtn_void_growth.i",
                                               "plasticity/kocks_mecking_rate_jump.i",
                                               "plasticity/stress_controlled_creep.i",
                                               "viscoelasticity/burgers_creep_recovery.i",
                                               "cohesive/mixed_mode_opening.i",
                                               "crystal_plasticity/single_crystal.i",
                                               "phase_field_fracture/brittle_bar.i",
                                               "chemical_reactions/pyrolysis.i"};

/// "plasticity/radial_return.i" -> "radial_return" (a test-name suffix).
inline std::string
example_label(const std::string & file)
{
  const auto name = file.substr(file.find('/') + 1);
  return name.substr(0, name.find('.'));
}
} // namespace neml2::test
