// TransientRegression: a driver's history against a reference file; a right reference passes, a
// wrong one fails naming the worst variable, step and point. (NEML2's result.pt format is read in
// tests/python/test_regression.py, where torch writes the references.)
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/drivers/npz.h"
#include "neml2/drivers/transient_regression.h"
#include "test_util.h"

using namespace neml2;

namespace
{
namespace fs = std::filesystem;

/// A scratch folder of this process, removed at exit.
std::string
scratch(const std::string & name)
{
  return test::scratch_path(name);
}

const std::vector<std::string> quiet = {"Drivers/elastic/show_progress=false"};

/// The elastic driver's history, saved by the driver itself (the reference of a right run).
std::string
right_reference()
{
  static const std::string path = [] {
    auto p = scratch("right.npz");
    auto o = quiet;
    o.push_back("Drivers/elastic/save_as=" + p);
    load_driver(test::data("plasticity/driver.i"), "elastic", o)->run();
    return p;
  }();
  return path;
}

std::shared_ptr<Driver>
regression(const std::string & reference, const std::string & name = "regression")
{
  auto o = quiet;
  o.push_back("Drivers/" + name + "/reference=" + reference);
  return load_driver(test::data("plasticity/driver.i"), name, o);
}

/// `reference` with one value changed: variable `name`, step `step`, flat index `at` within the step.
std::string
changed(const std::string & name, std::int64_t step, std::int64_t at, double by, const std::string & file)
{
  auto arrays = npz::read(right_reference());
  for (auto & [n, a] : arrays)
    if (n == name)
    {
      const auto per_step = numel(Shape(a.shape.begin() + 1, a.shape.end()));
      a.values[static_cast<std::size_t>(step * per_step + at)] += by;
    }
  const auto path = scratch(file);
  npz::write(path, arrays);
  return path;
}

std::string
error_of(const std::shared_ptr<Driver> & d)
{
  try
  {
    d->run();
  }
  catch (const Error & e)
  {
    return e.what();
  }
  return "";
}
} // namespace

TEST(TransientRegression, PassesOnTheDriversOwnHistory)
{
  testing::internal::CaptureStdout();
  regression(right_reference())->run();
  const auto out = testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("[Drivers/regression]: driver 'elastic' matches"), std::string::npos) << out;
  EXPECT_NE(out.find("at 11 step(s)"), std::string::npos) << out;
}

TEST(TransientRegression, AWrongValueFailsNamingTheVariableStepAndPoint)
{
  // The elastic driver's stress is one SR2 per step; its time has 3 points (end times 1, 2, 4).
  const auto msg = error_of(regression(changed("stress", 7, 3, 1.0, "wrong.npz")));
  EXPECT_NE(msg.find("1 of 165 value(s) differ"), std::string::npos) << msg;
  EXPECT_NE(msg.find("the worst: 'stress' at step 7, index (3)"), std::string::npos) << msg;

  // Within the tolerance (atol 1e-8 + rtol 1e-5 |ref|), a change passes.
  EXPECT_EQ(error_of(regression(changed("stress", 7, 3, 1e-9, "close.npz"))), "");
  // The worst of several is reported, with its point.
  auto two = npz::read(changed("stress", 3, 0, 0.5, "two.npz"));
  for (auto & [n, a] : two)
    if (n == "t")
      a.values[static_cast<std::size_t>(9 * 3 + 2)] += 2.0;
  npz::write(scratch("two.npz"), two);
  const auto msg2 = error_of(regression(scratch("two.npz")));
  EXPECT_NE(msg2.find("2 of 165 value(s) differ"), std::string::npos) << msg2;
  EXPECT_NE(msg2.find("the worst: 't' at step 9, index (2)"), std::string::npos) << msg2;
}

TEST(TransientRegression, MissingVariablesAndBadReferencesAreErrors)
{
  auto arrays = npz::read(right_reference());
  arrays.push_back({"plastic_strain", npz::Array{{11, 6}, std::vector<double>(66, 0.0)}});
  npz::write(scratch("extra.npz"), arrays);
  EXPECT_NE(error_of(regression(scratch("extra.npz")))
                .find("the reference has 'plastic_strain' at step 0, which "
                      "driver 'elastic' does not record"),
            std::string::npos);

  std::ofstream(scratch("not_a_zip.pt")) << "hello";
  EXPECT_NE(error_of(regression(scratch("not_a_zip.pt"))).find("is not a PyTorch file (not a zip archive)"),
            std::string::npos);

  try
  {
    regression(scratch("nowhere.pt"));
    ADD_FAILURE() << "no error for a missing reference";
  }
  catch (const InputError & e)
  {
    EXPECT_NE(std::string(e.what()).find("cannot find the reference file"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("option 'reference' of [Drivers/regression]"), std::string::npos) << e.what();
  }
  for (const auto * name : {"regression_of_itself", "regression_of_a_regression"})
    try
    {
      auto o = quiet;
      o.push_back("Drivers/regression/reference=" + right_reference());
      o.push_back(std::string("Drivers/") + name + "/reference=" + right_reference());
      load_driver(test::data("plasticity/driver.i"), name, o);
      ADD_FAILURE() << name << ": no error";
    }
    catch (const InputError & e)
    {
      EXPECT_NE(std::string(e.what()).find(std::string(name) == "regression_of_itself"
                                               ? "a TransientRegression cannot run itself"
                                               : "[Drivers/regression] is not a TransientDriver"),
                std::string::npos)
          << e.what();
    }
}

TEST(Npz, AnEmptyArrayNameIsRefusedAndNothingIsWritten)
{
  const npz::Array one{{1}, {2.0}};
  try
  {
    npz::write(scratch("empty_name.npz"), {{"", one}});
    FAIL() << "an empty array name was written";
  }
  catch (const Error & e)
  {
    EXPECT_NE(std::string(e.what()).find("empty name"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(scratch("empty_name.npz")));
}
