// FailureCapture for Python: `with neml2.capture_failures() as report:` installs a capture on the
// calling thread (model calls release the GIL but run on that thread, so they see it) and the
// object it returns reads the report, during the block and after it.
#include "failure_capture.h"

#include <optional>
#include <thread>
#include <vector>

#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "neml2/tensors/solve_report.h"

namespace neml2::python
{
namespace nb = nanobind;
using namespace nb::literals;

namespace
{
struct PyFailureCapture
{
  std::optional<FailureCapture> live;
  std::thread::id owner;
  SolveReport kept; ///< the report once the block has ended

  const SolveReport & report() const { return live ? live->report() : kept; }
};

/// A NumPy array of `values` shaped `shape` (it owns a copy).
template <typename T>
nb::object
numpy_of(std::vector<T> values, const Shape & shape)
{
  auto * data = new std::vector<T>(std::move(values));
  nb::capsule owner(data, [](void * p) noexcept { delete static_cast<std::vector<T> *>(p); });
  std::vector<std::size_t> dims(shape.begin(), shape.end());
  return nb::cast(nb::ndarray<nb::numpy, T>(data->data(), dims.size(), dims.data(), owner));
}
} // namespace

void
bind_failure_capture(nb::module_ & m)
{
  nb::class_<PyFailureCapture>(
      m, "FailureCapture",
      "While its `with` block runs, model calls made on this thread (eager or compiled) do not raise "
      "SolverError for points whose implicit solve failed: their outputs are NaN there, and this object "
      "describes every point of the latest call (during the block and after it).")
      .def(nb::init<>())
      .def(
          "__enter__",
          [](PyFailureCapture & c) -> PyFailureCapture & {
            if (c.live)
              throw nb::value_error("this FailureCapture is already active; make a new one to nest");
            c.live.emplace();
            c.owner = std::this_thread::get_id();
            return c;
          },
          nb::rv_policy::reference)
      .def(
          "__exit__",
          [](PyFailureCapture & c, nb::handle, nb::handle, nb::handle) {
            if (!c.live)
              return false;
            if (c.owner != std::this_thread::get_id())
              throw nb::value_error("a FailureCapture must end on the thread that started it");
            c.kept = c.live->report();
            c.live.reset();
            return false;
          },
          "type"_a.none(), "value"_a.none(), "traceback"_a.none())
      .def_prop_ro("batch_shape",
                   [](const PyFailureCapture & c) {
                     nb::list l;
                     for (auto d : c.report().batch_shape)
                       l.append(d);
                     return nb::tuple(l);
                   })
      .def_prop_ro(
          "iterations",
          [](const PyFailureCapture & c) { return numpy_of(c.report().iterations, c.report().batch_shape); },
          "Per point: the Newton updates of its solves and sub-steps, -1 where a solve failed.")
      .def_prop_ro(
          "substeps", [](const PyFailureCapture & c) { return numpy_of(c.report().substeps, c.report().batch_shape); },
          "Per point: the most pieces one of its solves cut the step into (1: none; 0 where one failed).")
      .def_prop_ro(
          "residual", [](const PyFailureCapture & c) { return numpy_of(c.report().residual, c.report().batch_shape); },
          "Per point: the final residual norm of its failed solve (0 where all converged).")
      .def_prop_ro(
          "converged",
          [](const PyFailureCapture & c) {
            std::vector<std::uint8_t> bytes;
            for (auto i : c.report().iterations)
              bytes.push_back(i >= 0);
            return numpy_of(std::move(bytes), c.report().batch_shape).attr("astype")("bool");
          },
          "Per point: whether all its solves converged.")
      .def_prop_ro(
          "failed_points", [](const PyFailureCapture & c) { return c.report().failed_points(); },
          "Flat (row-major) indices of the points that failed.")
      .def_prop_ro("num_failed", [](const PyFailureCapture & c) { return c.report().num_failed(); })
      .def(
          "reason",
          [](const PyFailureCapture & c, std::int64_t point) {
            if (point < 0 || point >= c.report().size())
              throw nb::index_error(("point " + std::to_string(point) + " is not among the " +
                                     std::to_string(c.report().size()) + " point(s) of the report")
                                        .c_str());
            return c.report().reason(point);
          },
          "point"_a, "Why point `point` (a flat index) ended as it did, in words.");
}
} // namespace neml2::python
