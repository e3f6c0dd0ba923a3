// CSV<Type> (CSVScalar, CSVSR2, ...) and MultiColumnCSVScalar: tensors read from CSV files.
#include "csv_table.h"
#include "generator_util.h"

namespace neml2::generators
{
namespace
{
/// One row per point, one column per component, passed through the type's fill rule (so an
/// SR2's columns are xx yy zz yz xz xy in tensor form).
template <TypeKind K>
class CsvTensor : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return csv_options().doc(
        fmt::format("{} read from a CSV file: each row is one point of a batch of shape (rows,), each selected "
                    "column one component ({} in all{}).",
                    sentence_type(K), numel(base_shape(K)),
                    K == TypeKind::SR2  ? ": xx yy zz yz xz xy in tensor form, stored as Mandel"
                    : K == TypeKind::R2 ? ", row-major"
                                        : ""));
  }

  CsvTensor(const Options & o, Factory &)
    : TensorObject(o, K)
  {
    const auto t = read_csv(o);
    const auto n = static_cast<std::size_t>(numel(base_shape(K)));
    const auto cols = csv_columns(o, t, n, K);
    const auto v = csv_values(o, t, cols);
    const auto nrow = static_cast<std::int64_t>(t.rows.size());
    std::vector<Scalar> comps;
    for (std::size_t c = 0; c < n; ++c)
    {
      auto s = Scalar::zeros({nrow});
      for (std::int64_t r = 0; r < nrow; ++r)
        s.set(r, v[static_cast<std::size_t>(r) * n + c]);
      comps.push_back(s);
    }
    set_value(fill(K, comps));
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
