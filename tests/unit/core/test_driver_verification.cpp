// Verification: a driver's variables against CSV references written here from Hooke's law; a
// right reference passes, a wrong one fails naming the worst variable, step and component.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/drivers/driver.h"
#include "test_util.h"

using namespace neml2;

namespace
{
namespace fs = std::filesystem;

std::string
scratch(const std::string & name)
{
  return test::scratch_path(name);
}

/// The elastic driver's stress at step k (of 0..10) by hand: the strain is k/10 of
/// (0.01, -0.003, -0.003, 0.001, 0, 0.002) (shear as tensor components), E = 1e5, nu = 0.3;
/// sigma = lambda tr(e) I + 2 mu e, in Mandel components (shear times sqrt 2).
std::vector<double>
hooke(int k)
{
  const double E = 1e5, nu = 0.3, lambda = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  const double e[6] = {0.01, -0.003, -0.003, 0.001, 0, 0.002};
  const double s = k / 10.0, tr = s * (e[0] + e[1] + e[2]);
  std::vector<double> out(6);
  for (int i = 0; i < 6; ++i)
    out[static_cast<std::size_t>(i)] = i < 3 ? lambda * tr + 2 * mu * s * e[i] : std::sqrt(2.0) * 2 * mu * s * e[i];
  return out;
}

/// A CSV of the stress at `steps` (columns stress_xx ... stress_xy, Mandel values), with
/// `wrong` added to component `wrong_component` of row `wrong_row`.
std::string
csv(const std::string & file, const std::vector<int> & steps, int wrong_row = -1, int wrong_component = 0,
    double wrong = 0)
{
  const auto path = scratch(file);
  std::ofstream f(path);
  f << "stress_xx,stress_yy,stress_zz,stress_yz,stress_xz,stress_xy\n";
  for (std::size_t r = 0; r < steps.size(); ++r)
  {
    auto s = hooke(steps[r]);
    if (static_cast<int>(r) == wrong_row)
      s[static_cast<std::size_t>(wrong_component)] += wrong;
    f.precision(17);
    for (int i = 0; i < 6; ++i)
      f << (i ? "," : "") << s[static_cast<std::size_t>(i)];
    f << "\n";
  }
  return path;
}

std::vector<int>
all_steps()
{
  std::vector<int> s;
  for (int k = 0; k <= 10; ++k)
    s.push_back(k);
  return s;
}

std::string
run(const std::string & driver, const std::string & reference)
{
  try
  {
    testing::internal::CaptureStdout();
    load_driver(test::data("plasticity/driver.i"), driver,
                {"Drivers/elastic/show_progress=false", "Tensors/stress_reference/csv_file=" + reference})
        ->run();
    return testing::internal::GetCapturedStdout();
  }
  catch (const Error & e)
  {
    testing::internal::GetCapturedStdout();
    return std::string("error: ") + e.what();
  }
}
} // namespace

TEST(Verification, PassesOnHookesLawAtEveryStep)
{
  const auto out = run("verification", csv("right.csv", all_steps()));
  EXPECT_NE(out.find("[Drivers/verification]: driver 'elastic' matches the references: 66 value(s) of 1 variable(s) "
                     "at 11 step(s)"),
            std::string::npos)
      << out;
}

TEST(Verification, AWrongReferenceFailsNamingTheWorstValue)
{
  const auto out = run("verification", csv("wrong.csv", all_steps(), 6, 5, 0.5));
  EXPECT_NE(out.find("error: [Drivers/verification]: 1 of 66 value(s) differ"), std::string::npos) << out;
  EXPECT_NE(out.find("the worst: 'stress' at step 6, index (5)"), std::string::npos) << out;
}

TEST(Verification, ChosenTimeSteps)
{
  EXPECT_NE(run("verification_steps", csv("steps.csv", {2, 5, 10})).find("18 value(s) of 1 variable(s) at 3 step(s)"),
            std::string::npos);
  // The j-th row is the j-th chosen step: rows in another order fail.
  const auto out = run("verification_steps", csv("swapped.csv", {5, 2, 10}));
  EXPECT_NE(out.find("the worst: 'stress' at step"), std::string::npos) << out;
  // One step: the reference is that step's value.
  auto o = std::vector<std::string>{"Drivers/elastic/show_progress=false",
                                    "Tensors/stress_reference/csv_file=" + csv("one.csv", {10}),
                                    "Drivers/verification_steps/time_steps=10"};
  testing::internal::CaptureStdout();
  load_driver(test::data("plasticity/driver.i"), "verification_steps", o)->run();
  EXPECT_NE(testing::internal::GetCapturedStdout().find("6 value(s) of 1 variable(s) at 1 step(s)"), std::string::npos);
  // As many rows as steps.
  EXPECT_NE(run("verification_steps", csv("short.csv", {2, 5})).find("has 2 row(s)"), std::string::npos);
}

TEST(Verification, BadOptionsAreLocatedErrors)
{
  const auto file = test::data("plasticity/driver.i");
  const std::pair<std::vector<std::string>, const char *> cases[] = {
      {{"Drivers/verification_steps/time_steps='2 x'"}, "expected step numbers (0, 1, ...), got 'x'"},
      {{"Drivers/verification_steps/time_steps='2 50'"}, "time step 50 asked for, but driver 'elastic' ran 11"},
  };
  for (const auto & [o, says] : cases)
  {
    auto all = o;
    all.push_back("Tensors/stress_reference/csv_file=" + csv("steps.csv", {2, 5, 10}));
    all.push_back("Drivers/elastic/show_progress=false");
    try
    {
      load_driver(file, "verification_steps", all)->run();
      ADD_FAILURE() << says << ": no error";
    }
    catch (const Error & e)
    {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  }
  try
  {
    load_driver(file, "verification_nothing");
    ADD_FAILURE() << "no error";
  }
  catch (const InputError & e)
  {
    EXPECT_NE(std::string(e.what()).find("nothing to check"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("driver.i:"), std::string::npos) << e.what();
  }
}
