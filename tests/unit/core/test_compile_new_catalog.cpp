// The catalog's explicit models (one or more of each family), compiled (points and lanes kernels)
// and run through their stubs, equal the eager interpreter bit for bit on the CPU: values and
// every Jacobian block.
#include <gtest/gtest.h>

#include "backend_matrix.h"
#include "catalog_cases.h"
#include "fd_check.h"

using namespace neml2;
using namespace neml2::test;

TEST(CompiledCatalog, ExplicitModelsEqualEagerBitForBit)
{
  for (const auto backend : {Backend::CompiledPoints, Backend::CompiledLanes})
    for (const auto & c : explicit_catalog_cases)
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
