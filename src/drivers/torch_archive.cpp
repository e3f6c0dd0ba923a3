// A small pickle reader for torch.save'd dictionaries of tensors. The format (PyTorch's
// serialization notes): a zip archive "<prefix>/data.pkl" (the pickled object) whose tensors are
// torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks) and whose
// storages are persistent ids ('storage', torch.<Type>Storage, key, location, numel) naming the
// entries "<prefix>/data/<key>" (raw little-endian elements). Only the opcodes such a pickle uses
// are implemented; anything else is an error, never a guess.
#include "neml2/drivers/torch_archive.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <variant>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "zip_archive.h"

namespace neml2::torch_archive
{
namespace
{
struct Value;
using Ref = std::shared_ptr<Value>;

struct Global
{
  std::string module, name;
  std::string full() const { return module + "." + name; }
};
struct Storage
{
  std::string dtype; ///< "Double", "Float", "Long", "Int", "Bool"
  std::string key;
  std::int64_t numel = 0;
};
struct TensorValue
{
  npz::Array array;
};
struct Mark
{
};
using Items = std::vector<Ref>;
struct Tuple
{
  Items items;
};
struct List
{
  Items items;
};
struct Dict
{
  std::vector<std::pair<Ref, Ref>> items;
};

struct Value
{
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Global, Storage, TensorValue, Tuple, List, Dict,
               Mark>
      v;
};

template <typename T>
Ref
make(T x)
{
  auto r = std::make_shared<Value>();
  r->v = std::move(x);
  return r;
}

class Unpickler
{
public:
  Unpickler(const std::string & bytes, const std::string & path,
            const std::map<std::string, const std::string *> & storages)
    : _b(bytes),
      _path(path),
      _storages(storages)
  {
  }

