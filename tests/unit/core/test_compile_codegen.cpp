// The CPU code generator: exact constants, deterministic source, every op bit-identical to eager.

#include <cmath>
#include <limits>

#include "neml2/artifact/metadata.h"
#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/compiler.h"
#include "neml2/eager/interpreter.h"
#include "neml2/graph/passes.h"
#include "test_compile_util.h"
#include "test_paths.h"

using namespace neml2;
using namespace neml2::test;
using graph::OpKind;

TEST(CodegenCpu, LiteralsAreExact)
{
  const double vals[] = {0.0,
                         -0.0,
                         0.1,
                         -1.0 / 3.0,
                         200e3,
                         1e-310,
                         std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::min(),
                         std::numeric_limits<double>::denorm_min()};
  for (double v : vals)
  {
    const auto lit = codegen::cpu_literal(v, Dtype::Float64);
    const double back = std::strtod(lit.c_str(), nullptr);
    EXPECT_EQ(std::memcmp(&back, &v, sizeof v), 0) << lit;
    const float f = static_cast<float>(v);
    if (std::isinf(f))
      continue;
    auto flit = codegen::cpu_literal(static_cast<double>(f), Dtype::Float32);
    ASSERT_EQ(flit.back(), 'f') << flit;
    flit.pop_back();
    const float fback = std::strtof(flit.c_str(), nullptr);
    EXPECT_EQ(std::memcmp(&fback, &f, sizeof f), 0) << flit;
  }
  EXPECT_EQ(codegen::cpu_literal(std::numeric_limits<double>::infinity(), Dtype::Float64),
            "std::numeric_limits<double>::infinity()");
  EXPECT_EQ(codegen::cpu_literal(-std::numeric_limits<double>::infinity(), Dtype::Float32),
            "-std::numeric_limits<float>::infinity()");
  EXPECT_EQ(codegen::cpu_literal(std::nan(""), Dtype::Float64), "std::numeric_limits<double>::quiet_NaN()");
  EXPECT_EQ(codegen::c_identifier("my-model.v2"), "my_model_v2");
}

namespace
{
/// A graph applying every op of the table to two scalar arguments x, y (one output per op), and pow
/// to x and constants.
graph::Graph
every_op_graph(Dtype dtype)
{
  graph::Graph g(dtype);
  const auto x =
      g.arguments()[static_cast<std::size_t>(g.add_argument("x", graph::ArgKind::Variable, TypeKind::Scalar, {}))]
          .leaves[0];
  const auto y =
      g.arguments()[static_cast<std::size_t>(g.add_argument("y", graph::ArgKind::Parameter, TypeKind::Scalar, {}))]
          .leaves[0];
  graph::Output out;
  out.name = "all";
  for (int k = 0; k < graph::num_ops; ++k)
  {
    const auto op = static_cast<OpKind>(k);
    if (op == OpKind::Part || op == OpKind::Solve || op == OpKind::LinSolve)
      continue; // structured nodes: tested with implicit updates (test_compile_implicit.cpp)
    switch (graph::arity(op))
    {
      case 0:
        continue;
      case 1:
        out.components.push_back(g.apply(op, x));
        break;
      case 2:
        out.components.push_back(g.apply(op, x, y));
        break;
      default:
        out.components.push_back(g.apply(op, g.apply(OpKind::Gt, x, y), x, y));
    }
  }
  // pow with constant exponents, which compilers rewrite (pow(x, 2) as x * x) unless told not to.
  for (double c : {2.0, -1.0, 1.0, 0.5, 3.0})
    out.components.push_back(g.apply(OpKind::Pow, x, g.constant(c)));
  out.base_shape = {static_cast<std::int64_t>(out.components.size())};
  g.add_output(out);
  return g;
}

template <typename T>
void
check_every_op(Dtype dtype)
{
  const auto g = every_op_graph(dtype);
  TempDir dir;
  const auto lib =
      build_units(codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "test kernel"), dir.path());
  const aoti::SharedLibrary kernel(lib); // as the runtime loads kernels (OpenMP pinned)
  using Fn = int (*)(std::int64_t, const T * const *, const std::int64_t *, T * const *);
  auto fn = reinterpret_cast<Fn>(kernel.symbol("k"));
  ASSERT_TRUE(fn);

