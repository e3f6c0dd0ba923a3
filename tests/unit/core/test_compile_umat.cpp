// neml2-compile --interface umat: which models fit Abaqus's UMAT and how their variables are laid
// out (the generated subroutine itself is run by the Fortran driver, ctest umat.abaqus_driver).
#include "neml2/codegen/compile_model.h"
#include "neml2/codegen/umat.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;
using codegen::umat_layout;

namespace
{
aoti::VariableInfo
sr2(const std::string & name)
{
  return {name, TypeKind::SR2, {6}, {}};
}
aoti::VariableInfo
scalar(const std::string & name)
{
  return {name, TypeKind::Scalar, {}, {}};
}
} // namespace

TEST(UmatLayout, RateFormWithHistoryAndParameters)
{
  // isoharden with a kinematic back stress: E and E~1 prescribed, t and t~1 from TIME, stress~1
  // from STRESS, ep~1 and X~1 from STATEV; the promoted parameters fill PROPS in order.
  const auto l = umat_layout({sr2("E"), sr2("E~1"), scalar("t"), scalar("t~1"), sr2("stress~1"),
                              scalar("equivalent_plastic_strain~1"), sr2("X~1")},
                             {sr2("stress"), scalar("equivalent_plastic_strain"), sr2("X")},
                             {{"flow_rate.eta", TypeKind::Scalar, {}, {}, {100}}, {"C", TypeKind::SR2, {6}, {}, {}}});
  EXPECT_EQ(l.strain, "E");
  EXPECT_EQ(l.time, "t");
  EXPECT_TRUE(l.stress_old);
  ASSERT_EQ(l.statev.size(), 2u);
  EXPECT_EQ(l.statev[0].name, "equivalent_plastic_strain");
  EXPECT_EQ(l.statev[1].name, "X");
  EXPECT_EQ(l.statev[1].offset, 1);
  EXPECT_EQ(l.statev[1].size, 6);
  EXPECT_TRUE(l.statev[1].history);
  EXPECT_EQ(l.nstatv, 7);
  ASSERT_EQ(l.props.size(), 2u);
  EXPECT_EQ(l.props[1].offset, 1);
  EXPECT_EQ(l.nprops, 7);
  const auto text = codegen::umat_layout_text("m", l);
  EXPECT_NE(text.find("NSTATV 7"), std::string::npos) << text;
  EXPECT_NE(text.find("2 7 X 6 history"), std::string::npos) << text;
  EXPECT_NE(text.find("2 7 C 6"), std::string::npos) << text;
}

TEST(UmatLayout, TotalStrainElasticityNeedsNoHistory)
{
  const auto l = umat_layout({sr2("strain")}, {sr2("stress")}, {});
  EXPECT_EQ(l.strain, "strain");
  EXPECT_TRUE(l.time.empty());
  EXPECT_EQ(l.nstatv, 0);
}

TEST(UmatLayout, ModelsAbaqusCannotDriveAreRefusedWithTheReason)
{
  EXPECT_TRUE(throws_with<CompileError>([] { umat_layout({sr2("strain")}, {sr2("sigma")}, {}); },
                                        "must output the symmetric tensor 'stress'"));
  EXPECT_TRUE(throws_with<CompileError>([] { umat_layout({scalar("t")}, {sr2("stress")}, {}); }, "reads no strain"));
  EXPECT_TRUE(throws_with<CompileError>(
      [] {
        umat_layout({sr2("E"), sr2("F")}, {sr2("stress")}, {});
      },
      "several symmetric tensors (E, F)"));
  EXPECT_TRUE(throws_with<CompileError>(
      [] {
        umat_layout({sr2("E"), scalar("damage")}, {sr2("stress")}, {});
      },
      "reads 'damage', which Abaqus does not provide"));
  EXPECT_TRUE(throws_with<CompileError>(
      [] {
        umat_layout({sr2("E"), scalar("p~1")}, {sr2("stress")}, {});
      },
      "('p' is not an output)"));
}

TEST(UmatInterface, CompileRefusesFloat32AndWritesTheSourceAndLayout)
{
  TempDir dir;
  codegen::CompileRequest req;
  req.input_file = seed_input();
  req.model = "elasticity";
  req.output_dir = dir.str("aoti");
  req.interfaces = {"umat"};
  req.dtype = Dtype::Float32;
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "compile with --dtype float64"));
  req.dtype = Dtype::Float64;
  req.interfaces = {"vumat"};
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "--interface vumat: unknown"));
  req.interfaces = {"umat"};
  const auto r = codegen::compile_model(req);
  EXPECT_EQ(r.derivative_pairs, 1u); // stress:strain, added for DDSDDE
  ASSERT_FALSE(r.umat.empty());
  EXPECT_TRUE(std::filesystem::exists(r.umat));
  EXPECT_NE(r.summary().find("umat:"), std::string::npos);
}
