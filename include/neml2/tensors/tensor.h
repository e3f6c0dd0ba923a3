// Batched tensor storage: a contiguous row-major array of shape (*batch, *base).
#pragma once

#include <initializer_list>
#include <memory>
#include <span>

#include "neml2/tensors/dtype.h"
#include "neml2/tensors/types.h"

namespace neml2
{
/**
 * A batch of small tensors. The first `batch_shape().size()` dimensions are batch
 * dimensions (any number, broadcast like NumPy), the rest are the per-point base shape.
 * Storage is shared between copies (like a tensor handle); use clone() for a deep copy.
 * A Tensor may also wrap memory it does not own (e.g. a NumPy array) via from_blob().
 */
class Tensor
{
public:
  Tensor() = default;
  /// Allocates zero-initialised storage.
  static Tensor zeros(const Shape & batch, const Shape & base, Dtype dtype = Dtype::Float64);
  static Tensor full(const Shape & batch, const Shape & base, double value, Dtype dtype = Dtype::Float64);
  /// Copies `values` (row-major over batch then base) into new storage.
  static Tensor from_values(const Shape & batch, const Shape & base, std::span<const double> values,
                            Dtype dtype = Dtype::Float64);
  /// The same from a brace list: Tensor::from_values({2}, {6}, {0.01, 0, 0, 0, 0, 0, ...}).
  static Tensor from_values(const Shape & batch, const Shape & base, std::initializer_list<double> values,
                            Dtype dtype = Dtype::Float64)
  {
    return from_values(batch, base, std::span<const double>(values.begin(), values.size()), dtype);
  }
  /// Wraps external memory without copying; `keep_alive` is held as long as the tensor lives.
  static Tensor from_blob(void * data, const Shape & batch, const Shape & base, Dtype dtype,
                          std::shared_ptr<void> keep_alive = nullptr);

  bool defined() const { return _data != nullptr; }
  Dtype dtype() const { return _dtype; }
  const Shape & batch_shape() const { return _batch; }
  const Shape & base_shape() const { return _base; }
  Shape shape() const;
  std::int64_t batch_numel() const { return neml2::numel(_batch); }
  std::int64_t base_numel() const { return neml2::numel(_base); }
  std::int64_t numel() const { return batch_numel() * base_numel(); }

  void * raw() const { return _data; }
  template <typename T>
  T * data() const
  {
    return static_cast<T *>(_data);
  }

  /// Element i (flat index) converted to double.
  double at(std::int64_t flat) const;
  void set(std::int64_t flat, double v);
  /// All elements as doubles (for tests and printing).
  std::vector<double> to_vector() const;

  Tensor clone() const;
  /// Same data, different dtype (copy when the dtype differs).
  Tensor to(Dtype d) const;
  /// Same storage viewed with a different split of batch and base dims (numel must match).
  Tensor view(const Shape & batch, const Shape & base) const;
  /// Materialises a broadcast of this tensor to `batch` (a copy; this tensor itself when its batch
  /// shape already is `batch`). Throws ValueError when the shapes do not broadcast.
  Tensor expand_batch(const Shape & batch) const;

private:
  std::shared_ptr<void> _owner;
  void * _data = nullptr;
  Dtype _dtype = Dtype::Float64;
  Shape _batch, _base;
};

/// NumPy broadcasting of batch shapes; throws ValueError naming `what` when incompatible.
Shape broadcast_batch_shapes(const std::vector<Shape> & shapes, const std::string & what);
} // namespace neml2
