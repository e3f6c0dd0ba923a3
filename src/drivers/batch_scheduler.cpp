// BatchScheduler: contiguous shares of a batch over ranks, and the results joined again.
#include "neml2/drivers/batch_scheduler.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <numeric>

#include "neml2/base/error.h"

namespace neml2
{
std::vector<std::int64_t>
partition_by_points(std::int64_t n, int parts)
{
  if (n < 0 || parts < 1)
    throw ValueError(fmt::format("cannot cut {} points into {} shares", n, parts));
  std::vector<std::int64_t> offsets(static_cast<std::size_t>(parts) + 1, 0);
  const auto base = n / parts, extra = n % parts;
  for (int r = 0; r < parts; ++r)
    offsets[static_cast<std::size_t>(r) + 1] = offsets[static_cast<std::size_t>(r)] + base + (r < extra ? 1 : 0);
  return offsets;
}

std::vector<std::int64_t>
partition_by_cost(std::span<const double> cost, int parts)
{
  const auto n = static_cast<std::int64_t>(cost.size());
  double total = 0;
  for (std::size_t i = 0; i < cost.size(); ++i)
  {
    if (!(cost[i] >= 0) || !std::isfinite(cost[i]))
      throw ValueError(fmt::format("the cost of point {} is {}; costs must be finite and >= 0", i, cost[i]));
    total += cost[i];
  }
  if (total == 0)
    return partition_by_points(n, parts);
  std::vector<std::int64_t> offsets(static_cast<std::size_t>(parts) + 1, n);
  offsets[0] = 0;
  double running = 0;
  std::int64_t i = 0;
  for (int r = 0; r + 1 < parts; ++r)
  {
    const double target = total * (r + 1) / parts;
    // Take points while the share stays closer to its target with the next point than without.
    while (i < n && running + 0.5 * cost[static_cast<std::size_t>(i)] < target)
      running += cost[static_cast<std::size_t>(i++)];
    offsets[static_cast<std::size_t>(r) + 1] = i;
  }
  return offsets;
}

Tensor
narrow_batch(const Tensor & t, std::size_t dim, std::int64_t begin, std::int64_t end)
{
  const auto & b = t.batch_shape();
  if (dim >= b.size() || begin < 0 || end < begin || end > b[dim])
    throw ValueError(fmt::format("cannot keep [{}, {}) of batch dimension {} of a tensor of batch shape {}", begin, end,
                                 dim, shape_str(b)));
  auto batch = b;
  batch[dim] = end - begin;
  auto out = Tensor::zeros(batch, t.base_shape(), t.dtype());
  std::int64_t outer = 1;
  for (std::size_t d = 0; d < dim; ++d)
    outer *= b[d];
  // Bytes of one entry of `dim`: the dimensions after it and the base.
  auto inner = static_cast<std::int64_t>(dtype_size(t.dtype())) * t.base_numel();
  for (std::size_t d = dim + 1; d < b.size(); ++d)
    inner *= b[d];
  const auto * src = static_cast<const char *>(t.raw());
  auto * dst = static_cast<char *>(out.raw());
  const auto kept = (end - begin) * inner;
  for (std::int64_t o = 0; o < outer; ++o)
    if (kept > 0)
      std::memcpy(dst + o * kept, src + (o * b[dim] + begin) * inner, static_cast<std::size_t>(kept));
  return out;
}

namespace
{
// The payload format: a flat byte string of fixed-size integers and raw tensor bytes, read back
// on machines of the same kind (the ranks of one job).
void
put(std::string & s, std::int64_t v)
{
  s.append(reinterpret_cast<const char *>(&v), sizeof v);
}

struct Reader
{
  const std::string & s;
  std::size_t at = 0;
  std::int64_t get()
  {
    std::int64_t v = 0;
    bytes(&v, sizeof v);
    return v;
  }
  void bytes(void * out, std::size_t n)
  {
    if (at + n > s.size())
      throw Error("a rank's results arrived truncated (the ranks run different builds or inputs?)");
    std::memcpy(out, s.data() + at, n);
    at += n;
  }
};

void
put_shape(std::string & s, const Shape & shape)
{
  put(s, static_cast<std::int64_t>(shape.size()));
  for (auto d : shape)
    put(s, d);
}

Shape
get_shape(Reader & r)
{
  Shape shape(static_cast<std::size_t>(r.get()));
  for (auto & d : shape)
    d = r.get();
  return shape;
}

std::string
serialize(const std::vector<Tensor> & tensors)
{
  std::size_t bytes = sizeof(std::int64_t);
  for (const auto & t : tensors)
    bytes += sizeof(std::int64_t) * (3 + t.batch_shape().size() + t.base_shape().size()) +
             static_cast<std::size_t>(t.numel()) * dtype_size(t.dtype());
  std::string s;
  s.reserve(bytes);
  put(s, static_cast<std::int64_t>(tensors.size()));
  for (const auto & t : tensors)
  {
    put(s, static_cast<std::int64_t>(t.dtype()));
    put_shape(s, t.batch_shape());
    put_shape(s, t.base_shape());
    s.append(static_cast<const char *>(t.raw()), static_cast<std::size_t>(t.numel()) * dtype_size(t.dtype()));
  }
  return s;
}

/// A tensor inside a payload: its shapes, and where its values are (no copy).
struct TensorView
{
  Dtype dtype;
  Shape batch, base;
  const char * data;
  std::size_t bytes() const { return static_cast<std::size_t>(numel(batch) * numel(base)) * dtype_size(dtype); }
  Tensor copy() const
  {
    auto t = Tensor::zeros(batch, base, dtype);
    std::memcpy(t.raw(), data, bytes());
    return t;
  }
};

std::vector<TensorView>
deserialize(const std::string & s)
{
  Reader r{s};
  std::vector<TensorView> out(static_cast<std::size_t>(r.get()));
  for (auto & t : out)
  {
    t.dtype = static_cast<Dtype>(r.get());
    t.batch = get_shape(r);
    t.base = get_shape(r);
    t.data = s.data() + r.at;
    if (r.at + t.bytes() > s.size())
      throw Error("a rank's results arrived truncated (the ranks run different builds or inputs?)");
    r.at += t.bytes();
  }
  return out;
}
} // namespace

BatchScheduler::BatchScheduler(std::shared_ptr<Communicator> comm, std::int64_t points)
  : _comm(std::move(comm))
{
  if (!_comm)
    throw ValueError("BatchScheduler needs a communicator");
  _offsets = partition_by_points(points, _comm->size());
}

std::vector<std::string>
BatchScheduler::exchange(const std::string & payload, const std::string & error, int root)
{
  // Every rank learns of every error before any payload moves. To all ranks, the payload rides
  // along with the error flag; to one rank, it follows in its own collective.
  std::string mine(1, error.empty() ? '\0' : '\1');
  mine += error.empty() && root < 0 ? payload : error;
  auto all = _comm->allgather(mine);
  if (all.size() != static_cast<std::size_t>(size()))
    throw Error(fmt::format("the communicator gathered {} contributions from {} ranks", all.size(), size()));
  for (std::size_t r = 0; r < all.size(); ++r)
    if (all[r].empty() || all[r][0] != '\0')
      throw Error(
          fmt::format("rank {} of {} failed: {}", r, size(), all[r].empty() ? "(no message)" : all[r].substr(1)));
  if (root >= 0)
  {
    if (root >= size())
      throw ValueError(fmt::format("cannot gather on rank {} of {}", root, size()));
    all = _comm->gather(payload, root);
    if (rank() == root && all.size() != static_cast<std::size_t>(size()))
      throw Error(fmt::format("the communicator gathered {} contributions from {} ranks", all.size(), size()));
    return all;
  }
  for (auto & s : all)
    s.erase(0, 1);
  return all;
}

void
BatchScheduler::check(const std::string & error)
{
  exchange("", error);
}

void
BatchScheduler::rebalance(std::span<const double> local_cost, const std::string & error)
{
  if (error.empty() && static_cast<std::int64_t>(local_cost.size()) != share())
    throw ValueError(fmt::format("rank {} has {} points but passed {} costs", rank(), share(), local_cost.size()));
  std::string payload(reinterpret_cast<const char *>(local_cost.data()), local_cost.size_bytes());
  std::vector<double> cost;
  for (const auto & s : exchange(payload, error))
  {
    const auto at = cost.size();
    cost.resize(at + s.size() / sizeof(double));
    std::memcpy(cost.data() + at, s.data(), s.size());
  }
  if (static_cast<std::int64_t>(cost.size()) != points())
    throw Error(fmt::format("the ranks passed {} costs for {} points", cost.size(), points()));
  _offsets = partition_by_cost(cost, size());
}

std::vector<Tensor>
BatchScheduler::gather(const std::vector<Tensor> & local, const std::string & error, int root)
{
  std::vector<std::vector<TensorView>> parts; // of the ranks with points, in rank order
  std::vector<std::int64_t> shares;
  const auto all = exchange(error.empty() ? serialize(local) : std::string(), error, root);
  if (root >= 0 && rank() != root)
    return {};
  for (std::size_t r = 0; r < all.size(); ++r)
  {
    const auto n = _offsets[r + 1] - _offsets[r];
    if (n == 0)
      continue;
    parts.push_back(deserialize(all[r]));
    shares.push_back(n);
    if (parts.back().size() != parts.front().size())
      throw Error(fmt::format("rank {} passed {} tensors to gather, the first rank {}", r, parts.back().size(),
                              parts.front().size()));
  }
  if (parts.empty())
    return {};
  std::vector<Tensor> out;
  for (std::size_t i = 0; i < parts.front().size(); ++i)
  {
    const auto & first = parts.front()[i];
    // Joined when every rank's tensor spans its share; else it must be the same everywhere.
    bool spans = true, same = true;
    for (std::size_t p = 0; p < parts.size(); ++p)
    {
      const auto & t = parts[p][i];
      const auto & b = t.batch;
      spans = spans && !b.empty() && b[0] == shares[p] && b.size() == first.batch.size() &&
              std::equal(b.begin() + 1, b.end(), first.batch.begin() + 1) && t.base == first.base &&
              t.dtype == first.dtype;
      same = same && t.batch == first.batch && t.base == first.base;
    }
    if (!spans && !same)
      throw ValueError(fmt::format("tensor {} to gather neither spans each rank's share along its leading batch "
                                   "dimension nor has the same shape on every rank",
                                   i));
    if (!spans)
    {
      out.push_back(first.copy());
      continue;
    }
    auto batch = first.batch;
    batch[0] = points();
    auto joined = Tensor::zeros(batch, first.base, first.dtype);
    std::size_t at = 0;
    for (const auto & part : parts)
    {
      std::memcpy(static_cast<char *>(joined.raw()) + at, part[i].data, part[i].bytes());
      at += part[i].bytes();
    }
    out.push_back(std::move(joined));
  }
  return out;
}
} // namespace neml2
