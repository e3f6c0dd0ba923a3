// Batched tensor storage.
#include "neml2/tensors/tensor.h"

#include <cstdlib>
#include <cstring>
#include <limits>

#include "neml2/base/error.h"

namespace neml2
{
namespace
{
/// "1.5 GiB"-style text for a byte count in an error message.
std::string
human_bytes(double bytes)
{
  const char * units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t u = 0;
  while (bytes >= 1024 && u + 1 < std::size(units))
  {
    bytes /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{:.0f} bytes", bytes) : fmt::format("{:.3g} {}", bytes, units[u]);
}

/// The bytes a tensor of these shapes needs, checked: every product that could wrap is an error
/// naming the shapes, not a small allocation that later writes out of bounds.
std::size_t
storage_bytes(const Shape & batch, const Shape & base, Dtype dtype)
{
  const auto what = [&] {
    return fmt::format("a tensor of batch shape {} and base shape {}", shape_str(batch), shape_str(base));
  };
  std::int64_t n = 1;
  bool wraps = false;
  for (const auto * shape : {&batch, &base})
    for (auto d : *shape)
      wraps = __builtin_mul_overflow(n, d, &n) || wraps;
  if (n == 0)
    return 0; // a zero dimension: nothing to store, however large the others
  if (wraps)
    throw SizeError(fmt::format("{} has more elements than a 64-bit count holds; use a smaller batch", what()));
  std::size_t bytes = 0;
  // 63 bytes of headroom for the 64-byte rounding in allocate().
  if (__builtin_mul_overflow(static_cast<std::size_t>(n), dtype_size(dtype), &bytes) ||
      bytes > std::numeric_limits<std::size_t>::max() - 63)
    throw SizeError(fmt::format("{} has {} elements, whose {}-byte values exceed the 64-bit address space; use a "
                                "smaller batch",
                                what(), n, dtype_size(dtype)));
  return bytes;
}

// 64-byte aligned storage so kernels can use aligned vector loads.
std::shared_ptr<void>
allocate(std::size_t bytes, const Shape & batch, const Shape & base)
{
  std::size_t rounded = ((bytes + 63) / 64) * 64;
  void * p = std::aligned_alloc(64, rounded == 0 ? 64 : rounded);
  if (!p)
    throw SizeError(fmt::format("out of memory allocating {} ({} bytes) for a tensor of batch shape {} and base "
                                "shape {}; use a smaller batch",
                                human_bytes(static_cast<double>(bytes)), bytes, shape_str(batch), shape_str(base)));
  std::memset(p, 0, rounded == 0 ? 64 : rounded);
  return std::shared_ptr<void>(p, [](void * q) { std::free(q); });
}

void
check_shape(const Shape & s, const char * what)
{
  for (auto d : s)
    if (d < 0)
      throw ValueError(fmt::format("negative dimension in {} shape {}", what, shape_str(s)));
}
} // namespace

Tensor
Tensor::zeros(const Shape & batch, const Shape & base, Dtype dtype)
{
  check_shape(batch, "batch");
  check_shape(base, "base");
  Tensor t;
  t._dtype = dtype;
  t._batch = batch;
  t._base = base;
  t._owner = allocate(storage_bytes(batch, base, dtype), batch, base);
  t._data = t._owner.get();
  return t;
}

Tensor
Tensor::full(const Shape & batch, const Shape & base, double value, Dtype dtype)
{
  auto t = zeros(batch, base, dtype);
  for (std::int64_t i = 0; i < t.numel(); ++i)
    t.set(i, value);
  return t;
}

Tensor
Tensor::from_values(const Shape & batch, const Shape & base, std::span<const double> values, Dtype dtype)
{
  auto t = zeros(batch, base, dtype);
  if (static_cast<std::int64_t>(values.size()) != t.numel())
    throw ValueError(fmt::format("expected {} values for a tensor of batch shape {} and base shape {}, got {}",
                                 t.numel(), shape_str(batch), shape_str(base), values.size()));
  for (std::int64_t i = 0; i < t.numel(); ++i)
    t.set(i, values[static_cast<std::size_t>(i)]);
  return t;
}

Tensor
Tensor::from_blob(void * data, const Shape & batch, const Shape & base, Dtype dtype, std::shared_ptr<void> keep_alive)
{
  check_shape(batch, "batch");
  check_shape(base, "base");
  Tensor t;
  t._dtype = dtype;
  t._batch = batch;
  t._base = base;
  t._owner = std::move(keep_alive);
  t._data = data;
  return t;
}

Shape
Tensor::shape() const
{
  Shape s = _batch;
  s.insert(s.end(), _base.begin(), _base.end());
  return s;
}

double
Tensor::at(std::int64_t i) const
{
  return _dtype == Dtype::Float64 ? data<double>()[i] : static_cast<double>(data<float>()[i]);
}

void
Tensor::set(std::int64_t i, double v)
{
  if (_dtype == Dtype::Float64)
    data<double>()[i] = v;
  else
    data<float>()[i] = static_cast<float>(v);
}

std::vector<double>
Tensor::to_vector() const
{
  std::vector<double> v(static_cast<std::size_t>(numel()));
  for (std::int64_t i = 0; i < numel(); ++i)
    v[static_cast<std::size_t>(i)] = at(i);
  return v;
}

Tensor
Tensor::clone() const
{
  auto t = zeros(_batch, _base, _dtype);
  if (numel() > 0)
    std::memcpy(t._data, _data, static_cast<std::size_t>(numel()) * dtype_size(_dtype));
  return t;
}

Tensor
Tensor::to(Dtype d) const
{
  if (d == _dtype)
    return *this;
  auto t = zeros(_batch, _base, d);
  for (std::int64_t i = 0; i < numel(); ++i)
    t.set(i, at(i));
  return t;
}

Tensor
Tensor::view(const Shape & batch, const Shape & base) const
{
  std::int64_t n = 0;
  if (__builtin_mul_overflow(neml2::numel(batch), neml2::numel(base), &n) || n != numel())
    throw ValueError(fmt::format("cannot view a tensor of shape {} as batch {} and base {}", shape_str(shape()),
                                 shape_str(batch), shape_str(base)));
  Tensor t = *this;
  t._batch = batch;
  t._base = base;
  return t;
}

Tensor
Tensor::expand_batch(const Shape & batch) const
{
  if (batch == _batch)
    return *this;
  auto out = zeros(batch, _base, _dtype);
  const auto nb = base_numel();
  const auto nd = batch.size();
  if (_batch.size() > nd)
    throw ValueError(fmt::format("cannot broadcast batch shape {} to {}", shape_str(_batch), shape_str(batch)));
  // Strides of this tensor's batch dims aligned to the right of `batch`; 0 where broadcast.
  std::vector<std::int64_t> stride(nd, 0);
  std::int64_t s = nb;
  for (std::size_t k = 0; k < _batch.size(); ++k)
  {
    auto src_dim = _batch.size() - 1 - k;
    auto dst_dim = nd - 1 - k;
    if (_batch[src_dim] != 1 && _batch[src_dim] != batch[dst_dim])
      throw ValueError(fmt::format("cannot broadcast batch shape {} to {}", shape_str(_batch), shape_str(batch)));
    stride[dst_dim] = _batch[src_dim] == 1 ? 0 : s;
    s *= _batch[src_dim];
  }
  std::vector<std::int64_t> idx(nd, 0);
  const auto es = dtype_size(_dtype);
  auto * dst = static_cast<char *>(out._data);
  const auto * src = static_cast<const char *>(_data);
  for (std::int64_t p = 0; p < out.batch_numel(); ++p)
  {
    std::int64_t off = 0;
    for (std::size_t k = 0; k < nd; ++k)
      off += idx[k] * stride[k];
    std::memcpy(dst + p * nb * static_cast<std::int64_t>(es), src + off * static_cast<std::int64_t>(es),
                static_cast<std::size_t>(nb) * es);
    for (std::size_t k = nd; k-- > 0;)
      if (++idx[k] < batch[k])
        break;
      else
        idx[k] = 0;
  }
  return out;
}

Shape
broadcast_batch_shapes(const std::vector<Shape> & shapes, const std::string & what)
{
  std::size_t nd = 0;
  for (const auto & s : shapes)
    nd = std::max(nd, s.size());
  Shape out(nd, 1);
  for (const auto & s : shapes)
    for (std::size_t k = 0; k < s.size(); ++k)
    {
      auto & o = out[nd - s.size() + k];
      auto d = s[k];
      if (d == o || d == 1)
        continue;
      if (o != 1)
      {
        std::vector<std::string> all;
        for (const auto & t : shapes)
          all.push_back(shape_str(t));
        throw ValueError(fmt::format("batch shapes {} of {} cannot be broadcast together", fmt::join(all, ", "), what));
      }
      o = d;
    }
  return out;
}
} // namespace neml2
