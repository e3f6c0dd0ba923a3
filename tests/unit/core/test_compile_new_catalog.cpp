// The catalog's explicit models (one or more of each family), compiled (points and lanes kernels)
// and run through their stubs, equal the eager interpreter bit for bit on the CPU: values and
// every Jacobian block.
#include <gtest/gtest.h>

#include "backend_matrix.h"
#include "fd_check.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
struct Case
{
  const char * file;
  const char * model;
  std::map<std::string, Range> ranges;
};

const Case cases[] = {
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
};
} // namespace

TEST(CompiledCatalog, ExplicitModelsEqualEagerBitForBit)
{
  for (const auto backend : {Backend::CompiledPoints, Backend::CompiledLanes})
    for (const auto & c : cases)
    {
      SCOPED_TRACE(std::string(c.model) + " on " + backend_name(backend));
      TempDir dir;
      const auto input = data(c.file);
      auto eager = load_model(input, c.model);
      std::vector<std::string> derivatives;
      for (const auto & o : eager->output_spec())
        derivatives.push_back(o.name + ":");
      auto compiled = model_on({backend, Dtype::Float64}, input, c.model, derivatives, dir);
      const auto in = random_inputs(*eager, {13}, c.ranges, 17);
      const auto [ev, eJ] = eager->jacobian(in);
      const auto [cv, cJ] = compiled->jacobian(in);
      for (const auto & [name, value] : ev)
        EXPECT_TRUE(bitwise_equal(cv.at(name), value)) << name;
      for (const auto & [out, row] : eJ)
        for (const auto & [wrt, block] : row)
          EXPECT_TRUE(bitwise_equal(cJ.at(out).at(wrt), block)) << "d" << out << "/d" << wrt;
    }
}
