// TransientDriver: histories against closed forms, previous-step values, initial conditions,
// the .npz and .csv outputs, and neml2-run.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "neml2/codegen/compile_model.h"
#include "neml2/drivers/npz.h"
#include "neml2/drivers/transient_driver.h"
#include "test_paths.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<TransientDriver>
driver(const std::string & name, const std::vector<std::string> & overrides = {})
{
  auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(data("plasticity/driver.i"), name, overrides));
  EXPECT_NE(d, nullptr);
  return d;
}

/// σ = 3K vol(ε) + 2G dev(ε) for E = 1e5, ν = 0.3, on Mandel components.
std::vector<double>
elastic_stress(const std::vector<double> & e)
{
  const double K = 1e5 / (3 * (1 - 2 * 0.3)), G = 1e5 / (2 * (1 + 0.3));
  const double tr = e[0] + e[1] + e[2];
  std::vector<double> s(6);
  for (std::size_t i = 0; i < 6; ++i)
    s[i] = 2 * G * e[i] + (i < 3 ? (K - 2 * G / 3) * tr : 0);
  return s;
}

/// A path in a scratch folder of this process, removed at exit.
std::string
temp_path(const std::string & name)
{
  return scratch_path(name);
}

/// A Python with NumPy (on PATH, or the project's development virtual environment), or "".
std::string
python_with_numpy()
{
  for (const std::string & py : {std::string("python3"), neml2::test::source_dir() + "/build/venv-python/bin/python3"})
    if (std::system((py + " -c 'import numpy' >/dev/null 2>&1").c_str()) == 0)
      return py;
  return "";
}

const std::vector<double> max_strain = {0.01, -0.003, -0.003, 0.001 * std::sqrt(2.0), 0, 0.002 * std::sqrt(2.0)};
const std::vector<double> end_times = {1, 2, 4};
} // namespace

TEST(DriverTransient, ElasticStressHistoryEqualsTheClosedForm)
{
  auto d = driver("elastic");
  d->run();
  ASSERT_EQ(d->nsteps(), 11);
  auto & r = d->results();
  ASSERT_EQ(r.size(), 11u);
  EXPECT_EQ(d->recorded(), (std::vector<std::string>{"t", "E", "stress"}));
  for (std::size_t k = 0; k < 11; ++k)
  {
    std::vector<double> e(6);
    for (std::size_t i = 0; i < 6; ++i)
      e[i] = max_strain[i] * static_cast<double>(k) / 10.0;
    const auto want = elastic_stress(e);
    const auto & s = r[k].at("stress");
    ASSERT_EQ(s.base_shape(), (Shape{6}));
    for (std::size_t i = 0; i < 6; ++i)
      EXPECT_NEAR(s.at(static_cast<std::int64_t>(i)), want[i], 1e-10 * 1e3) << "step " << k << " component " << i;
    EXPECT_EQ(r[k].at("t").batch_shape(), (Shape{3}));
    EXPECT_DOUBLE_EQ(r[k].at("t").at(2), 4.0 * static_cast<double>(k) / 10.0);
  }
  // Step 0 records the zero initial stress.
  for (std::int64_t i = 0; i < 6; ++i)
    EXPECT_EQ(r[0].at("stress").at(i), 0.0);
}

TEST(DriverTransient, PreviousStepValuesAndInitialConditions)
{
  auto d = driver("driver");
  d->run();
  auto & r = d->results();
  std::vector<double> xs(3, 0.5);
  EXPECT_EQ(r[0].at("x").at(0), 0.5);
  for (std::size_t k = 1; k < 11; ++k)
  {
    // E_rate = ΔE / Δt for each of the three time scales; x += r_k Δt.
    const auto & rate = r[k].at("E_rate");
    ASSERT_EQ(rate.batch_shape(), (Shape{3}));
    for (std::size_t b = 0; b < 3; ++b)
    {
      const double dt = end_times[b] / 10.0;
      for (std::size_t i = 0; i < 6; ++i)
        EXPECT_NEAR(rate.at(static_cast<std::int64_t>(b * 6 + i)), max_strain[i] / 10.0 / dt, 1e-12)
            << k << " " << b << " " << i;
      xs[b] += (1 + 0.1 * static_cast<double>(k)) * dt;
      EXPECT_NEAR(r[k].at("x").at(static_cast<std::int64_t>(b)), xs[b], 1e-12) << k << " " << b;
    }
  }
}

