// math_pow.h, the IR's float64 pow: its accuracy against long double powl (an independent
// reference, 11 more bits), its tables against long double logl / exp2l, the C library's pow
// outside its fast path, and its SIMD-lane form equal to one value at a time bit for bit; and the
// IR's pow with a whole exponent 2..16 (scalar_ops.h multiplies it out): its error bound and its
// special values against the C library's pow.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

// Vectors wider than the build's registers go to inline functions only (GCC warns at their definitions).
#pragma GCC diagnostic ignored "-Wpsabi"
#include "neml2/graph/lane_ops.h"
#include "neml2/graph/math_pow.h"
#include "neml2/graph/scalar_ops.h"

namespace
{
/// |r - ref| in units of the last place of the double nearest ref.
double
ulp_error(double r, long double ref)
{
  const long double ulp = std::ldexp(1.0L, std::ilogb(static_cast<double>(ref)) - 52);
  return static_cast<double>(std::fabs(static_cast<long double>(r) - ref) / ulp);
}

struct Sample
{
  const char * what;
  std::vector<std::pair<double, double>> xy;
};

std::vector<Sample>
samples()
{
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Sample> s = {{"x in [0.25, 4], |y| <= 30 (slip and flow rules)", {}},
                           {"x over 1e-300 .. 1e300, |y log x| <= 700", {}},
                           {"x within 1e-3 of 1, |y| <= 1e5", {}},
                           {"integer y in [-20, 20]", {}}};
  for (int i = 0; i < 250000; ++i)
  {
    s[0].xy.emplace_back(0.25 + 3.75 * u(rng), 60.0 * u(rng) - 30.0);
    const double x = std::exp(1380.0 * u(rng) - 690.0);
    s[1].xy.emplace_back(x, (2.0 * u(rng) - 1.0) * 700.0 / std::max(std::fabs(std::log(x)), 1.0));
    s[2].xy.emplace_back(1.0 + (2.0 * u(rng) - 1.0) * 1e-3, (2.0 * u(rng) - 1.0) * 1e5);
    s[3].xy.emplace_back(0.01 + 20.0 * u(rng), std::floor(41.0 * u(rng)) - 20.0);
  }
  return s;
}

const double inf = std::numeric_limits<double>::infinity();
const double nan = std::numeric_limits<double>::quiet_NaN();
const double tiny = std::numeric_limits<double>::denorm_min();

/// Operands the fast path leaves to the C library: zeros, negatives, subnormals, infinities,
/// NaNs, huge exponents, overflowing and underflowing results.
const std::vector<std::pair<double, double>> special = {
    {0.0, 2.0},    {-0.0, 3.0},    {0.0, -1.0},   {-0.0, -1.0},   {-2.0, 3.0}, {-2.0, 2.0}, {-2.0, 0.5},
    {-8.0, -1.0},  {tiny, 0.5},    {1e-310, 2.0}, {inf, 2.0},     {inf, -2.0}, {-inf, 3.0}, {2.0, inf},
    {0.5, inf},    {2.0, -inf},    {1.0, nan},    {nan, 0.0},     {nan, 2.0},  {2.0, nan},  {1.5, 1e300},
    {2.0, 1100.0}, {2.0, -1100.0}, {10.0, 308.5}, {10.0, -320.0}, {-1.0, inf}, {1.0, inf},  {0.5, -1e10}};
} // namespace

TEST(MathPow, WithinAFewThousandthsOfAnUlpOfCorrectRounding)
{
  for (const auto & s : samples())
  {
    double worst = 0.0, worst_libm = 0.0;
    for (auto [x, y] : s.xy)
    {
      const long double ref = std::pow(static_cast<long double>(x), static_cast<long double>(y));
      worst = std::max(worst, ulp_error(neml2_math::pow(x, y), ref));
      worst_libm = std::max(worst_libm, ulp_error(std::pow(x, y), ref));
    }
    // Correct rounding is within 0.5 ulp; glibc's pow claims 0.52.
    EXPECT_LT(worst, 0.52) << s.what << " (the C library: " << worst_libm << ")";
    std::cout << "[ info ] " << s.what << ": worst " << worst << " ulp (the C library's pow: " << worst_libm << ")\n";
  }
}

TEST(MathPow, TheFastPathTakesTheUsualOperands)
{
  // If it declined them, the test above would only have measured the C library.
  for (const auto & s : samples())
  {
    int declined = 0;
    for (auto [x, y] : s.xy)
    {
      bool fast = false;
      (void)neml2_math::pow_fast_path(x, y, fast);
      declined += fast ? 0 : 1;
    }
    EXPECT_EQ(declined, 0) << s.what;
  }
}

