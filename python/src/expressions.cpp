// What the Python package adds to the C++ tools: `type = Python` tensors, evaluated by
// neml2._expressions.evaluate, and the command-line tools run in this process (so that their
// input files may hold such tensors).
#include "expressions.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "neml2/base/error.h"
#include "neml2/base/tensor_expression.h"
#include "neml2/cli/tools.h"

#include "arrays.h"

using namespace nanobind::literals;

namespace neml2::python
{
namespace
{
/// Calls neml2._expressions.evaluate(name, expr, lookup) -> (type name, float64 array, number of
/// sub-batch dimensions). The Python
/// function is looked up on each call, so the module keeps no Python object alive past shutdown.
TensorOfType
evaluate(const std::string & name, const std::string & expr, const TensorLookup & lookup)
{
  nb::gil_scoped_acquire gil;
  try
  {
    // The expression sees the other [Tensors] objects through this, as (type name, NumPy array,
    // number of sub-batch dimensions).
    auto find = nb::cpp_function([&lookup](const std::string & other) -> nb::object {
      auto t = lookup(other);
      if (!t)
        return nb::none();
      return nb::make_tuple(std::string(type_name(t->type)), to_array(t->value, Framework::NumPy), t->sub_batch_dims);
    });
    auto fn = nb::module_::import_("neml2._expressions").attr("evaluate");
    auto result = nb::cast<nb::tuple>(fn(name, expr, find));
    const auto type = nb::cast<std::string>(result[0]);
    TypeKind kind{};
    if (!parse_type(type, kind))
      throw ValueError("the expression gave an unknown tensor type '" + type + "'");
    CallFrame frame;
    // A copy: the value outlives the array (and the lock on the interpreter).
    TensorOfType t{kind, to_tensor(result[1], base_shape(kind), What{"expression value"}, frame).clone()};
    t.sub_batch_dims = nb::cast<int>(result[2]);
    return t;
  }
  catch (const nb::python_error & e)
  {
    // The exception's message (for a nested [Tensors] object, its own located error), without the
    // Python traceback: the input file's location is what the user needs.
    throw ValueError(nb::str(e.value()).c_str());
  }
}
} // namespace

void
bind_expressions_and_tools(nb::module_ & m)
{
  set_tensor_expression_evaluator(&evaluate);
  m.def(
      "run_tool",
      [](const std::string & name, const std::vector<std::string> & args) {
        nb::gil_scoped_release release; // the tool re-takes it only to evaluate a Python tensor
        return cli::run_tool(name, args);
      },
      "name"_a, "args"_a,
      "Runs a command-line tool (neml2-compile, neml2-inspect, neml2-run, neml2-syntax) in this process; "
      "returns its exit status.");
}
} // namespace neml2::python
