// A finite-element-style caller of a compiled model that links neml2::runtime alone (no input
// parser, no models, no code generator): it loads an artifact folder written by neml2-compile
// and evaluates it through the zero-allocation entry, into buffers it owns.
//
//   neml2-compile examples/elasticity/input.i --model elasticity --output-dir aoti
//   neml2-example-runtime aoti/elasticity
//
// It prints the stress of two strains and checks them against Hooke's law for E = 200e3,
// nu = 0.3 (the seed model), exiting 1 on a mismatch.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <vector>

#include "neml2/runtime/aoti_model.h"

namespace
{
/// σ = λ tr(ε) I + 2μ ε, in Mandel notation (the shear components scale alike).
std::vector<double>
hooke(const double * strain, double E, double nu)
{
  const double lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
  const double mu = E / (2 * (1 + nu));
  const double tr = strain[0] + strain[1] + strain[2];
  std::vector<double> stress(6);
  for (int i = 0; i < 6; ++i)
    stress[i] = 2 * mu * strain[i] + (i < 3 ? lambda * tr : 0.0);
  return stress;
}
} // namespace

int
main(int argc, char ** argv)
{
  try
  {
    const neml2::aoti::Model model(argc > 1 ? argv[1] : "aoti/elasticity");
    // Two points, point-major, Mandel (xx, yy, zz, √2 yz, √2 xz, √2 xy).
    const std::int64_t n = 2;
    const std::vector<double> strain = {0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001};
    std::vector<double> stress(6 * n);
    const void * args[] = {strain.data()};
    const std::int64_t strides[] = {1};
    void * outs[] = {stress.data()};
    model.forward_into(n, args, strides, outs);

    int bad = 0;
    std::printf("stress (Mandel) from %s:\n", model.directory().c_str());
    for (std::int64_t p = 0; p < n; ++p)
    {
      const auto expected = hooke(&strain[6 * p], 200e3, 0.3);
      std::printf("  [");
      for (int i = 0; i < 6; ++i)
      {
        const double got = stress[6 * p + i];
        std::printf("%s%11.4f", i ? ", " : "", got);
        if (std::abs(got - expected[i]) > 1e-12 * (1 + std::abs(expected[i])))
          ++bad;
      }
      std::printf("]\n");
    }
    if (bad)
    {
      std::fprintf(stderr, "error: %d components differ from Hooke's law\n", bad);
      return 1;
    }
    std::printf("matches Hooke's law (E = 200e3, nu = 0.3)\n");
    return 0;
  }
  catch (const std::exception & e)
  {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
