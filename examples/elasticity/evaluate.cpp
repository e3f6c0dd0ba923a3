// The quick-start demo: load the seed's elasticity model and evaluate it on two strains.
#include <cstdio>
#include <exception>

#include "neml2/models/model.h"

int
main(int argc, char ** argv)
{
  try
  {
    const std::string file = argc > 1 ? argv[1] : "examples/elasticity/input.i";
    auto model = neml2::load_model(file, "elasticity");
    // Two strains in Mandel notation (xx, yy, zz, √2 yz, √2 xz, √2 xy).
    auto strain =
        neml2::Tensor::from_values({2}, {6}, std::vector<double>{0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001});
    auto stress = model->value({{"strain", strain}}).at("stress");
    std::printf("stress (Mandel) for E = 200e3, nu = 0.3:\n");
    for (int p = 0; p < 2; ++p)
    {
      std::printf("  [");
      for (int i = 0; i < 6; ++i)
        std::printf("%s%11.4f", i ? ", " : "", stress.at(6 * p + i));
      std::printf("]\n");
    }
    return 0;
  }
  catch (const std::exception & e)
  {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
