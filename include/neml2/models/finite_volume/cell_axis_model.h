// CellAxisModel: the base of the 1-D finite-volume models, whose variables and per-cell parameters
// lie along one axis of cells.
#pragma once

#include <map>
#include <optional>

#include "neml2/models/model.h"

namespace neml2
{
/**
 * A model on one axis of N cells, N the same for all its variables and list parameters: each has
 * N + offset entries along its one sub-batch axis (cell values: 0, interior edges: -1, every edge
 * with the boundaries: +1). N is taken from whichever is known first: a list parameter's value
 * (a [Tensors] object with a sub-batch axis, or numbers), the sub-batch of a variable from the
 * model that provides it, or the values the model is first evaluated with. Knowing one fixes all,
 * so a composition learns every variable's size from any of them.
 */
class CellAxisModel : public Model
{
public:
  using Model::Model;
  /// Setting a tied variable's sub-batch sets N, hence every tied variable's.
  void resolve_sub_batch(const std::string & name, const Shape & sub_batch) override;

protected:
  /// Ties variable `name` (an input declared pending, or an output) to N + offset entries.
  void tie_variable(const std::string & name, std::int64_t offset);
  /// Ties list parameter `name` (declared with declare_list_parameter from option `option`) to
  /// N + offset entries: a value must have that many or a single one (one value for every
  /// entry); a parameter that is a variable is tied like one.
  void tie_parameter(const std::string & name, std::int64_t offset, const std::string & option);
  /// N; throws ValueError saying how to give it when nothing has fixed it yet.
  std::int64_t cells() const;
  /// N, or nothing when nothing has fixed it (a model whose per-bin values may be one value).
  std::optional<std::int64_t> known_cells() const { return _n; }
  /// Entry i of a list whose single entry stands for every entry.
  template <typename T>
  static const T & entry(const std::vector<T> & list, std::int64_t i)
  {
    return list.size() == 1 ? list[0] : list[static_cast<std::size_t>(i)];
  }

private:
  /// Fixes N (checked against what is known) and sets every tied variable's sub-batch; `source`
  /// says where it came from, for errors.
  void set_cells(std::int64_t n, const std::string & source);

  std::map<std::string, std::int64_t> _variables;
  struct TiedParameter
  {
    std::string name, option;
    std::int64_t offset;
  };
  std::vector<TiedParameter> _parameters;
  std::optional<std::int64_t> _n;
  std::string _n_source;
};
} // namespace neml2
