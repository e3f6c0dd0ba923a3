// Input files and their drivers from Python: load_input(file) builds the file's objects once (a
// Factory), get_model / get_driver hand them out, and a driver's run() leaves its history for
// history() to return as arrays, without writing a file.
#include "drivers.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "neml2/base/error.h"
#include "neml2/base/factory.h"
#include "neml2/drivers/driver.h"
#include "neml2/drivers/transient_driver.h"

#include "arrays.h"

namespace nb = nanobind;
using namespace nb::literals;

namespace neml2::python
{
namespace
{
struct DriverHandle
{
  std::shared_ptr<Driver> driver;

  /// The driver as a TransientDriver (the one kind that records a history), or a ValueError.
  TransientDriver & transient(const char * what) const
  {
    auto * t = dynamic_cast<TransientDriver *>(driver.get());
    if (!t)
      throw ValueError(fmt::format("driver '{}' is a {}, which records no history to {}; TransientDriver does",
                                   driver->name(), driver->type(), what));
    return *t;
  }
};

/// A Communicator over an mpi4py communicator (an object with Get_rank, Get_size, allgather, gather),
/// so that the module itself links no MPI library. Its members take the GIL.
class Mpi4pyCommunicator : public Communicator
{
public:
  explicit Mpi4pyCommunicator(nb::object comm)
    : _comm(std::move(comm))
  {
    for (const char * member : {"Get_rank", "Get_size", "allgather", "gather"})
      if (!nb::hasattr(_comm, member))
        throw nb::type_error(
            fmt::format("comm must be an mpi4py communicator (such as mpi4py.MPI.COMM_WORLD): it has no {}()", member)
                .c_str());
    _rank = nb::cast<int>(_comm.attr("Get_rank")());
    _size = nb::cast<int>(_comm.attr("Get_size")());
  }
  ~Mpi4pyCommunicator() override
  {
    nb::gil_scoped_acquire acquire;
    _comm.reset();
  }
  Mpi4pyCommunicator(const Mpi4pyCommunicator &) = delete;
  Mpi4pyCommunicator & operator=(const Mpi4pyCommunicator &) = delete;