TEST(MathPow, OutsideTheFastPathItIsTheCLibrarysPow)
{
  for (auto [x, y] : special)
  {
    bool fast = true;
    (void)neml2_math::pow_fast_path(x, y, fast);
    EXPECT_FALSE(fast) << "pow(" << x << ", " << y << ")";
    EXPECT_EQ(std::bit_cast<std::uint64_t>(neml2_math::pow(x, y)), std::bit_cast<std::uint64_t>(std::pow(x, y)))
        << "pow(" << x << ", " << y << ")";
  }
  // Values C99 Annex F fixes that the fast path computes itself, exactly.
  for (double x : {1e-300, 0.5, 1.0, 3.0, 1e300})
    EXPECT_EQ(neml2_math::pow(x, 0.0), 1.0) << x;
  for (double y : {-1e10, -3.0, 0.5, 7.0, 1e10})
    EXPECT_EQ(neml2_math::pow(1.0, y), 1.0) << y;
}

TEST(MathPow, TheIRsFloat64PowIsThisOne)
{
  EXPECT_EQ(std::bit_cast<std::uint64_t>(neml2_ops::op_pow(1.7, 7.3)),
            std::bit_cast<std::uint64_t>(neml2_math::pow(1.7, 7.3)));
}

/// Where op_pow multiplies out (k = 2..16) and where it does not.
TEST(MathPow, WholeExponentsTwoToSixteen)
{
  EXPECT_EQ(neml2_ops::op_pow_whole_exponent(2.0), 2);
  EXPECT_EQ(neml2_ops::op_pow_whole_exponent(16.0), 16);
  EXPECT_EQ(neml2_ops::op_pow_whole_exponent(7.0f), 7);
  for (double y :
       {1.0, 0.0, -2.0, 17.0, 2.5, 7.000000000000001, 1e300, inf, -inf, std::numeric_limits<double>::quiet_NaN()})
    EXPECT_EQ(neml2_ops::op_pow_whole_exponent(y), 0) << y;
}

TEST(MathPow, WholeExponentsErrByLessThanKMinusOneRoundings)
{
  // Left-to-right binary powering rounds k - 1 times at most, each error at most 2^-53 relative,
  // and a squaring doubles the relative error it is given: below (k - 1) 2^-53 (first order).
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int k = 2; k <= 16; ++k)
  {
    double worst = 0.0, worst_libm = 0.0;
    for (int i = 0; i < 100000; ++i)
    {
      // x over the whole range where x^k is a normal double, either sign; and near 1.
      const double x = (i % 2 ? -1.0 : 1.0) * (i % 10 == 0 ? 1.0 + 1e-3 * u(rng) : std::exp(700.0 / k * u(rng)));
      const long double ref = std::pow(static_cast<long double>(x), static_cast<long double>(k));
      const double r = neml2_ops::op_pow(x, static_cast<double>(k));
      const double rel = static_cast<double>(std::fabs((static_cast<long double>(r) - ref) / ref));
      worst = std::max(worst, rel / 0x1p-53);
      worst_libm = std::max(worst_libm, ulp_error(std::pow(x, static_cast<double>(k)), ref));
      ASSERT_LE(rel, (k - 1) * 0x1p-53 * (1.0 + 1e-12)) << x << "^" << k;
    }
    std::cout << "[ info ] x^" << k << ": worst relative error " << worst << " x 2^-53 (bound " << k - 1
              << "; the C library's pow: " << worst_libm << " ulp)\n";
  }
  // float32: the same bound with 2^-24.
  for (int k = 2; k <= 16; ++k)
    for (int i = 0; i < 20000; ++i)
    {
      const auto x = static_cast<float>(std::exp(80.0 / k * u(rng)));
      const double ref = std::pow(static_cast<double>(x), k); // exact to ~2^-52: far below 2^-24
      const float r = neml2_ops::op_pow(x, static_cast<float>(k));
      ASSERT_LE(std::fabs((r - ref) / ref), (k - 1) * 0x1p-24 * (1.0 + 1e-6)) << x << "^" << k;
    }
}

TEST(MathPow, WholeExponentsKeepPowsSpecialValues)
{
  // Signed zeros, infinities, NaN, overflow to inf and underflow to zero, exactly as pow.
  for (int k = 2; k <= 16; ++k)
    for (double x : {0.0, -0.0, inf, -inf, std::numeric_limits<double>::quiet_NaN(), -2.0, 3.0, 1e300, -1e300, 1e-300,
                     -1e-300, 1.0, -1.0})
    {
      const double y = k;
      const double r = neml2_ops::op_pow(x, y), want = std::pow(x, y);
      if (std::isnan(want))
        EXPECT_TRUE(std::isnan(r)) << x << "^" << k;
      else
        EXPECT_EQ(std::bit_cast<std::uint64_t>(r), std::bit_cast<std::uint64_t>(want)) << x << "^" << k;
    }
}

