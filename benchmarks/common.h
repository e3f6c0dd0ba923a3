// Shared by the benchmark harness and the latency microbenchmark: the scenarios' inputs and a
// per-step state machine for the transient (implicit) scenarios.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"

namespace neml2bench
{
/// Number of components of a variable of this type.
inline std::int64_t
ncomp(neml2::TypeKind k)
{
  std::int64_t n = 1;
  for (auto d : neml2::base_shape(k))
    n *= d;
  return n;
}

/// Deterministic strains for the elasticity scenario (Mandel, |eps| ~ 1e-3).
inline void
fill_strain(double * x, std::int64_t n)
{
  for (std::int64_t p = 0; p < n; ++p)
    for (int c = 0; c < 6; ++c)
      x[6 * p + c] = 1e-3 * std::sin(0.37 * double(p) + 1.3 * c);
}

/// The transient loading of examples/plasticity: a strain ramp from 0 to (0.1, -0.05, -0.05) in
/// `nstep` steps; point p runs at the end time 10^(-1 + 6 (p mod 20) / 19) (the 20 strain rates of
/// NEML2's regression tests, cycled over the batch).
struct Loading
{
  static constexpr int nstep = 100;
  static double end_time(std::int64_t p) { return std::pow(10.0, -1.0 + 6.0 * double(p % 20) / 19.0); }
  /// Fills the prescribed variable `name` (t or E) at step k for n points.
  static void fill(const std::string & name, int k, double * x, std::int64_t n)
  {
    const double f = double(k) / nstep;
    if (name == "t")
      for (std::int64_t p = 0; p < n; ++p)
        x[p] = f * end_time(p);
    else if (name == "E")
      for (std::int64_t p = 0; p < n; ++p)
      {
        double * e = x + 6 * p;
        e[0] = 0.1 * f, e[1] = -0.05 * f, e[2] = -0.05 * f, e[3] = e[4] = e[5] = 0;
      }
    else
      throw std::runtime_error("transient benchmark: unknown prescribed variable '" + name + "'");
  }
  static bool prescribed(const std::string & name) { return name == "t" || name == "E"; }
};

/// One variable of the transient state: current and previous values (point-major).
struct Slot
{
  std::string name;
  std::int64_t nc = 1;
  std::vector<double> cur, prev;
};

/**
 * Drives a model step by step: every input `X~1` gets X at the previous step (X prescribed or
 * an output), every prescribed input its value at the current step. Buffers are allocated once;
 * `step(k)` fills the prescribed values of step k and calls the model.
 */
class Transient
{
public:
  /// `inputs` / `outputs` with their types, in the calling order of the model.
  Transient(std::vector<std::pair<std::string, neml2::TypeKind>> inputs,
            std::vector<std::pair<std::string, neml2::TypeKind>> outputs, std::int64_t n)
    : _n(n)
  {
    for (auto & [name, t] : outputs)
      slot(name, ncomp(t));
    for (auto & [name, t] : inputs)
    {
      auto base = name.size() > 2 && name.ends_with("~1") ? name.substr(0, name.size() - 2) : name;
      if (base == name && !Loading::prescribed(name))
        throw std::runtime_error("transient benchmark: input '" + name + "' is neither prescribed nor X~1");
      if (base != name && !Loading::prescribed(base) && !_slots.count(base))
        throw std::runtime_error("transient benchmark: input '" + name + "' has no output '" + base + "'");
      slot(base, ncomp(t));
      _in.push_back({base, base != name});
    }
    for (auto & [name, t] : outputs)
      _out.push_back(name);
    reset();
  }

  void reset()
  {
    for (auto & [name, s] : _slots)
    {
      std::fill(s.cur.begin(), s.cur.end(), 0.0);
      std::fill(s.prev.begin(), s.prev.end(), 0.0);
      if (Loading::prescribed(name))
        Loading::fill(name, 0, s.cur.data(), _n);
    }
  }

  /// Moves step k-1's values to "previous" and fills the prescribed values of step k.
  void advance(int k)
  {
    for (auto & [name, s] : _slots)
    {
      std::swap(s.cur, s.prev);
      if (Loading::prescribed(name))
        Loading::fill(name, k, s.cur.data(), _n);
    }
  }

  /// Argument pointers in input order (valid until the next advance()).
  const std::vector<const void *> & args()
  {
    _args.clear();
    for (auto & [base, old] : _in)
    {
      auto & s = _slots.at(base);
      _args.push_back(old ? s.prev.data() : s.cur.data());
    }
    return _args;
  }
  /// Output pointers in output order.
  const std::vector<void *> & outs()
  {
    _outs.clear();
    for (auto & name : _out)
      _outs.push_back(_slots.at(name).cur.data());
    return _outs;
  }
  /// Eager inputs as tensors wrapping the same buffers (no copies).
  neml2::ValueMap inputs(const std::vector<std::pair<std::string, neml2::TypeKind>> & spec)
  {
    neml2::ValueMap m;
    const auto & a = args();
    for (std::size_t i = 0; i < spec.size(); ++i)
      m[spec[i].first] = neml2::Tensor::from_blob(const_cast<void *>(a[i]), {_n}, neml2::base_shape(spec[i].second),
                                                  neml2::Dtype::Float64);
    return m;
  }
  /// Stores eager outputs as the current state.
  void store(const neml2::ValueMap & out)
  {
    for (auto & name : _out)
    {
      auto & t = out.at(name);
      auto & s = _slots.at(name);
      std::copy(t.data<double>(), t.data<double>() + s.cur.size(), s.cur.begin());
    }
  }
  const Slot & state(const std::string & name) const { return _slots.at(name); }

private:
  void slot(const std::string & name, std::int64_t nc)
  {
    auto & s = _slots[name];
    s.name = name;
    s.nc = nc;
    s.cur.assign(std::size_t(nc * _n), 0.0);
    s.prev.assign(std::size_t(nc * _n), 0.0);
  }

  std::int64_t _n;
  std::map<std::string, Slot> _slots;
  std::vector<std::pair<std::string, bool>> _in; // base name, previous step?
  std::vector<std::string> _out;
  std::vector<const void *> _args;
  std::vector<void *> _outs;
};

inline std::vector<std::pair<std::string, neml2::TypeKind>>
spec_of(const std::vector<neml2::VariableSpec> & v)
{
  std::vector<std::pair<std::string, neml2::TypeKind>> r;
  for (auto & s : v)
    r.push_back({s.name, s.type});
  return r;
}
inline std::vector<std::pair<std::string, neml2::TypeKind>>
spec_of(const std::vector<neml2::aoti::VariableInfo> & v)
{
  std::vector<std::pair<std::string, neml2::TypeKind>> r;
  for (auto & s : v)
    r.push_back({s.name, s.type});
  return r;
}
} // namespace neml2bench