  Ref load()
  {
    while (true)
    {
      const auto op = byte();
      switch (op)
      {
        case 0x80: // PROTO
          byte();
          break;
        case 0x95: // FRAME
          bytes(8);
          break;
        case '}': // EMPTY_DICT
          push(make(Dict{}));
          break;
        case ']': // EMPTY_LIST
          push(make(List{}));
          break;
        case ')': // EMPTY_TUPLE
          push(make(Tuple{}));
          break;
        case '(': // MARK
          push(make(Mark{}));
          break;
        case 't': // TUPLE
          push(make(Tuple{pop_mark()}));
          break;
        case 0x85: // TUPLE1
        case 0x86: // TUPLE2
        case 0x87: // TUPLE3
        {
          const std::size_t n = op - 0x84u;
          Items items(n);
          for (std::size_t i = n; i-- > 0;)
            items[i] = pop();
          push(make(Tuple{std::move(items)}));
          break;
        }
        case 'a': // APPEND
        {
          auto x = pop();
          as<List>(top(), "APPEND").items.push_back(x);
          break;
        }
        case 'e': // APPENDS
        {
          auto items = pop_mark();
          auto & l = as<List>(top(), "APPENDS").items;
          l.insert(l.end(), items.begin(), items.end());
          break;
        }
        case 's': // SETITEM
        {
          auto value = pop();
          auto key = pop();
          as<Dict>(top(), "SETITEM").items.emplace_back(key, value);
          break;
        }
        case 'u': // SETITEMS
        {
          auto items = pop_mark();
          if (items.size() % 2)
            fail("SETITEMS with an odd number of items");
          auto & d = as<Dict>(top(), "SETITEMS").items;
          for (std::size_t i = 0; i < items.size(); i += 2)
            d.emplace_back(items[i], items[i + 1]);
          break;
        }
        case 'q': // BINPUT
          memo(byte());
          break;
        case 'r': // LONG_BINPUT
          memo(u32());
          break;
        case 0x94: // MEMOIZE
          memo(_memo.size());
          break;
        case 'h': // BINGET
          push(get(byte()));
          break;
        case 'j': // LONG_BINGET
          push(get(u32()));
          break;
        case 'X': // BINUNICODE
          push(make(bytes(u32())));
          break;
        case 0x8c: // SHORT_BINUNICODE
        case 'U':  // SHORT_BINSTRING
          push(make(bytes(byte())));
          break;
        case 'c': // GLOBAL
        {
          auto module = line();
          auto name = line();
          push(make(Global{module, name}));
          break;
        }
        case 0x93: // STACK_GLOBAL
        {
          auto name = pop();
          auto module = pop();
          push(make(Global{as<std::string>(module, "STACK_GLOBAL"), as<std::string>(name, "STACK_GLOBAL")}));
          break;
        }
        case 'K': // BININT1
          push(make(std::int64_t(byte())));
          break;
        case 'M': // BININT2
        {
          const std::int64_t lo = byte();
          push(make(lo | (std::int64_t(byte()) << 8)));
          break;
        }
        case 'J': // BININT
          push(make(std::int64_t(std::int32_t(u32()))));
          break;
        case 0x8a: // LONG1
        {
          const auto n = byte();
          if (n > 8)
            fail("an integer wider than 64 bits");
          std::uint64_t x = 0;
          const auto b = bytes(n);
          for (std::size_t i = 0; i < n; ++i)
            x |= std::uint64_t(static_cast<unsigned char>(b[i])) << (8 * i);
          if (n > 0 && n < 8 && (static_cast<unsigned char>(b[n - 1]) & 0x80))
            x |= ~std::uint64_t(0) << (8 * n); // sign extension
          push(make(static_cast<std::int64_t>(x)));
          break;
        }
        case 'G': // BINFLOAT (big-endian)
        {
          const auto b = bytes(8);
          std::uint64_t x = 0;
          for (int i = 0; i < 8; ++i)
            x = (x << 8) | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
          double d = 0;
          std::memcpy(&d, &x, 8);
          push(make(d));
          break;
        }
        case 0x88: // NEWTRUE
          push(make(true));
          break;
        case 0x89: // NEWFALSE
          push(make(false));
          break;
        case 'N': // NONE
          push(make(std::monostate{}));
          break;
        case 'Q': // BINPERSID
          push(persistent(pop()));
          break;
        case 'R': // REDUCE
        {
          auto args = pop();
          auto f = pop();
          push(reduce(as<Global>(f, "REDUCE"), as<Tuple>(args, "REDUCE").items));
          break;
        }
        case 'b': // BUILD: the state of an object; only a tensor's (empty) state is accepted
        {
          pop();
          if (!std::holds_alternative<TensorValue>(top()->v))
            fail("an object other than a dictionary of tensors (BUILD)");
          break;
        }
        case '.': // STOP
          return pop();
        default:
          fail(fmt::format("pickle opcode 0x{:02x}, which a dictionary of tensors does not use", op));
      }
    }
  }

private:
  [[noreturn]] void fail(const std::string & what) const
  {
    throw Error(fmt::format("'{}': cannot read {} (at byte {} of data.pkl); NEML2's references are read when "
                            "they are a torch.save'd dictionary of tensors",
                            _path, what, _at));
  }
  unsigned byte()
  {
    if (_at >= _b.size())
      fail("past the end (truncated pickle)");
    return static_cast<unsigned char>(_b[_at++]);
  }
  std::string bytes(std::size_t n)
  {
    if (_at + n > _b.size())
      fail("past the end (truncated pickle)");
    auto s = _b.substr(_at, n);
    _at += n;
    return s;
  }
  std::uint32_t u32()
  {
    std::uint32_t x = 0;
    for (int i = 0; i < 4; ++i)
      x |= std::uint32_t(byte()) << (8 * i);
    return x;
  }
  std::string line()
  {
    const auto end = _b.find('\n', _at);
    if (end == std::string::npos)
      fail("an unterminated GLOBAL");
    auto s = _b.substr(_at, end - _at);
    _at = end + 1;
    return s;
  }
  void push(Ref r) { _stack.push_back(std::move(r)); }
  Ref & top()
  {
    if (_stack.empty())
      fail("an empty stack");
    return _stack.back();
  }
  Ref pop()
  {
    auto r = top();
    _stack.pop_back();
    return r;
  }
  Items pop_mark()
  {
    Items items;
    while (true)
    {
      auto r = pop();
      if (std::holds_alternative<Mark>(r->v))
        break;
      items.push_back(r);
    }
    return {items.rbegin(), items.rend()};
  }
  void memo(std::size_t i) { _memo[i] = top(); }
  Ref get(std::size_t i)
  {
    auto it = _memo.find(i);
    if (it == _memo.end())
      fail(fmt::format("memo entry {}, never stored", i));
    return it->second;
  }
  template <typename T>
  T & as(const Ref & r, const char * op)
  {
    if (!std::holds_alternative<T>(r->v))
      fail(fmt::format("an unexpected value for {}", op));
    return std::get<T>(r->v);
  }