/// lane_pow on vectors of type V against op_pow, lane by lane.
template <typename V>
void
check_lanes()
{
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  std::vector<std::pair<double, double>> xy = special;
  for (const auto & s : samples())
    xy.insert(xy.end(), s.xy.begin(), s.xy.begin() + 20000);
  // Lane l of tile t takes operand pair (t + 5 l) mod n, so special lanes sit next to ordinary ones.
  const auto n = xy.size();
  for (std::size_t t = 0; t < n; ++t)
  {
    V a, b;
    for (int l = 0; l < W; ++l)
    {
      const auto [x, y] = xy[(t + 5 * static_cast<std::size_t>(l)) % n];
      a[l] = x;
      b[l] = y;
    }
    const V r = neml2_lanes::lane_pow(a, b);
    for (int l = 0; l < W; ++l)
      ASSERT_EQ(std::bit_cast<std::uint64_t>(r[l]), std::bit_cast<std::uint64_t>(neml2_ops::op_pow(a[l], b[l])))
          << "pow(" << a[l] << ", " << b[l] << ") in lane " << l << " of " << W;
  }
}

/// lane_pow with one whole exponent on every lane (a constant) against op_pow, lane by lane.
template <typename V>
void
check_lanes_whole()
{
  using T = typename neml2_lanes::LaneTraits<V>::T;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  std::mt19937_64 rng(23);
  std::uniform_real_distribution<T> u(T(-3), T(3));
  for (int k = 2; k <= 16; ++k)
    for (int t = 0; t < 200; ++t)
    {
      const T specials[4] = {T(0), -T(0), std::numeric_limits<T>::infinity(), std::numeric_limits<T>::quiet_NaN()};
      V a;
      for (int l = 0; l < W; ++l)
        a[l] = t == 0 && l < 4 ? specials[l] : u(rng);
      const V r = neml2_lanes::lane_pow(a, neml2_lanes::splat<V>(T(k)));
      for (int l = 0; l < W; ++l)
        ASSERT_EQ(std::bit_cast<std::uint64_t>(static_cast<double>(r[l])),
                  std::bit_cast<std::uint64_t>(static_cast<double>(neml2_ops::op_pow(a[l], T(k)))))
            << a[l] << "^" << k << " in lane " << l << " of " << W;
    }
}

TEST(MathPow, LanesEqualOneValueAtATimeBitForBit)
{
  check_lanes_whole<neml2_lanes::Lanes<double>::V>();
  check_lanes_whole<neml2_lanes::Lanes<float>::V>();
  check_lanes<neml2_lanes::Lanes<double>::V>(); // the width of this build's kernels
  typedef double V4 __attribute__((vector_size(32)));
  check_lanes<V4>(); // the interpreter's
  typedef double V8 __attribute__((vector_size(64)));
  check_lanes<V8>(); // AVX-512 kernels' (emulated where the build has no AVX-512)
}

TEST(MathPow, TablesAgreeWithLongDoubleLogAndExp2)
{
  // scripts/gen-pow-tables.py computes them with 60 decimal digits; long double has 64 bits.
  using namespace neml2_math::pow_detail;
  constexpr int first = 181, rows = sizeof(LOG_TABLE) / sizeof(LOG_TABLE[0]) / 3;
  ASSERT_EQ(rows, 182);
  for (int r = 0; r < rows; ++r)
  {
    const int j = first + r;
    EXPECT_EQ(LOG_TABLE[3 * r], 256.0 / j) << j;
    const long double exact = std::log(static_cast<long double>(j) / 256.0L);
    const long double dd = static_cast<long double>(LOG_TABLE[3 * r + 1]) + LOG_TABLE[3 * r + 2];
    EXPECT_LE(std::fabs(dd - exact), std::ldexp(std::fabs(exact), -62)) << j;
    EXPECT_EQ(LOG_TABLE[3 * r + 1], static_cast<double>(exact)) << j;
  }
  ASSERT_EQ(sizeof(EXP_TABLE) / sizeof(EXP_TABLE[0]), 256u);
  for (int i = 0; i < 128; ++i)
  {
    const long double exact = std::exp2(static_cast<long double>(i) / 128.0L);
    const long double dd = static_cast<long double>(EXP_TABLE[2 * i]) + EXP_TABLE[2 * i + 1];
    EXPECT_LE(std::fabs(dd - exact), std::ldexp(exact, -62)) << i;
  }
  const long double ln2 = std::log(2.0L);
  EXPECT_LE(std::fabs(static_cast<long double>(LN2_HI) + LN2_LO - ln2), std::ldexp(ln2, -62));
  EXPECT_LE(std::fabs(static_cast<long double>(EXP_LN2_HI) + EXP_LN2_LO - ln2 / 128), std::ldexp(ln2 / 128, -62));
  // k * HI must be exact for every k the reductions use (|k| < 2^11 and 2^18).
  EXPECT_EQ(std::bit_cast<std::uint64_t>(LN2_HI) & ((1u << 11) - 1), 0u);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(EXP_LN2_HI) & ((1u << 18) - 1), 0u);
}