  int rank() const override { return _rank; }
  int size() const override { return _size; }
  std::vector<std::string> allgather(const std::string & local) override
  {
    nb::gil_scoped_acquire acquire;
    nb::list all = nb::cast<nb::list>(_comm.attr("allgather")(nb::bytes(local.data(), local.size())));
    std::vector<std::string> out;
    for (nb::handle b : all)
    {
      const auto bytes = nb::cast<nb::bytes>(b);
      out.emplace_back(bytes.c_str(), bytes.size());
    }
    return out;
  }
  std::vector<std::string> gather(const std::string & local, int root) override
  {
    nb::gil_scoped_acquire acquire;
    nb::object all = _comm.attr("gather")(nb::bytes(local.data(), local.size()), "root"_a = root);
    std::vector<std::string> out;
    if (all.is_none())
      return out;
    for (nb::handle b : nb::cast<nb::list>(all))
    {
      const auto bytes = nb::cast<nb::bytes>(b);
      out.emplace_back(bytes.c_str(), bytes.size());
    }
    return out;
  }

private:
  nb::object _comm;
  int _rank = 0, _size = 1;
};

struct InputHandle
{
  std::string file;
  std::shared_ptr<Factory> factory;
};
} // namespace

void
bind_drivers(nb::module_ & m, std::function<nb::object(std::shared_ptr<Model>)> wrap_model)
{
  nb::class_<DriverHandle>(m, "Driver", "A driver of an input file's [Drivers] section.")
      .def_prop_ro("name", [](const DriverHandle & h) { return h.driver->name(); })
      .def_prop_ro("type", [](const DriverHandle & h) { return h.driver->type(); })
      .def(
          "run",
          [](const DriverHandle & h, nb::object observer, bool display, nb::object comm, const std::string & gather) {
            const std::map<std::string, TransientDriver::Gather> gathers = {{"all", TransientDriver::Gather::all},
                                                                            {"root", TransientDriver::Gather::root},
                                                                            {"none", TransientDriver::Gather::none}};
            if (!gathers.count(gather))
              throw ValueError(fmt::format("gather must be 'all', 'root' or 'none', got '{}'", gather));
            auto * transient = dynamic_cast<TransientDriver *>(h.driver.get());
            if (!comm.is_none() && !transient)
              throw ValueError(fmt::format("driver '{}' is a {}; only a TransientDriver runs over several MPI ranks",
                                           h.driver->name(), h.driver->type()));
            if (transient)
            {
              transient->set_communicator(comm.is_none() ? nullptr : std::make_shared<Mpi4pyCommunicator>(comm),
                                          gathers.at(gather));
              // After each step: Ctrl-C stops the run (the GIL is released while it runs, so
              // Python would not see the signal until the end), then the observer, if any.
              transient->set_step_observer(
                  [observer](std::int64_t k, std::int64_t last) {
                    nb::gil_scoped_acquire acquire;
                    if (PyErr_CheckSignals() != 0)
                      throw nb::python_error();
                    if (!observer.is_none())
                      observer(k, last);
                  },
                  !observer.is_none() || !display);
            }
            // The observer and the communicator hold Python references: drop them with the GIL
            // held, also on error.
            struct Detach
            {
              TransientDriver * t;
              ~Detach()
              {
                if (t)
                {
                  t->set_step_observer({});
                  t->set_communicator(nullptr);
                }
              }
            } detach{transient};
            nb::gil_scoped_release release;
            h.driver->run();
          },
          "observer"_a = nb::none(), "display"_a = true, "comm"_a = nb::none(), "gather"_a = "all",
          "Runs the driver to completion (it also writes its save_as file, if it has one). observer(step, last) is "
          "called after each step and replaces the driver's own progress display, which display=False turns off. "
          "With comm (an mpi4py communicator), a TransientDriver's batch is cut over its ranks; every rank gets the "
          "whole history (gather='root': rank 0 does, the others keep their share; 'none': every rank keeps its "
          "share) and rank 0 writes the file.")
      .def_prop_ro(
          "shares", [](const DriverHandle & h) { return h.transient("cut").share_offsets(); },
          "The last run's shares over MPI ranks: rank r held points shares[r] to shares[r + 1] - 1 of the batch's "
          "leading dimension (empty after a run in one process).")
      .def(
          "history",
          [](const DriverHandle & h, nb::handle framework) {
            const auto fw = parse_framework(framework);
            nb::dict d;
            for (const auto & [name, t] : h.transient("return").history())
              d[nb::str(name.c_str())] = to_array(t, fw);
            return d;
          },
          "framework"_a = nb::none(),
          "Every recorded variable (time, prescribed, model outputs) over the steps, by name: arrays "
          "(steps, *batch, *base).")
      .def(
          "save", [](const DriverHandle & h, const std::string & path) { h.transient("save").save(path); }, "path"_a,
          "Writes the history to a .npz archive, or to a .csv file (one row per step).");

  nb::class_<InputHandle>(m, "Input", "The objects of an input file, built on first use and shared.")
      .def_prop_ro("file", [](const InputHandle & h) { return h.file; })
      .def(
          "get_model",
          [wrap_model](const InputHandle & h, const std::string & name) {
            return wrap_model(h.factory->get_model(name));
          },
          "name"_a)
      .def(
          "get_driver",
          [](const InputHandle & h, const std::string & name) {
            return DriverHandle{h.factory->get_as<Driver>(ObjectKind::Driver, name)};
          },
          "name"_a);

  m.def(
      "load_input",
      [](const std::string & file, const std::vector<std::string> & overrides) {
        return InputHandle{file, Factory::from_file(file, overrides)};
      },
      "file"_a, "overrides"_a = std::vector<std::string>{},
      "Parses an input file (with command-line style overrides); its objects are built when asked for.");
}
} // namespace neml2::python
