// The backend test matrix: a model behaviour test written once runs on every evaluator the
// library has (eager interpreter, compiled point-by-point kernels, compiled SIMD-lane kernels,
// compiled CUDA kernels) in float64 and float32. A test is a TEST_P over BackendCase; it asks
// for its model with model_on() and checks numbers against references that do not depend on
// the backend. Backends that this machine lacks skip with the reason (see unavailable()).
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "neml2/codegen/compile_model.h"
#include "neml2/models/model.h"
#include "test_compile_util.h"

namespace neml2::test
{
enum class Backend
{
  Eager,          ///< the batched interpreter (Model::value / jacobian)
  CompiledPoints, ///< neml2-compile --cpu-kernels points, through the stub's AOTIModel
  CompiledLanes,  ///< neml2-compile --cpu-kernels lanes (W points per SIMD tile)
  Cuda            ///< neml2-compile --device cuda, loaded with device = cuda
};

struct BackendCase
{
  Backend backend;
  Dtype dtype;
};

inline const char *
backend_name(Backend b)
{
  switch (b)
  {
    case Backend::Eager:
      return "eager";
    case Backend::CompiledPoints:
      return "points";
    case Backend::CompiledLanes:
      return "lanes";
    case Backend::Cuda:
      return "cuda";
  }
  return "?";
}

/// Every backend in float64 and float32.
inline std::vector<BackendCase>
every_backend_case()
{
  std::vector<BackendCase> cases;
  for (auto b : {Backend::Eager, Backend::CompiledPoints, Backend::CompiledLanes, Backend::Cuda})
    for (auto d : {Dtype::Float64, Dtype::Float32})
      cases.push_back({b, d});
  return cases;
}

/// Test-name suffix, e.g. "lanes_float32".
inline std::string
backend_case_label(const ::testing::TestParamInfo<BackendCase> & info)
{
  return std::string(backend_name(info.param.backend)) + "_" + std::string(dtype_name(info.param.dtype));
}

/// Why `c` cannot run on this machine (empty when it can). CUDA needs the NVIDIA driver (checked
/// before anything is compiled, so machines without a GPU do not pay for nvcc) and nvcc.
inline std::string
unavailable(const BackendCase & c)
{
  if (c.backend != Backend::Cuda)
    return "";
  if (!std::filesystem::exists("/proc/driver/nvidia/version"))
    return "no NVIDIA driver loaded (/proc/driver/nvidia/version is absent), so no CUDA GPU to run on";
  return "";
}

/// `input` with `from` replaced by `to` everywhere, written to `dir/name` (for per-dtype
/// settings such as solver tolerances). Returns the new file's path.
inline std::string
edited_input(const std::string & input, const std::string & from, const std::string & to, const TempDir & dir,
             const std::string & name)
{
  std::ifstream in(input);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::size_t at = 0, count = 0;
  while ((at = text.find(from, at)) != std::string::npos)
  {
    text.replace(at, from.size(), to);
    at += to.size();
    ++count;
  }
  if (count == 0)
    throw std::runtime_error("edited_input: '" + from + "' does not occur in " + input);
  const auto out = dir.str(name);
  std::ofstream(out) << text;
  return out;
}

/// Model `model` of `input` as backend `c` evaluates it. Compiled backends compile it (with the
/// derivative pairs `derivatives`, -d syntax) into `dir` and load the stub, so value / jvp /
/// jacobian go through the kernels; parameters are baked. Eager models compute in the dtype of
/// their inputs, so the caller passes inputs of `c.dtype` to every backend alike.
inline std::shared_ptr<Model>
model_on(const BackendCase & c, const std::string & input, const std::string & model,
         const std::vector<std::string> & derivatives, const TempDir & dir)
{
  if (c.backend == Backend::Eager)
    return load_model(input, model);
  codegen::CompileRequest req;
  req.input_file = input;
  req.model = model;
  req.output_dir = dir.str(std::string("aoti_") + backend_name(c.backend));
  req.derivatives = derivatives;
  req.dtype = c.dtype;
  req.cpu_kernels =
      c.backend == Backend::CompiledLanes ? codegen::CpuKernelForm::Lanes : codegen::CpuKernelForm::Points;
  if (c.backend == Backend::Cuda)
    req.devices = {"cuda"};
  const auto compiled = codegen::compile_model(req);
  std::vector<std::string> overrides;
  if (c.backend == Backend::Cuda)
    overrides.push_back("Models/" + model + "/device=cuda");
  return load_model(compiled.stub, model, overrides);
}

/// max |a - b| / max |b| over all elements (0 for two zero tensors; NaN where exactly one is NaN).
inline double
max_rel_error(const Tensor & a, const Tensor & b)
{
  EXPECT_EQ(a.shape(), b.shape());
  double diff = 0, scale = 0;
  for (std::int64_t i = 0; i < a.numel(); ++i)
  {
    const double x = a.at(i), y = b.at(i);
    if (std::isnan(x) != std::isnan(y))
      return std::numeric_limits<double>::quiet_NaN();
    if (std::isnan(x))
      continue;
    diff = std::max(diff, std::fabs(x - y));
    scale = std::max(scale, std::fabs(y));
  }
  return diff == 0 ? 0 : diff / std::max(scale, std::numeric_limits<double>::min());
}

/// max |a_i - b_i| over max |b_i| (the scale of the reference), 0 when both are zero.
inline double
scaled_error(const Tensor & a, const std::vector<double> & b)
{
  EXPECT_EQ(static_cast<std::size_t>(a.numel()), b.size());
  double diff = 0, scale = 0;
  for (std::int64_t i = 0; i < a.numel(); ++i)
  {
    diff = std::max(diff, std::abs(a.at(i) - b[static_cast<std::size_t>(i)]));
    scale = std::max(scale, std::abs(b[static_cast<std::size_t>(i)]));
  }
  return diff == 0 ? 0 : diff / scale;
}

/// The fixture of matrix tests: skips (visibly) where the backend is missing, and owns a
/// temporary folder for the artifacts.
class BackendMatrix : public ::testing::TestWithParam<BackendCase>
{
protected:
  void SetUp() override
  {
    const auto why = unavailable(GetParam());
    if (!why.empty())
      GTEST_SKIP() << backend_name(GetParam().backend) << " backend unavailable: " << why;
  }
  Dtype dtype() const { return GetParam().dtype; }
  bool f32() const { return dtype() == Dtype::Float32; }
  std::shared_ptr<Model> model(const std::string & input, const std::string & name,
                               const std::vector<std::string> & derivatives = {"stress:"})
  {
    return model_on(GetParam(), input, name, derivatives, dir);
  }

  TempDir dir;
};
} // namespace neml2::test
