// Runs one artifact's forward_into at batch N for R rounds of the 100-step ramp (for callgrind). Build:
// g++ -std=c++20 -O2 -Iinclude -Ibenchmarks steps.cpp -Lbuild/ci/src -l<the neml2 libraries>
#include "common.h"
#include <cstdio>
#include <cstdlib>
using namespace neml2bench;
int
main(int argc, char ** argv)
{
  auto m = std::make_shared<neml2::aoti::Model>(argv[1]);
  const long n = std::atol(argv[2]);
  const int rounds = std::atoi(argv[3]);
  Transient tr(spec_of(m->inputs()), spec_of(m->outputs()), n);
  std::vector<std::int64_t> strides(m->inputs().size(), 1);
  for (int r = 0; r < rounds; ++r)
  {
    tr.reset();
    for (int s = 1; s <= 100; ++s)
    {
      tr.advance(s);
      m->forward_into(n, tr.args().data(), strides.data(), tr.outs().data());
    }
  }
  std::printf("done\n");
}