TEST(DriverTransient, Neml2V2SpellingOfPrescribedVariables)
{
  auto d = driver("v2_names");
  d->run();
  auto e = driver("elastic");
  e->run();
  for (std::size_t k = 0; k < 11; ++k)
    for (std::int64_t i = 0; i < 6; ++i)
      EXPECT_EQ(d->results()[k].at("stress").at(i), e->results()[k].at("stress").at(i));
}

TEST(DriverTransient, NpzHoldsEveryVariableWithTheStepFirst)
{
  const auto path = temp_path("driver.npz");
  auto d = driver("driver", {"Drivers/driver/save_as=" + path});
  d->run();
  auto arrays = npz::read(path);
  std::map<std::string, npz::Array> by_name(arrays.begin(), arrays.end());
  std::vector<std::string> names;
  for (const auto & [n, a] : arrays)
    names.push_back(n);
  // The time, the prescribed variables (Scalar, then SR2), the model outputs.
  EXPECT_EQ(names, (std::vector<std::string>{"t", "r", "E", "stress", "E_rate", "x"}));
  EXPECT_EQ(by_name.at("t").shape, (Shape{11, 3}));
  EXPECT_EQ(by_name.at("E").shape, (Shape{11, 6}));
  EXPECT_EQ(by_name.at("r").shape, (Shape{11}));
  // The composed model broadcasts every output to the batch of all its inputs (t's (3,)).
  EXPECT_EQ(by_name.at("stress").shape, (Shape{11, 3, 6}));
  EXPECT_EQ(by_name.at("E_rate").shape, (Shape{11, 3, 6}));
  EXPECT_EQ(by_name.at("x").shape, (Shape{11, 3}));
  auto & r = d->results();
  for (std::size_t k = 0; k < 11; ++k)
  {
    for (std::size_t b = 0; b < 3; ++b) // step 0 (no batch) is broadcast over the batch
    {
      const auto p = static_cast<std::int64_t>(k == 0 ? 0 : b);
      for (std::size_t i = 0; i < 6; ++i)
        EXPECT_EQ(by_name.at("stress").values[(k * 3 + b) * 6 + i],
                  r[k].at("stress").at(p * 6 + static_cast<std::int64_t>(i)));
      EXPECT_EQ(by_name.at("x").values[k * 3 + b], r[k].at("x").at(p));
    }
  }
  // The archive is a plain zip of .npy files that NumPy reads (checked when NumPy is available).
  if (const auto py = python_with_numpy(); !py.empty())
  {
    const auto cmd = py + " -c \"import numpy as np; d = np.load('" + path +
                     "'); assert d['E_rate'].shape == (11, 3, 6), d['E_rate'].shape; "
                     "assert d['stress'].dtype == np.float64; assert abs(d['x'][10, 2] - " +
                     fmt::format("{:.17g}", r[10].at("x").at(2)) + ") == 0\"";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
}

TEST(DriverTransient, CsvHasOneRowPerStep)
{
  const auto path = temp_path("driver.csv");
  auto d = driver("driver", {"Drivers/driver/save_as=" + path});
  d->run();
  std::ifstream in(path);
  std::string header, line;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("step,t[0],t[1],t[2],r,E[0],E[1],E[2],E[3],E[4],E[5],stress[0][0],", 0), 0u) << header;
  EXPECT_NE(header.find(",E_rate[2][5],x[0],x[1],x[2]"), std::string::npos) << header;
  std::vector<std::string> rows;
  while (std::getline(in, line))
    rows.push_back(line);
  ASSERT_EQ(rows.size(), 11u);
  // Last row, last column: x at time scale 3.
  const auto last = rows.back().substr(rows.back().rfind(',') + 1);
  EXPECT_EQ(std::stod(last), d->results()[10].at("x").at(2));
  EXPECT_EQ(rows[0].substr(0, 2), "0,");
}

