// Consistent tangents of an implicit update (implicit function theorem) against central finite
// differences of the whole step, at a plastic state reached by the example's own driver.
#include <gtest/gtest.h>

#include "fd_check.h"
#include "neml2/drivers/transient_driver.h"
#include "test_paths.h"
#include "test_util.h"

using namespace neml2;

TEST(ImplicitTangent, IsohardenStepMatchesFiniteDifferences)
{
  // Tight Newton tolerances so finite differences of the step see the solution, not the solver.
  const std::vector<std::string> tight = {
      "Solvers/newton/abs_tol=1e-9", "Solvers/newton/rel_tol=1e-14", "Solvers/newton/max_its=50",
      "Drivers/driver/save_as=" + neml2::test::binary_dir() + "/tests/implicit_tangent.npz"};
  const auto input = test::example("plasticity/viscoplasticity_isoharden.i");
  auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(input, "driver", tight));
  ASSERT_NE(d, nullptr);
  d->run();
  auto & model = d->model();
  // Step 60 of 100: well past yield for every strain rate.
  const std::size_t k = 60;
  ValueMap in;
  for (const auto & v : model.input_spec())
  {
    const auto & now = d->results()[k];
    const auto & before = d->results()[k - 1];
    if (v.name.ends_with("~1"))
      in[v.name] = before.at(v.name.substr(0, v.name.size() - 2));
    else
      in[v.name] = now.at(v.name);
  }
  const auto ep = d->results()[k].at("equivalent_plastic_strain");
  for (std::int64_t i = 0; i < ep.numel(); ++i)
    ASSERT_GT(ep.at(i), 0.0) << "rate " << i << " is still elastic at step " << k;
  // One strain rate at a time: the checker's step is relative to the largest entry of an input,
  // and the times of different rates differ by six orders of magnitude.
  for (std::int64_t rate : {0, 7, 13, 19})
  {
    ValueMap one;
    for (const auto & [name, t0] : in)
    {
      const auto t = t0.expand_batch(ep.batch_shape());
      const auto nb = t.base_numel();
      std::vector<double> v;
      for (std::int64_t c = 0; c < nb; ++c)
        v.push_back(t.at(rate * nb + c));
      one[name] = Tensor::from_values({1}, t.base_shape(), v);
    }
    SCOPED_TRACE("strain rate " + std::to_string(rate));
    test::check_derivatives(model, one, test::FdTolerance{});
  }
}