  // Serial and parallel batch sizes; x per point (some special values), y uniform or per point.
  for (std::int64_t n : {1, 5, 1023, 1024, 5000})
    for (std::int64_t ys : {0, 1})
    {
      std::vector<T> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
      std::mt19937_64 rng(static_cast<unsigned>(n + ys));
      std::uniform_real_distribution<double> ux(0.05, 3.0), uy(-2.0, 2.0);
      for (std::size_t i = 0; i < x.size(); ++i)
      {
        x[i] = static_cast<T>(ux(rng));
        y[i] = static_cast<T>(uy(rng));
      }
      if (n > 4)
      {
        x[1] = T(0);
        x[2] = -T(1.5);
        x[3] = std::numeric_limits<T>::infinity();
        x[4] = std::numeric_limits<T>::quiet_NaN();
      }
      const auto nc = static_cast<std::size_t>(g.outputs()[0].components.size());
      std::vector<T> got(nc * x.size()), want(nc * x.size());
      const T * args[] = {x.data(), y.data()};
      const std::int64_t strides[] = {1, ys};
      T * outs[] = {got.data()};
      ASSERT_EQ(fn(n, args, strides, outs), 0);
      const eager::ArgView views[] = {{x.data(), 1}, {y.data(), ys}};
      void * wouts[] = {want.data()};
      eager::interpret(g, n, views, wouts);
      ASSERT_EQ(std::memcmp(got.data(), want.data(), got.size() * sizeof(T)), 0)
          << dtype_name(dtype) << " n = " << n << " y stride " << ys;
    }
}
} // namespace

TEST(CodegenCpu, EveryOpIsBitIdenticalToTheInterpreter)
{
  check_every_op<double>(Dtype::Float64);
  check_every_op<float>(Dtype::Float32);
}

TEST(CodegenCpu, SourceIsDeterministicSelfContainedAndCommented)
{
  const auto g = every_op_graph(Dtype::Float64);
  const auto a = joined(codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "test kernel"));
  const auto g2 = every_op_graph(Dtype::Float64);
  const auto b = joined(codegen::generate_cpu_sources({{"k", &g2}}, "k_signature", "sig", "test kernel"));
  EXPECT_EQ(a, b);
  std::ifstream f(neml2::test::source_dir() + "/include/neml2/graph/scalar_ops.h");
  std::stringstream ops;
  ops << f.rdbuf();
  // Verbatim but for `#pragma once`, which compilers warn about outside a header.
  auto text = ops.str();
  const std::string once = "#pragma once\n";
  ASSERT_NE(text.find(once), std::string::npos);
  text.erase(text.find(once), once.size());
  EXPECT_NE(a.find(text), std::string::npos) << "scalar_ops.h is not copied verbatim";
  EXPECT_EQ(a.find("#pragma once"), std::string::npos);
  expect_no_active_neml2_include(a);
  EXPECT_NE(a.find("extern \"C\" int k(std::int64_t n, const double * const * args, const std::int64_t * "
                   "arg_strides, double * const * outs)"),
            std::string::npos);
  EXPECT_NE(a.find("#pragma omp parallel for schedule(static)"), std::string::npos);
  for (std::size_t id = 0; id < g.nodes().size(); ++id)
    EXPECT_NE(a.find(fmt::format("// %{} ", id)), std::string::npos) << "node " << id;
}