TEST(DriverTransient, Neml2RunExitCodes)
{
  const auto exe = neml2::test::binary_dir() + "/apps/neml2-run";
  if (!std::filesystem::exists(exe))
    GTEST_SKIP() << "neml2-run is not built";
  const auto path = temp_path("cli.npz");
  std::filesystem::remove(path);
  const auto input = data("plasticity/driver.i");
  auto run = [&](const std::string & args) {
    return WEXITSTATUS(std::system((exe + " " + args + " 2>/dev/null").c_str()));
  };
  EXPECT_EQ(run(input + " driver Drivers/driver/save_as=" + path), 0);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(run(input + " no_such_driver"), 1);
  EXPECT_EQ(run(""), 2);
  EXPECT_EQ(run("--help >/dev/null"), 0);
  // --timing reports the run (not the loading) on stderr.
  const auto log = temp_path("timing.txt");
  EXPECT_EQ(WEXITSTATUS(std::system((exe + " --timing " + input + " driver 2>" + log).c_str())), 0);
  std::ifstream in(log);
  const std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(said.find("neml2-run: driver 'driver' ran in "), std::string::npos) << said;
}

TEST(DriverTransient, UsageErrorsNameTheProblem)
{
  // An unknown option alone is reported as unknown (CLI11 would say "input is required"), and a
  // bad -j says what it needs (not the 300-digit range of a double).
  const auto apps = neml2::test::binary_dir() + "/apps/";
  if (!std::filesystem::exists(apps + "neml2-run") || !std::filesystem::exists(apps + "neml2-compile"))
    GTEST_SKIP() << "the tools are not built";
  const auto log = temp_path("usage.txt");
  auto stderr_of = [&](const std::string & cmd, int expected_status) {
    EXPECT_EQ(WEXITSTATUS(std::system((apps + cmd + " 2>" + log).c_str())), expected_status) << cmd;
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  EXPECT_NE(stderr_of("neml2-run --bogus", 2).find("neml2-run: unknown option '--bogus'"), std::string::npos);
  EXPECT_NE(stderr_of("neml2-compile --bogus=1", 2).find("neml2-compile: unknown option '--bogus=1'"),
            std::string::npos);
  const auto j0 = stderr_of("neml2-compile -j 0 " + data("plasticity/driver.i") + " --model elasticity", 2);
  EXPECT_NE(j0.find("must be a whole number of processes >= 1, got '0'"), std::string::npos) << j0;
  EXPECT_LT(j0.size(), 200U) << j0;
}

TEST(DriverTransient, Neml2RunSaysWhatItRanAndWhereItWrote)
{
  const auto exe = neml2::test::binary_dir() + "/apps/neml2-run";
  if (!std::filesystem::exists(exe))
    GTEST_SKIP() << "neml2-run is not built";
  const auto dir = std::filesystem::path(temp_path("run_report"));
  std::filesystem::create_directories(dir);
  const auto input = data("plasticity/driver.i");
  auto stdout_of = [&](const std::string & args) {
    const auto log = (dir / "stdout.txt").string();
    // From `dir`: a relative save_as is written there (the current directory, as in NEML2).
    EXPECT_EQ(WEXITSTATUS(std::system(("cd " + dir.string() + " && " + exe + " " + args + " >" + log).c_str())), 0)
        << args;
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const auto said = stdout_of(input + " driver Drivers/driver/save_as=history.npz");
  EXPECT_NE(said.find("[Drivers/driver]: ran model 'model' over 10 step(s) after the initial state"), std::string::npos)
      << said;
  const auto written = std::filesystem::absolute(dir / "history.npz").lexically_normal().string();
  EXPECT_TRUE(std::filesystem::exists(written));
  EXPECT_NE(said.find("wrote " + written + ": t, r, E, stress, "), std::string::npos) << said;
  EXPECT_NE(stdout_of(input + " elastic").find("wrote no file (set Drivers/elastic/save_as=out.npz"),
            std::string::npos);
  EXPECT_EQ(stdout_of("-q " + input + " driver"), "");
}

TEST(DriverTransient, ProgressOffATerminalIsPeriodicLines)
{
  // The test's stderr is captured (not a terminal): a line per progress_interval, none for 0.
  auto stderr_of = [](const std::vector<std::string> & overrides) {
    auto d = driver("driver", overrides);
    testing::internal::CaptureStderr();
    d->run();
    return testing::internal::GetCapturedStderr();
  };
  const auto every_step = stderr_of({"Drivers/driver/show_progress=true", "Drivers/driver/progress_interval=1e-12"});
  EXPECT_NE(every_step.find("[Drivers/driver]: step 1 of 10 (10%), "), std::string::npos) << every_step;
  EXPECT_NE(every_step.find("[Drivers/driver]: step 10 of 10 (100%), "), std::string::npos) << every_step;
  EXPECT_EQ(std::count(every_step.begin(), every_step.end(), '\n'), 10) << every_step;
  EXPECT_EQ(every_step.find('\r'), std::string::npos) << "no bar rewritten in place in a log";
  // A long interval: only the last step is reported (a run that ends says so once).
  const auto once = stderr_of({"Drivers/driver/show_progress=true", "Drivers/driver/progress_interval=1e9"});
  EXPECT_EQ(std::count(once.begin(), once.end(), '\n'), 1) << once;
  EXPECT_EQ(stderr_of({"Drivers/driver/show_progress=true", "Drivers/driver/progress_interval=0"}), "");
  EXPECT_EQ(stderr_of({"Drivers/driver/show_progress=false", "Drivers/driver/progress_interval=1e-12"}), "");
  EXPECT_THROW(driver("driver", {"Drivers/driver/progress_interval=-1"}), InputError);
}

TEST(DriverTransient, StepObserverSeesEveryStepAndCanStopTheRun)
{
  auto d = driver("driver", {"Drivers/driver/show_progress=true", "Drivers/driver/progress_interval=1e-12"});
  std::vector<std::pair<std::int64_t, std::int64_t>> seen;
  d->set_step_observer([&](std::int64_t k, std::int64_t last) { seen.emplace_back(k, last); });
  testing::internal::CaptureStderr();
  d->run();
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "") << "the observer replaces the display";
  ASSERT_EQ(seen.size(), 10U);
  for (std::size_t i = 0; i < seen.size(); ++i)
    EXPECT_EQ(seen[i], std::make_pair(static_cast<std::int64_t>(i + 1), std::int64_t{10}));

  // An observer that keeps the display; one that throws stops the run at that step.
  d->set_step_observer(
      [](std::int64_t k, std::int64_t) {
        if (k == 3)
          throw std::runtime_error("stop here");
      },
      false);
  testing::internal::CaptureStderr();
  EXPECT_THROW(d->run(), std::runtime_error);
  const auto said = testing::internal::GetCapturedStderr();
  EXPECT_NE(said.find("step 3 of 10"), std::string::npos) << said;
  EXPECT_EQ(said.find("step 4 of 10"), std::string::npos) << said;
}

TEST(DriverTransient, CompiledModelGivesTheEagerHistoryBitForBit)
{
  // neml2-compile --driver driver: the stub replaces [Models/model] by an AOTIModel, which the
  // driver runs through the same Model::value() call.
  codegen::CompileRequest req;
  req.input_file = data("plasticity/driver.i");
  req.driver = "driver";
  req.output_dir = temp_path("aoti");
  std::filesystem::remove_all(req.output_dir);
  const auto compiled = codegen::compile_model(req);
  auto c = std::dynamic_pointer_cast<TransientDriver>(load_driver(compiled.stub, "driver"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->model().type(), "AOTIModel");
  c->run();
  auto e = driver("driver");
  e->run();
  for (std::size_t k = 0; k < 11; ++k)
    for (const auto & name : e->recorded())
    {
      const auto & a = e->results()[k].at(name);
      const auto & b = c->results()[k].at(name);
      ASSERT_EQ(a.shape(), b.shape()) << name << " at step " << k;
      for (std::int64_t i = 0; i < a.numel(); ++i)
        EXPECT_EQ(a.at(i), b.at(i)) << name << " at step " << k << ", entry " << i;
    }
}

// As in NEML2, an input that is neither prescribed nor an output (or its history) is zero: here
// 'foo' of sum = E + foo.
TEST(DriverTransient, InputsNothingProvidesAreZero)
{
  auto d =
      std::dynamic_pointer_cast<TransientDriver>(load_driver(data("plasticity/driver_errors.i"), "unprovided_input"));
  ASSERT_NE(d, nullptr);
  d->run();
  for (const auto & step : d->results())
    for (std::int64_t i = 0; i < step.at("E").numel(); ++i)
      EXPECT_EQ(step.at("sum").at(i), step.at("E").at(i));
  EXPECT_GT(d->results().back().at("E").at(0), 0.0);
}
