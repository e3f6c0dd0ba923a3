// The quick-start demo: evaluate the seed's elasticity model on two strains, eagerly and, when
// given the stub neml2-compile wrote, compiled; the compiled stress and its Jacobian must equal
// the eager ones bit for bit.
//
//   neml2-example-elasticity [input.i] [compiled stub, e.g. aoti/elasticity_aoti.i]
#include <cstdio>
#include <exception>
#include <string>

#include "neml2/models/model.h"

namespace
{
void
print_stress(const char * label, const neml2::Tensor & stress)
{
  std::printf("%s:\n", label);
  for (int p = 0; p < 2; ++p)
  {
    std::printf("  [");
    for (int i = 0; i < 6; ++i)
      std::printf("%s%11.4f", i ? ", " : "", stress.at(6 * p + i));
    std::printf("]\n");
  }
}

/// The number of entries in which `a` and `b` differ (they have the same shape).
int
differences(const neml2::Tensor & a, const neml2::Tensor & b)
{
  int n = 0;
  for (std::int64_t i = 0; i < a.numel(); ++i)
    n += a.at(i) != b.at(i);
  return n;
}
} // namespace

int
main(int argc, char ** argv)
{
  try
  {
    const std::string file = argc > 1 ? argv[1] : "examples/elasticity/input.i";
    // Two strains in Mandel notation (xx, yy, zz, √2 yz, √2 xz, √2 xy).
    const auto strain = neml2::Tensor::from_values({2}, {6}, {0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001});

    auto eager = neml2::load_model(file, "elasticity");
    const auto [values, J] = eager->jacobian({{"strain", strain}});
    print_stress("stress (Mandel) for E = 200e3, nu = 0.3", values.at("stress"));
    if (argc < 3)
      return 0;

    auto compiled = neml2::load_model(argv[2], "elasticity");
    const auto [cvalues, cJ] = compiled->jacobian({{"strain", strain}});
    print_stress(("compiled (" + std::string(argv[2]) + ")").c_str(), cvalues.at("stress"));
    const int bad = differences(values.at("stress"), cvalues.at("stress")) +
                    differences(J.at("stress").at("strain"), cJ.at("stress").at("strain"));
    if (bad)
    {
      std::fprintf(stderr, "error: %d entries of the compiled stress and its Jacobian differ from eager\n", bad);
      return 1;
    }
    std::printf("compiled == eager, bit for bit: the stresses and the 2 x 6 x 6 Jacobian d(stress)/d(strain)\n");
    return 0;
  }
  catch (const std::exception & e)
  {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
