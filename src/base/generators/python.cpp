// Python: NEML2 v3's `[Tensors]` type whose value is a Python expression (`expr`), e.g.
// `SR2.fill(0.1, -0.05, -0.05, 0, 0, 0).dynamic_batch.expand(20)`. The Python package evaluates it
// (python/neml2/_expressions.py); without the package there is nothing to evaluate it with, and the
// error says how to run the file instead.
#include "neml2/base/tensor_expression.h"

#include "generator_util.h"

namespace neml2
{
namespace
{
TensorExpressionEvaluator &
installed_evaluator()
{
  static TensorExpressionEvaluator evaluator;
  return evaluator;
}
} // namespace

void
set_tensor_expression_evaluator(TensorExpressionEvaluator evaluator)
{
  installed_evaluator() = std::move(evaluator);
}

const TensorExpressionEvaluator &
tensor_expression_evaluator()
{
  return installed_evaluator();
}

namespace generators
{
namespace
{
class PythonTensor : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return OptionSchema()
        .doc("A tensor given by a Python expression in NEML2's tensor API (Scalar, SR2, ..., fill, "
             "dynamic_batch.expand, linspace, torch, np, math; other [Tensors] objects by name). A "
             "multi-line block assigns its value to `result`. Evaluated by the Python package: run such "
             "files with the pip-installed neml2-run / neml2-compile or from Python.")
        .required("expr", OptionKind::String, "the Python expression (or block) that gives the value");
  }

  PythonTensor(const Options & o, Factory & factory)
    : PythonTensor(o, evaluate(o, factory))
  {
  }

private:
  PythonTensor(const Options & o, TensorOfType t)
    : TensorObject(o, t.type)
  {
    if (t.sub_batch_dims < 0 || t.sub_batch_dims > static_cast<int>(t.value.batch_shape().size()))
      throw o.error("expr", fmt::format("the expression marks {} sub-batch dimension(s), but its value has {} batch "
                                        "dimension(s)",
                                        t.sub_batch_dims, t.value.batch_shape().size()));
    set_value(std::move(t.value));
    set_sub_batch_dims(t.sub_batch_dims);
  }

  static TensorOfType evaluate(const Options & o, Factory & factory)
  {
    const auto & evaluator = tensor_expression_evaluator();
    if (!evaluator)
      throw o.error("expr", "a `type = Python` tensor is evaluated by the Python package, which this program "
                            "does not load; run the file with the neml2-run / neml2-compile that "
                            "`pip install` puts on PATH (or from Python), or give the tensor as a C++ "
                            "type such as FullScalar, FillSR2, LinspaceScalar or <Type> with values");
    TensorLookup lookup = [&factory](const std::string & name) -> std::optional<TensorOfType> {
      if (!factory.has_tensor(name))
        return std::nullopt;
      const auto t = factory.get_table(name);
      return TensorOfType{t->tensor_type(), t->value(), t->sub_batch_dims()};
    };
    try
    {
      auto t = evaluator(o.name(), o.get_string("expr"), lookup);
      if (t.value.base_shape() != base_shape(t.type))
        throw o.error("expr",
                      fmt::format("the expression gave {} whose base shape is {}, not {}", type_with_article(t.type),
                                  shape_str(t.value.base_shape()), shape_str(base_shape(t.type))));
      return t;
    }
    catch (const InputError &)
    {
      throw;
    }
    catch (const std::exception & e)
    {
      throw o.error("expr", e.what());
    }
  }
};

[[maybe_unused]] const bool python_registered = register_tensor<PythonTensor>("Python");
} // namespace
} // namespace generators
} // namespace neml2
