// One rule for every option that takes "a number or a name": a word written as a number must read
// in full as a finite double; otherwise it is an error at the option, never a name "1e400".
#include <gtest/gtest.h>

#include <fstream>

#include "neml2/base/factory.h"
#include "neml2/base/number_word.h"
#include "neml2/drivers/driver.h"
#include "neml2/models/model.h"
#include "test_compile_util.h"
#include "test_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::string
write(const std::string & name, const std::string & text)
{
  const auto file = scratch_path(name);
  std::ofstream(file) << text;
  return file;
}
} // namespace

TEST(NumberWords, TheRule)
{
  using K = NumberWord::Kind;
  EXPECT_EQ(read_number_word("200e3").kind, K::number);
  EXPECT_EQ(read_number_word("200e3").value, 200e3);
  EXPECT_EQ(read_number_word("+0.5").value, 0.5);
  EXPECT_EQ(read_number_word("-.5").value, -0.5);
  EXPECT_EQ(read_number_word("E").kind, K::name);
  EXPECT_EQ(read_number_word("_x1").kind, K::name);
  EXPECT_EQ(read_number_word("+-3").kind, K::name); // not written as a number: the name reader rejects it
  const std::pair<const char *, const char *> bad[] = {
      {"1e400", "out of the range of a double"},
      {"0x1p17", "malformed"},
      {"200e3abc", "malformed"},
      {"1.5.2", "malformed"},
      {"inf", "not a finite number"},
      {"-Infinity", "not a finite number"},
      {"NaN", "not a finite number"},
  };
  for (const auto & [word, problem] : bad)
  {
    const auto r = read_number_word(word);
    EXPECT_EQ(r.kind, K::bad_number) << word;
    EXPECT_EQ(r.problem, problem) << word;
  }
  const std::string with_nul("12\0"
                             "3",
                             4);
  EXPECT_EQ(read_number_word(with_nul).kind, K::bad_number);
  EXPECT_EQ(printable_word(with_nul), "12\\0...");
}

TEST(NumberWords, GeneratorValues)
{
  const auto file = write("numbers_linspace.i", "[Tensors]\n  [t]\n    type = LinspaceScalar\n    start = 0\n"
                                                "    end = 1e400\n    nstep = 3\n  []\n[]\n");
  auto f = Factory::from_file(file);
  EXPECT_TRUE(throws_with<InputError>([&] { f->get_tensor("t"); }, "numbers_linspace.i:5:"));
  EXPECT_TRUE(throws_with<InputError>([&] { f->get_tensor("t"); }, "'1e400' is not a number this reader accepts (out "
                                                                   "of the range of a double)"));
}

TEST(NumberWords, CsvCells)
{
  std::ofstream(scratch_path("numbers.csv")) << "x\n1\n1e400\n";
  const auto file = write("numbers_csv.i", "[Tensors]\n  [t]\n    type = CSVScalar\n    csv_file = '" +
                                               scratch_path("numbers.csv") + "'\n  []\n[]\n");
  auto f = Factory::from_file(file);
  EXPECT_TRUE(throws_with<InputError>([&] { f->get_tensor("t"); },
                                      "line 3 of '" + scratch_path("numbers.csv") +
                                          "': '1e400' in column 'x' is not a number (out of the range of a double)"));
}

TEST(NumberWords, CrystalLatticeParameter)
{
  const auto file =
      write("numbers_crystal.i", "[Tensors]\n  [d]\n    type = MillerIndex\n    values = '1 1 0'\n  []\n  [p]\n"
                                 "    type = MillerIndex\n    values = '1 1 1'\n  []\n[]\n[Data]\n  [g]\n"
                                 "    type = CubicCrystal\n    lattice_parameter = 0x1p2\n    slip_directions = 'd'\n"
                                 "    slip_planes = 'p'\n  []\n[]\n");
  auto f = Factory::from_file(file);
  EXPECT_TRUE(throws_with<InputError>([&] { f->get(ObjectKind::Data, "g"); }, "numbers_crystal.i:14:"));
  EXPECT_TRUE(throws_with<InputError>([&] { f->get(ObjectKind::Data, "g"); }, "'0x1p2' is not a number this reader "
                                                                              "accepts (malformed)"));
}

TEST(NumberWords, InterpolationAbscissa)
{
  const auto file = write("numbers_interp.i", "[Models]\n  [m]\n    type = ScalarLinearInterpolation\n"
                                              "    argument = 'x'\n    abscissa = '0 1 3e'\n"
                                              "    ordinate = '10 20 0'\n  []\n[]\n");
  EXPECT_TRUE(throws_with<InputError>([&] { load_model(file, "m"); }, "numbers_interp.i:5:"));
  EXPECT_TRUE(throws_with<InputError>([&] { load_model(file, "m"); }, "'3e' is not a number this reader accepts "
                                                                      "(malformed)"));
}

TEST(NumberWords, DriverInputValues)
{
  const auto file =
      write("numbers_driver.i", "[Models]\n  [m]\n    type = LinearIsotropicElasticity\n"
                                "    coefficients = '1e5 0.3'\n"
                                "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
                                "[Drivers]\n  [d]\n    type = ModelUnitTest\n    model = 'm'\n"
                                "    input_SR2_names = 'strain'\n    input_SR2_values = '1e-3x'\n"
                                "    output_SR2_names = 'stress'\n    output_SR2_values = '0'\n  []\n[]\n");
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file, "d"); }, "numbers_driver.i:13:"));
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file, "d"); }, "'1e-3x' is not a number this reader accepts"));
}

TEST(NumberWords, RealOptionsAreFinite)
{
  const auto file = write("numbers_real.i", "[Models]\n  [m]\n    type = LinearIsotropicElasticity\n"
                                            "    coefficients = '1e5 0.3'\n"
                                            "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
                                            "[Drivers]\n  [d]\n    type = ModelUnitTest\n    model = 'm'\n"
                                            "    input_SR2_names = 'strain'\n    input_SR2_values = '0'\n"
                                            "    output_SR2_names = 'stress'\n    output_SR2_values = '0'\n"
                                            "    value_abs_tol = nan\n  []\n[]\n");
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file, "d"); }, "numbers_real.i:16:"));
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file, "d"); }, "expected a finite real number"));
}
