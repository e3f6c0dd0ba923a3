// The order generated kernels compute their values in (kernel_emitter.h, emission_order): depth
// first from the outputs, each value right after its operands, so that a value is used soon after
// it is computed; graphs with solves keep the order their nodes were created in.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/graph/graph.h"

using namespace neml2;
using namespace neml2::graph;

namespace
{
/// The node ids of the point function's locals, in the order the source computes them.
std::vector<int>
computed_order(const std::string & source, const std::string & function)
{
  const auto begin = source.find(function);
  EXPECT_NE(begin, std::string::npos) << function;
  const auto end = source.find("\n}\n", begin);
  const std::string body = source.substr(begin, end - begin);
  std::vector<int> ids;
  const std::regex local(R"(const double v(\d+) = )");
  for (std::sregex_iterator it(body.begin(), body.end(), local), stop; it != stop; ++it)
    ids.push_back(std::stoi((*it)[1]));
  return ids;
}
} // namespace

TEST(CodegenOrder, ValuesAreComputedDepthFirstFromTheOutputs)
{
  // Created a, b, a2, b2 (as forward-mode derivatives are: all of one kind, then the next), asked
  // for b2 first: b and b2 come before a and a2, and every value after its operands.
  Graph g(Dtype::Float64);
  g.add_argument("x", ArgKind::Variable, TypeKind::Scalar, {});
  const auto x = g.arguments().back().leaves[0];
  const auto a = g.apply(OpKind::Exp, x);
  const auto b = g.apply(OpKind::Sin, x);
  const auto a2 = g.apply(OpKind::Mul, a, a);
  const auto b2 = g.apply(OpKind::Mul, b, b);
  g.add_output({"q", OutputKind::Value, "", TypeKind::Scalar, {}, {b2}});
  g.add_output({"p", OutputKind::Value, "", TypeKind::Scalar, {}, {a2}});
  const auto units =
      codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "order test", codegen::CpuKernelForm::Points);
  ASSERT_EQ(units.size(), 1u);
  const auto & source = units[0];
  const std::vector<int> want = {x, b, b2, a, a2};
  EXPECT_EQ(computed_order(source, "k_point("), want);
}