  Ref persistent(const Ref & pid)
  {
    const auto & t = as<Tuple>(pid, "a storage id").items;
    if (t.size() != 5 || as<std::string>(t[0], "a storage id") != "storage")
      fail("a persistent id that is not a storage");
    const auto & type = as<Global>(t[1], "a storage type");
    const std::string suffix = "Storage";
    if (type.module != "torch" || !type.name.ends_with(suffix))
      fail(fmt::format("storage type '{}'", type.full()));
    return make(Storage{type.name.substr(0, type.name.size() - suffix.size()), as<std::string>(t[2], "a storage key"),
                        as<std::int64_t>(t[4], "a storage size")});
  }

  Ref reduce(const Global & f, const Items & args)
  {
    if (f.full() == "collections.OrderedDict" && args.empty())
      return make(Dict{});
    if (f.full() == "torch._utils._rebuild_parameter" && !args.empty())
      return args[0];
    if (f.full() == "torch._utils._rebuild_tensor_v2" && args.size() >= 4)
      return make(TensorValue{rebuild(
          as<Storage>(args[0], "a tensor's storage"), as<std::int64_t>(args[1], "a tensor's offset"),
          ints(as<Tuple>(args[2], "a tensor's size").items), ints(as<Tuple>(args[3], "a tensor's stride").items))});
    if (f.module.starts_with("__torch__"))
      fail(fmt::format("a TorchScript module ('{}'); re-save it as a dictionary in Python: "
                       "torch.save(dict(torch.jit.load(p).state_dict()), p)",
                       f.full()));
    fail(fmt::format("an object made by '{}'", f.full()));
  }

  std::vector<std::int64_t> ints(const Items & items)
  {
    std::vector<std::int64_t> out;
    for (const auto & i : items)
      out.push_back(as<std::int64_t>(i, "a shape"));
    return out;
  }

  /// One element of storage `s` as a double.
  double element(const Storage & s, const std::string & data, std::int64_t i) const
  {
    const auto at = [&](std::size_t size) { return data.data() + static_cast<std::size_t>(i) * size; };
    if (s.dtype == "Double")
    {
      double x = 0;
      std::memcpy(&x, at(8), 8);
      return x;
    }
    if (s.dtype == "Float")
    {
      float x = 0;
      std::memcpy(&x, at(4), 4);
      return x;
    }
    if (s.dtype == "Long")
    {
      std::int64_t x = 0;
      std::memcpy(&x, at(8), 8);
      return static_cast<double>(x);
    }
    if (s.dtype == "Int")
    {
      std::int32_t x = 0;
      std::memcpy(&x, at(4), 4);
      return x;
    }
    return *at(1) != 0; // Bool
  }