TEST(CodegenCpu, CompilerFlagsAreTheBitExactOnes)
{
  const auto & f = codegen::cpu_compile_flags();
  for (const char * want :
       {"-O3", "-march=native", "-fPIC", "-shared", "-fopenmp", "-ffp-contract=off", "-fno-tree-slp-vectorize",
        "-fno-math-errno", "-std=c++17", "-fno-builtin-pow", "-fno-builtin-powf", "-Wl,-Bsymbolic"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
  for (const auto & flag : f)
    EXPECT_EQ(flag.find("fast-math"), std::string::npos);
}

TEST(CompileCodegen, TheKernelAbiIsOnePlainCHeaderThatGeneratedEntriesAreCheckedAgainst)
{
  // The header is C (a C caller can include it) ...
  const std::string header = neml2::test::source_dir() + "/include/neml2/artifact/kernel_abi.h";
  EXPECT_EQ(std::system(("cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c '" + header + "'").c_str()),
            0);
  // ... and every generated source carries it and checks each entry's type against it.
  graph::Graph g;
  const int x = g.add_argument("x", graph::ArgKind::Variable, TypeKind::Scalar, {});
  const auto leaf = g.arguments()[static_cast<std::size_t>(x)].leaves[0];
  g.add_output({"y", graph::OutputKind::Value, "", TypeKind::Scalar, {}, {g.apply(graph::OpKind::Exp, leaf)}});
  const auto units =
      codegen::generate_cpu_sources({{"neml2_m_forward", &g}}, "neml2_m_forward_signature", "sig", "test");
  ASSERT_EQ(units.size(), 1u) << "an explicit kernel is one translation unit";
  const auto & src = units[0];
  EXPECT_NE(src.find("#define NEML2_KERNEL_ABI_VERSION " + std::to_string(aoti::kernel_abi_version)),
            std::string::npos);
  EXPECT_NE(src.find("static_assert(std::is_same<decltype(&neml2_m_forward), neml2_entry_f64>::value"),
            std::string::npos);
  EXPECT_NE(src.find("static_assert(std::is_same<decltype(&neml2_m_forward_status), neml2_status_f64>::value"),
            std::string::npos);

  // An entry printed with another type does not compile: the check is real.
  TempDir dir;
  const std::string entry = "extern \"C\" int neml2_m_forward(std::int64_t n,";
  ASSERT_NE(src.find(entry), std::string::npos);
  auto bad = src;
  bad.replace(bad.find(entry), entry.size(), "extern \"C\" int neml2_m_forward(std::int32_t n,");
  std::ofstream(dir.str("good.cpp")) << src;
  std::ofstream(dir.str("bad.cpp")) << bad;
  const auto syntax = [&](const std::string & f) {
    return std::system(("c++ -std=c++17 -fsyntax-only '" + dir.str(f) + "' > /dev/null 2>&1").c_str());
  };
  EXPECT_EQ(syntax("good.cpp"), 0);
  EXPECT_NE(syntax("bad.cpp"), 0);
}

TEST(CompilerBuild, UnitsLinkIntoOneLibraryWithTheirSharedFunctionHidden)
{
  // Two translation units: one defines a hidden function, the other exports an entry calling it.
  TempDir dir;
  const auto a = dir.path() / "a.cpp", b = dir.path() / "b.cpp", lib = dir.path() / "ab.so";
  write_all(a, "__attribute__((visibility(\"hidden\"))) int twice(int x) { return 2 * x; }\n");
  write_all(b, "__attribute__((visibility(\"hidden\"))) int twice(int x);\n"
               "extern \"C\" int four_times(int x) { return twice(twice(x)); }\n");
  codegen::build_shared_library(codegen::find_cpu_compiler(), {a.string(), b.string()}, lib.string(), "");
  const aoti::SharedLibrary built(lib.string());
  auto four_times = reinterpret_cast<int (*)(int)>(built.symbol("four_times"));
  ASSERT_TRUE(four_times);
  EXPECT_EQ(four_times(5), 20);
  // A function shared by the units is not exported.
  EXPECT_TRUE(throws_with<CompileError>([&] { built.symbol("twice"); }, "does not export 'twice'"));
  // The objects are removed once linked.
  std::set<std::string> left;
  for (const auto & e : fs::directory_iterator(dir.path()))
    left.insert(e.path().filename().string());
  EXPECT_EQ(left, (std::set<std::string>{"a.cpp", "b.cpp", "ab.so"}));
}

TEST(CompilerBuild, AFailingUnitLeavesNeitherObjectNorLibrary)
{
  TempDir dir;
  const auto a = dir.path() / "a.cpp", b = dir.path() / "b.cpp", lib = dir.path() / "ab.so";
  write_all(a, "int fine(int x) { return x; }\n");
  write_all(b, "int broken(int x) { return x +; }\n");
  EXPECT_TRUE(throws_with<CompileError>(
      [&] {
        codegen::build_shared_library(codegen::find_cpu_compiler(), {a.string(), b.string()}, lib.string(),
                                      "(sources kept here)");
      },
      "(sources kept here)"));
  std::set<std::string> left;
  for (const auto & e : fs::directory_iterator(dir.path()))
    left.insert(e.path().filename().string());
  EXPECT_EQ(left, (std::set<std::string>{"a.cpp", "b.cpp"}));
}
