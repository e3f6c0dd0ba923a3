// CSV<Type> (CSVScalar, CSVSR2, ...) and MultiColumnCSVScalar: tensors read from CSV files.
#include "csv_table.h"
#include "generator_util.h"

namespace neml2::generators
{
namespace
{
/// One row per point, one column per stored component, read verbatim as NEML2 does (an SR2's
/// columns xx yy zz yz xz xy are Mandel values, the shear ones already carrying √2); with
/// apply_mandel = true an SR2's columns are tensor components instead and get the √2 here.
template <TypeKind K>
class CsvTensor : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    auto schema = csv_options().doc(
        fmt::format("{} read from a CSV file: each row is one point of a batch of shape (rows,), each selected "
                    "column one stored component, read verbatim ({} in all{}).",
                    sentence_type(K), numel(base_shape(K)),
                    K == TypeKind::SR2   ? ": xx yy zz yz xz xy as Mandel values, shear columns including √2 "
                                           "unless apply_mandel = true"
                    : K == TypeKind::R2  ? ", row-major"
                    : K == TypeKind::WR2 ? ": the axial vector W_zy W_xz W_yx"
                                         : ""));
    if constexpr (K == TypeKind::SR2)
      schema.optional("apply_mandel", OptionKind::Bool, "false",
                      "the columns hold the tensor's shear components (as in a physical strain or stress), "
                      "not Mandel values: multiply the shear columns by √2");
    return schema;
  }

  CsvTensor(const Options & o, Factory &)
    : TensorObject(o, K)
  {
    const auto t = read_csv(o);
    const auto n = static_cast<std::size_t>(numel(base_shape(K)));
    const auto cols = csv_columns(o, t, n, K);
    const auto v = csv_values(o, t, cols);
    const auto nrow = static_cast<std::int64_t>(t.rows.size());
    if (!(K == TypeKind::SR2 && o.get_bool("apply_mandel")))
    {
      set_value(Tensor::from_values({nrow}, base_shape(K), v));
      return;
    }
    std::vector<Scalar> comps;
    for (std::size_t c = 0; c < n; ++c)
    {
      auto s = Scalar::zeros({nrow});
      for (std::int64_t r = 0; r < nrow; ++r)
        s.set(r, v[static_cast<std::size_t>(r) * n + c]);
      comps.push_back(s);
    }
    set_value(fill(K, comps)); // tensor components in Mandel form
  }
};

/// A 2-D batch of Scalars: shape (columns, rows) by default (COLUMN_MAJOR), (rows, columns) with
/// ROW_MAJOR.
class MultiColumnCSVScalar : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return csv_options()
        .doc("A Scalar of batch shape (columns, rows) read from the selected columns of a CSV file "
             "(COLUMN_MAJOR), or (rows, columns) with indexing = ROW_MAJOR.")
        .choice("indexing", {"COLUMN_MAJOR", "ROW_MAJOR"}, "COLUMN_MAJOR", "layout of the batch");
  }

  MultiColumnCSVScalar(const Options & o, Factory &)
    : TensorObject(o, TypeKind::Scalar)
  {
    const auto t = read_csv(o);
    const auto cols = csv_columns(o, t, 0, TypeKind::Scalar);
    const auto v = csv_values(o, t, cols);
    const auto nr = static_cast<std::int64_t>(t.rows.size()), nc = static_cast<std::int64_t>(cols.size());
    if (o.get_string("indexing") == "ROW_MAJOR")
    {
      set_value(Tensor::from_values({nr, nc}, {}, v));
      return;
    }
    auto out = Tensor::zeros({nc, nr}, {});
    for (std::int64_t r = 0; r < nr; ++r)
      for (std::int64_t c = 0; c < nc; ++c)
        out.set(c * nr + r, v[static_cast<std::size_t>(r * nc + c)]);
    set_value(out);
  }
};
NEML2_REGISTER(Tensor, MultiColumnCSVScalar);

template <TypeKind K>
bool
register_csv()
{
  for (const auto & t : type_spellings(K))
    register_tensor<CsvTensor<K>>("CSV" + t);
  return true;
}

#define NEML2_REGISTER_CSV(name, ...) [[maybe_unused]] const bool csv_##name = register_csv<TypeKind::name>();
NEML2_FOR_EACH_TENSOR_TYPE(NEML2_REGISTER_CSV)
#undef NEML2_REGISTER_CSV
} // namespace
} // namespace neml2::generators