  npz::Array rebuild(const Storage & s, std::int64_t offset, const std::vector<std::int64_t> & size,
                     const std::vector<std::int64_t> & stride)
  {
    static const std::map<std::string, std::size_t> element_size = {
        {"Double", 8}, {"Float", 4}, {"Long", 8}, {"Int", 4}, {"Bool", 1}};
    const auto es = element_size.find(s.dtype);
    if (es == element_size.end())
      fail(fmt::format("a tensor of type {} (float64, float32, int64, int32 and bool are read)", s.dtype));
    const auto it = _storages.find(s.key);
    if (it == _storages.end())
      fail(fmt::format("storage '{}', which the archive lacks", s.key));
    const auto & data = *it->second;
    if (data.size() != static_cast<std::size_t>(s.numel) * es->second)
      fail(fmt::format("storage '{}' of {} bytes for {} elements", s.key, data.size(), s.numel));
    if (size.size() != stride.size())
      fail("a tensor whose size and stride differ in length");
    npz::Array a;
    a.shape = Shape(size.begin(), size.end());
    std::int64_t n = 1;
    for (auto d : size)
    {
      if (d < 0 || (d > 0 && n > (std::int64_t(1) << 32) / d))
        fail("a tensor with a negative or too large (over 2^32 elements) size");
      n *= d;
    }
    a.values.reserve(static_cast<std::size_t>(n));
    std::vector<std::int64_t> idx(size.size(), 0);
    for (std::int64_t k = 0; k < n; ++k)
    {
      std::int64_t at = offset;
      for (std::size_t d = 0; d < size.size(); ++d)
        at += idx[d] * stride[d];
      if (at < 0 || at >= s.numel)
        fail(fmt::format("a tensor view outside its storage '{}'", s.key));
      a.values.push_back(element(s, data, at));
      for (std::size_t d = size.size(); d-- > 0;)
      {
        if (++idx[d] < size[d])
          break;
        idx[d] = 0;
      }
    }
    return a;
  }

  const std::string & _b;
  const std::string & _path;
  const std::map<std::string, const std::string *> & _storages;
  std::size_t _at = 0;
  std::vector<Ref> _stack;
  std::map<std::size_t, Ref> _memo;
};
} // namespace

std::vector<std::pair<std::string, npz::Array>>
read(const std::string & path)
{
  const auto entries = zip::read_stored(path, "PyTorch");
  // "<prefix>/data.pkl" and its storages "<prefix>/data/<key>".
  const std::string * pickle = nullptr;
  std::string prefix;
  for (const auto & [name, data] : entries)
    if (name.ends_with("/data.pkl") && std::count(name.begin(), name.end(), '/') == 1)
    {
      pickle = &data;
      prefix = name.substr(0, name.size() - std::string("data.pkl").size());
    }
  if (!pickle)
    throw Error(fmt::format("'{}' is a zip archive without data.pkl: not a file torch.save wrote", path));
  std::map<std::string, const std::string *> storages;
  for (const auto & [name, data] : entries)
  {
    if (name == prefix + "constants.pkl" || name.starts_with(prefix + "code/"))
      throw Error(fmt::format("'{}' is a TorchScript archive (torch.jit.save), not a dictionary of tensors; re-save "
                              "it as one in Python: torch.save(dict(torch.jit.load(p).state_dict()), p)",
                              path));
    if (name == prefix + "byteorder" && data != "little")
      throw Error(fmt::format("'{}' holds {}-endian data; only little-endian archives are read", path, data));
    if (name.starts_with(prefix + "data/"))
      storages[name.substr(prefix.size() + 5)] = &data;
  }
  Unpickler u(*pickle, path, storages);
  const auto root = u.load();
  if (!std::holds_alternative<Dict>(root->v))
    throw Error(fmt::format("'{}' does not hold a dictionary of tensors", path));
  std::vector<std::pair<std::string, npz::Array>> out;
  for (const auto & [k, v] : std::get<Dict>(root->v).items)
  {
    if (!std::holds_alternative<std::string>(k->v) || !std::holds_alternative<TensorValue>(v->v))
      throw Error(fmt::format("'{}' holds a dictionary entry that is not (name, tensor)", path));
    out.emplace_back(std::get<std::string>(k->v), std::get<TensorValue>(v->v).array);
  }
  return out;
}
} // namespace neml2::torch_archive
