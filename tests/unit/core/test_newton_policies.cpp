// newton_ops.h is one Newton solver templated on a lane policy: PointPolicy (the interpreter, point
// kernels, CUDA threads) and LanePolicy (SIMD-lane kernels). Both are held bit for bit to the plain
// one-point reference (reference_newton.h) on random linear systems (singular, NaN and pivot-tie
// cases included) and on nonlinear systems whose full Newton steps overshoot, with full steps, the
// backtracking search and the strong Wolfe search, in float64 and float32; so is nt_stream, which
// streams many points through the lanes. The LU's solutions are also checked against the original
// systems (backward error), which does not rely on the reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "neml2/graph/newton_lanes.h"
#include "reference_newton.h"

namespace
{
template <typename T>
bool
same_bits(T a, T b)
{
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

/// A random n x n matrix (row-major) whose diagonal is shrunk, so that most elimination steps
/// pivot, and with `tie` (0 or 1) the largest |A_i0| twice: rows tie and tie + 1.
template <typename T>
void
pivoting_matrix(T * a, int n, int tie, std::mt19937_64 & rng)
{
  std::uniform_real_distribution<T> u(-1, 1);
  for (int i = 0; i < n * n; ++i)
    a[i] = u(rng);
  for (int i = 0; i < n; ++i)
    a[i * n + i] *= T(1e-3);
  if (tie >= 0 && n > 2)
  {
    a[tie * n] = 2;
    a[(tie + 1) * n] = -2;
  }
}

/// W random n x n systems with m right-hand sides, one per lane l of trial t: made singular (a zero
/// column) when (t + l) % 7 == 0, given a NaN when (t + l) % 11 == 0, and a tie for the first pivot
/// when (t + l) % 3 == 0; diagonals are shrunk so that most steps pivot, differently per lane.
template <typename T, int N, int R>
void
check_lu(unsigned seed)
{
  using V = typename neml2_lanes::Lanes<T>::V;
  using Lanes = neml2_lanes::LanePolicy<V>;
  using Point = neml2_ops::PointPolicy<T>;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> u(-1, 1);
  for (int t = 0; t < 100; ++t)
  {
    std::vector<T> A(W * N * N), B(W * N * R);
    V Al[N * N], Bl[N * R];
    for (int l = 0; l < W; ++l)
    {
      T * a = A.data() + l * N * N;
      pivoting_matrix(a, N, (t + l) % 3 == 0 ? (t + l) % 2 : -1, rng);
      if ((t + l) % 7 == 0)
        for (int i = 0; i < N; ++i)
          a[i * N + (t % N)] = 0;
      if ((t + l) % 11 == 0)
        a[(t % N) * N + (l % N)] = std::numeric_limits<T>::quiet_NaN();
      for (int i = 0; i < N * N; ++i)
        Al[i][l] = a[i];
      for (int i = 0; i < N * R; ++i)
        Bl[i][l] = B[l * N * R + i] = u(rng);
    }
    const auto lanes_regular = neml2_ops::nt_lu_solve<Lanes, N, R>(Al, Bl);
    for (int l = 0; l < W; ++l)
    {
      std::vector<T> Ar(A.begin() + l * N * N, A.begin() + (l + 1) * N * N),
          Br(B.begin() + l * N * R, B.begin() + (l + 1) * N * R);
      std::vector<T> Ap = Ar, Bp = Br, Ad = Ar, Bd = Br;
      const bool ok = neml2_reference::nt_lu_solve(N, R, Ar.data(), Br.data());
      const bool point = static_cast<bool>(neml2_ops::nt_lu_solve<Point, N, R>(Ap.data(), Bp.data()));
      const bool dynamic = static_cast<bool>(neml2_ops::nt_lu_solve<Point>(Ad.data(), Bd.data(), N, R));
      const auto where = ::testing::Message() << "N " << N << " R " << R << " trial " << t << " lane " << l;
      ASSERT_EQ(ok, lanes_regular[l] != 0) << where;
      ASSERT_EQ(ok, point) << where;
      ASSERT_EQ(ok, dynamic) << where;
      if (!ok)
        continue; // the solution of a singular system is garbage everywhere
      // Independently of the reference: y solves the original system, to a backward error of a
      // few roundings (|A y - B| <= 64 N eps (|A| |y| + |B|), infinity norms).
      const T * a = A.data() + l * N * N;
      const T * b = B.data() + l * N * R;
      for (int j = 0; j < R; ++j)
      {
        T norm_a = 0, norm_y = 0, norm_b = 0, residual = 0;
        for (int i = 0; i < N; ++i)
        {
          T row = 0, ay = -b[i * R + j];
          for (int k = 0; k < N; ++k)
          {
            row += std::abs(a[i * N + k]);
            ay += a[i * N + k] * Br[k * R + j];
          }
          norm_a = std::max(norm_a, row);
          norm_y = std::max(norm_y, std::abs(Br[i * R + j]));
          norm_b = std::max(norm_b, std::abs(b[i * R + j]));
          residual = std::max(residual, std::abs(ay));
        }
        const T eps = std::numeric_limits<T>::epsilon();
        ASSERT_LE(residual, T(64) * N * eps * (norm_a * norm_y + norm_b)) << where << " column " << j;
      }
      for (int i = 0; i < N * R; ++i)
      {
        ASSERT_TRUE(same_bits(static_cast<T>(Bl[i][l]), Br[i])) << where << " entry " << i << " (lanes)";
        ASSERT_TRUE(same_bits(Bp[i], Br[i])) << where << " entry " << i << " (point)";
        ASSERT_TRUE(same_bits(Bd[i], Br[i])) << where << " entry " << i << " (point, run-time size)";
      }
    }
  }
}

TEST(NewtonPolicies, LuSolveMatchesTheReference)
{
  check_lu<double, 1, 1>(1);
  check_lu<double, 3, 1>(2);
  check_lu<double, 6, 6>(3);
  check_lu<double, 7, 6>(4);
  check_lu<double, 13, 1>(5);
  check_lu<float, 6, 1>(6);
  check_lu<float, 13, 6>(7);
}

/// nt_lu_resolve: with the factors and pivot rows a solve left, another right-hand side gets the
/// same bits as a fresh solve of the original matrix (the reference's), on lanes and on one point.
/// Diagonals are shrunk and pivots tied, so that the lanes pivot differently.
template <typename T, int N>
void
check_resolve(unsigned seed)
{
  using V = typename neml2_lanes::Lanes<T>::V;
  using Lanes = neml2_lanes::LanePolicy<V>;
  using Point = neml2_ops::PointPolicy<T>;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> u(-1, 1);
  int pivoted = 0;
  for (int t = 0; t < 50; ++t)
  {
    std::vector<T> A(W * N * N), b(W * N), c(W * N);
    V Al[N * N], bl[N], cl[N];
    for (int l = 0; l < W; ++l)
    {
      T * a = A.data() + l * N * N;
      pivoting_matrix(a, N, (t + l) % 3 == 0 ? 1 : -1, rng);
      for (int i = 0; i < N * N; ++i)
        Al[i][l] = a[i];
      for (int i = 0; i < N; ++i)
      {
        bl[i][l] = b[l * N + i] = u(rng);
        cl[i][l] = c[l * N + i] = u(rng);
      }
    }
    typename Lanes::I piv_lanes[N];
    const auto regular = neml2_ops::nt_lu_solve<Lanes, N, 1>(Al, bl, N, 1, piv_lanes);
    neml2_ops::nt_lu_resolve<Lanes, N>(Al, piv_lanes, cl);
    for (int l = 0; l < W; ++l)
    {
      ASSERT_NE(regular[l], 0);
      std::vector<T> Ar(A.begin() + l * N * N, A.begin() + (l + 1) * N * N);
      std::vector<T> cr(c.begin() + l * N, c.begin() + (l + 1) * N);
      ASSERT_TRUE(neml2_reference::nt_lu_solve(N, 1, Ar.data(), cr.data()));
      std::vector<T> Ap(A.begin() + l * N * N, A.begin() + (l + 1) * N * N);
      std::vector<T> bp(b.begin() + l * N, b.begin() + (l + 1) * N);
      std::vector<T> cp(c.begin() + l * N, c.begin() + (l + 1) * N);
      int piv_point[N];
      ASSERT_TRUE(static_cast<bool>(neml2_ops::nt_lu_solve<Point>(Ap.data(), bp.data(), N, 1, piv_point)));
      neml2_ops::nt_lu_resolve<Point>(Ap.data(), piv_point, cp.data(), N);
      for (int k = 0; k < N; ++k)
        pivoted += piv_point[k] != k;
      for (int i = 0; i < N; ++i)
      {
        const auto where = ::testing::Message() << "N " << N << " trial " << t << " lane " << l << " entry " << i;
        ASSERT_TRUE(same_bits(static_cast<T>(cl[i][l]), cr[i])) << where << " (lanes)";
        ASSERT_TRUE(same_bits(cp[i], cr[i])) << where << " (point)";
      }
    }
  }
  EXPECT_GT(pivoted, 0) << "the systems pivot";
}

TEST(NewtonPolicies, ResolvingWithTheFactorsMatchesAFreshSolve)
{
  check_resolve<double, 3>(61);
  check_resolve<double, 7>(62);
  check_resolve<double, 19>(63);
  check_resolve<float, 7>(64);
}

/// r_i = tanh(x_i - b_i) + 0.1 sum_j A_ij x_j for one point: from x = 0 with |b_i| up to 3, full
/// Newton steps on tanh overshoot, so the line searches cut steps back.
template <typename T, int N>
struct TanhSystem
{
  T A[N * N], b[N];
  void eval(const T * x, T * r, T * J) const
  {
    for (int i = 0; i < N; ++i)
    {
      const T t = std::tanh(x[i] - b[i]);
      r[i] = t;
      for (int j = 0; j < N; ++j)
      {
        r[i] = r[i] + T(0.1) * A[i * N + j] * x[j];
        J[i * N + j] = T(0.1) * A[i * N + j];
      }
      J[i * N + i] = J[i * N + i] + (T(1) - t * t);
    }
  }
  /// r alone, the same bits as eval's.
  void residual(const T * x, T * r) const
  {
    T J[N * N];
    eval(x, r, J);
  }
};

struct Outcome
{
  int its, status;
};

template <typename T>
neml2_ops::NtSettings<T>
settings(int line_search, bool final_update)
{
  return {T(1e-10), T(1e-6), 60, final_update, line_search, 30, T(2), T(1e-3), T(0.9)};
}

/// W points of TanhSystem solved with the reference, with PointPolicy (sizes at compile time and
/// at run time) and with LanePolicy: solutions, residual norms, iteration counts and statuses
/// agree bit for bit. Returns how many points needed line-search cuts (the test asserts the
/// searches were exercised).
template <typename T, int N>
int
check_newton(int line_search, unsigned seed, bool final_update = true)
{
  using V = typename neml2_lanes::Lanes<T>::V;
  using Lanes = neml2_lanes::LanePolicy<V>;
  using Point = neml2_ops::PointPolicy<T>;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  const auto o = settings<T>(line_search, final_update);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> u(-1, 1);
  int cut_points = 0, full_evals = 0, residual_evals = 0;
  for (int t = 0; t < 20; ++t)
  {
    std::vector<TanhSystem<T, N>> sys(W);
    for (auto & s : sys)
    {
      for (auto & a : s.A)
        a = u(rng);
      for (auto & b : s.b)
        b = 3 * u(rng);
    }
    // The reference and PointPolicy, point by point.
    std::vector<T> x_ref(W * N), x_point(W * N), x_dyn(W * N);
    std::vector<neml2_reference::NtState<T>> ref(W);
    std::vector<neml2_ops::NtState<Point>> point(W), dyn(W), round(W);
    std::vector<T> x_round(W * N);
    for (int l = 0; l < W; ++l)
    {
      T x[N] = {}, xe[N] = {}, dx[N] = {}, r[N], J[N * N];
      do
      {
        sys[l].eval(xe, r, J);
        neml2_reference::nt_advance(ref[l], N, x, xe, dx, J, r, o);
        cut_points += ref[l].ls > 0;
      } while (ref[l].status == 0);
      std::copy(x, x + N, x_ref.begin() + l * N);

      T y[N] = {}, ye[N] = {}, dy[N] = {}, F[N * N];
      int piv[N];
      do
      {
        sys[l].eval(ye, r, J);
        neml2_ops::nt_advance<Point, N>(point[l], y, ye, dy, J, r, F, piv, o);
      } while (point[l].status == 0);
      std::copy(y, y + N, x_point.begin() + l * N);

      // Run-time size, and J and F swapping buffers where nt_advance leaves the factors in J.
      T z[N] = {}, ze[N] = {}, dz[N] = {}, jz[2][N * N];
      T *Jz = jz[0], *Fz = jz[1];
      do
      {
        sys[l].eval(ze, r, Jz);
        bool swap = false;
        neml2_ops::nt_advance<Point>(dyn[l], z, ze, dz, Jz, r, Fz, piv, o, N, &swap);
        if (swap)
          std::swap(Jz, Fz);
      } while (dyn[l].status == 0);
      std::copy(z, z + N, x_dyn.begin() + l * N);

      // nt_round: J evaluated only where the step reads it. J's buffer is poisoned before every
      // round, so a J read without an evaluation shows in the results.
      T q[N] = {}, qe[N] = {}, dq[N] = {}, jq[2][N * N];
      T *Jq = jq[0], *Fq = jq[1];
      do
      {
        std::fill(Jq, Jq + N * N, std::numeric_limits<T>::quiet_NaN());
        neml2_ops::nt_round<Point, N>(
            round[l], q, qe, dq, Jq, r, Fq, piv, o,
            [&](const T * xq, T * rq, T * Jr) {
              ++full_evals;
              sys[l].eval(xq, rq, Jr);
            },
            [&](const T * xq, T * rq) {
              ++residual_evals;
              sys[l].residual(xq, rq);
            });
      } while (round[l].status == 0);
      std::copy(q, q + N, x_round.begin() + l * N);
    }
    // LanePolicy: W points at once, each lane evaluated with the scalar residual (J left alone
    // where Jr is null); J and F swap buffers where nt_advance leaves the factors in J.
    auto lanes_eval = [&](const V * xq, V * rq, V * Jr) {
      for (int l = 0; l < W; ++l)
      {
        T xl[N], rl[N], Jl[N * N];
        for (int i = 0; i < N; ++i)
          xl[i] = xq[i][l];
        sys[l].eval(xl, rl, Jl);
        for (int i = 0; i < N; ++i)
          rq[i][l] = rl[i];
        if (Jr)
          for (int i = 0; i < N * N; ++i)
            Jr[i][l] = Jl[i];
      }
    };
    V x[N] = {}, xe[N] = {}, dx[N] = {}, r[N], jl[2][N * N] = {};
    V *J = jl[0], *F = jl[1];
    typename Lanes::I piv[N] = {};
    neml2_ops::NtState<Lanes> s;
    do
    {
      lanes_eval(xe, r, J);
      bool swap = false;
      neml2_ops::nt_advance<Lanes, N>(s, x, xe, dx, J, r, F, piv, o, N, &swap);
      if (swap)
        std::swap(J, F);
    } while (Lanes::any(s.status == 0));

    // The same with nt_round, J poisoned before every round.
    V y[N] = {}, ye[N] = {}, dy[N] = {}, jy[2][N * N] = {};
    V *Jy = jy[0], *Fy = jy[1];
    typename Lanes::I pivy[N] = {};
    neml2_ops::NtState<Lanes> sy;
    do
    {
      for (int i = 0; i < N * N; ++i)
        Jy[i] = neml2_lanes::splat<V>(std::numeric_limits<T>::quiet_NaN());
      neml2_ops::nt_round<Lanes, N>(
          sy, y, ye, dy, Jy, r, Fy, pivy, o,
          [&](const V * xq, V * rq, V * Jr) {
            ++full_evals;
            lanes_eval(xq, rq, Jr);
          },
          [&](const V * xq, V * rq) {
            ++residual_evals;
            lanes_eval(xq, rq, nullptr);
          });
    } while (Lanes::any(sy.status == 0));

    for (int l = 0; l < W; ++l)
    {
      const auto where = ::testing::Message() << "line search " << line_search << " trial " << t << " point " << l;
      const Outcome want{ref[l].its, ref[l].status};
      for (const auto & [name, got] :
           {std::pair{"point", Outcome{point[l].its, point[l].status}},
            std::pair{"point, run-time size", Outcome{dyn[l].its, dyn[l].status}},
            std::pair{"lanes", Outcome{static_cast<int>(s.its[l]), static_cast<int>(s.status[l])}},
            std::pair{"point, nt_round", Outcome{round[l].its, round[l].status}},
            std::pair{"lanes, nt_round", Outcome{static_cast<int>(sy.its[l]), static_cast<int>(sy.status[l])}}})
      {
        EXPECT_EQ(got.its, want.its) << where << " (" << name << ")";
        EXPECT_EQ(got.status, want.status) << where << " (" << name << ")";
      }
      EXPECT_TRUE(same_bits(point[l].rn, ref[l].rn)) << where;
      EXPECT_TRUE(same_bits(dyn[l].rn, ref[l].rn)) << where;
      EXPECT_TRUE(same_bits(static_cast<T>(s.rn[l]), ref[l].rn)) << where;
      EXPECT_TRUE(same_bits(round[l].rn, ref[l].rn)) << where;
      EXPECT_TRUE(same_bits(static_cast<T>(sy.rn[l]), ref[l].rn)) << where;
      for (int i = 0; i < N; ++i)
      {
        EXPECT_TRUE(same_bits(x_point[l * N + i], x_ref[l * N + i])) << where << " x" << i << " (point)";
        EXPECT_TRUE(same_bits(x_dyn[l * N + i], x_ref[l * N + i])) << where << " x" << i << " (run-time size)";
        EXPECT_TRUE(same_bits(static_cast<T>(x[i][l]), x_ref[l * N + i])) << where << " x" << i << " (lanes)";
        EXPECT_TRUE(same_bits(x_round[l * N + i], x_ref[l * N + i])) << where << " x" << i << " (point, nt_round)";
        EXPECT_TRUE(same_bits(static_cast<T>(y[i][l]), x_ref[l * N + i])) << where << " x" << i << " (lanes, nt_round)";
      }
    }
  }
  // With the final update, a point's last iterate needs r alone; the strong Wolfe search reads J
  // at every trial.
  if (final_update && line_search != 2)
  {
    EXPECT_GT(residual_evals, 0) << "iterates evaluated without J";
  }
  if (line_search == 2)
  {
    EXPECT_EQ(residual_evals, 0) << "the strong Wolfe search reads J at every trial";
  }
  return cut_points;
}

TEST(NewtonPolicies, FullStepsMatchTheReference)
{
  check_newton<double, 3>(0, 11);
  check_newton<float, 2>(0, 12);
}

TEST(NewtonPolicies, WithoutTheFinalUpdateMatchesTheReference)
{
  check_newton<double, 3>(0, 13, false);
  EXPECT_GT((check_newton<double, 3>(1, 24, false)), 0);
  EXPECT_GT((check_newton<float, 3>(2, 34, false)), 0);
}

// The final update (a chord step with the last Newton direction's factors) shrinks the error by
// about the factor of the last Newton step: with rel_tol = 1e-6 the converged iterate's residual is
// up to 1e-6 of the first, and the update taken from it leaves a residual orders smaller.
TEST(NewtonPolicies, TheFinalUpdateShrinksTheErrorByOrdersOfMagnitude)
{
  using Point = neml2_ops::PointPolicy<double>;
  constexpr int N = 3;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1, 1);
  int improved = 0;
  for (int t = 0; t < 50; ++t)
  {
    TanhSystem<double, N> sys;
    for (auto & a : sys.A)
      a = u(rng);
    for (auto & b : sys.b)
      b = 0.5 * u(rng); // mild: full Newton steps converge
    double after[2] = {};
    int its[2] = {};
    for (int final_update : {0, 1})
    {
      const auto o = settings<double>(0, final_update);
      neml2_ops::NtState<Point> s;
      double x[N] = {}, xe[N] = {}, dx[N] = {}, r[N], J[N * N], F[N * N];
      int piv[N];
      do
      {
        sys.eval(xe, r, J);
        neml2_ops::nt_advance<Point, N>(s, x, xe, dx, J, r, F, piv, o);
      } while (s.status == 0);
      ASSERT_EQ(s.status, 1) << "trial " << t;
      sys.eval(x, r, J);
      after[final_update] = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
      its[final_update] = s.its;
    }
    EXPECT_EQ(its[0], its[1]) << "the final update is not counted as an iteration";
    EXPECT_GT(its[1], 0) << "a Newton step was taken, so the update is the chord step";
    if (after[0] > 1e-13)
    {
      EXPECT_LT(after[1], 1e-3 * after[0]) << "trial " << t;
      ++improved;
    }
  }
  EXPECT_GT(improved, 10);
}

TEST(NewtonPolicies, BacktrackingMatchesTheReference)
{
  EXPECT_GT((check_newton<double, 3>(1, 21)), 0);
  EXPECT_GT((check_newton<double, 6>(1, 22)), 0);
  EXPECT_GT((check_newton<float, 3>(1, 23)), 0);
}

TEST(NewtonPolicies, StrongWolfeMatchesTheReference)
{
  EXPECT_GT((check_newton<double, 3>(2, 31)), 0);
  EXPECT_GT((check_newton<double, 6>(2, 32)), 0);
  EXPECT_GT((check_newton<float, 3>(2, 33)), 0);
}

/// nt_stream on `count` points of TanhSystem (the system's A and b are the givens), some made to
/// fail (a NaN in b, or too few iterations allowed for a far b): every point's solution, status,
/// iterations and residual norm equal the reference's for that point alone, bit for bit, whatever
/// lane it ran on and whenever it started there. `alike`: points that differ by a little and
/// iterate alike, so whole tiles finish and start together.
template <typename T, int N>
void
check_stream(int line_search, int count, unsigned seed, bool alike = false)
{
  using V = typename neml2_lanes::Lanes<T>::V;
  using Lanes = neml2_lanes::LanePolicy<V>;
  constexpr int W = neml2_lanes::LaneTraits<V>::W, M = N * N + N;
  auto o = settings<T>(line_search, true);
  o.max_its = 8; // the far points below need more
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> u(-1, 1);
  const int stride = count + 3; // rows longer than the points: the stride is honoured
  std::vector<T> x(N * stride, T(0)), g(M * stride), rn(stride);
  std::vector<std::int32_t> status(stride), its(stride);
  std::vector<TanhSystem<T, N>> sys(count);
  for (int p = 0; p < count; ++p)
  {
    for (auto & a : sys[p].A)
      a = u(rng);
    // Near, far (slower, some past max_its) and NaN (failing at once) points, mixed.
    const T scale = p % 5 == 0 ? T(6) : T(1);
    for (auto & b : sys[p].b)
      b = scale * u(rng);
    if (p % 13 == 7)
      sys[p].b[0] = std::numeric_limits<T>::quiet_NaN();
    if (alike)
    {
      sys[p] = sys[0];
      sys[p].b[0] = sys[p].b[0] * (T(1) + T(1e-6) * T(p));
    }
    for (int j = 0; j < N * N; ++j)
      g[j * stride + p] = sys[p].A[j];
    for (int j = 0; j < N; ++j)
      g[(N * N + j) * stride + p] = sys[p].b[j];
  }
  // Rounds of the stream: each starts with one evaluation, of r and J or of r alone; a round that
  // began with r alone evaluates r and J again at the same iterates (an upgrade) where a lane takes a
  // new direction. An evaluation of r and J at exactly the iterates of the r-only evaluation just
  // before it is counted as that upgrade (exact here: lanes cutting a step back, whose iterates
  // change in between, are never mixed with lanes that go on when the points iterate alike, and
  // elsewhere an undetected upgrade only adds a round to an upper bound).
  int evaluations = 0, residual_only = 0;
  std::vector<T> last_r_only;
  auto lane_values = [&](const V * xe) {
    std::vector<T> v;
    for (int i = 0; i < N; ++i)
      for (int l = 0; l < W; ++l)
        v.push_back(xe[i][l]);
    return v;
  };
  auto eval_lanes = [&](const V * xe, const V * gl, V * r, V * J) {
    for (int l = 0; l < W; ++l)
    {
      TanhSystem<T, N> s;
      for (int j = 0; j < N * N; ++j)
        s.A[j] = gl[j][l];
      for (int j = 0; j < N; ++j)
        s.b[j] = gl[N * N + j][l];
      T xl[N], rl[N], Jl[N * N];
      for (int i = 0; i < N; ++i)
        xl[i] = xe[i][l];
      s.eval(xl, rl, Jl);
      for (int i = 0; i < N; ++i)
        r[i][l] = rl[i];
      if (J)
        for (int i = 0; i < N * N; ++i)
          J[i][l] = Jl[i];
    }
  };
  neml2_lanes::nt_stream<Lanes, N, M>(
      o, count, stride, x.data(), g.data(), status.data(), its.data(), rn.data(),
      [&](const V * xe, const V * gl, V * r, V * J) {
        const bool upgrade = !last_r_only.empty() && lane_values(xe) == last_r_only;
        evaluations += upgrade ? 0 : 1;
        last_r_only.clear();
        eval_lanes(xe, gl, r, J);
      },
      [&](const V * xe, const V * gl, V * r) {
        ++evaluations;
        ++residual_only;
        last_r_only = lane_values(xe);
        eval_lanes(xe, gl, r, nullptr);
      });
  int failed = 0, total = 0, most = 0, least = 1 << 30;
  for (int p = 0; p < count; ++p)
  {
    T xr[N] = {}, xe[N] = {}, dx[N] = {}, r[N], J[N * N];
    neml2_reference::NtState<T> ref;
    int evals = 0;
    do
    {
      sys[p].eval(xe, r, J);
      ++evals;
      neml2_reference::nt_advance(ref, N, xr, xe, dx, J, r, o);
    } while (ref.status == 0);
    total += evals;
    most = std::max(most, evals);
    least = std::min(least, evals);
    failed += ref.status != 1;
    const auto where = ::testing::Message() << "line search " << line_search << " point " << p << " of " << count;
    EXPECT_EQ(status[p], ref.status) << where;
    EXPECT_EQ(its[p], ref.its) << where;
    EXPECT_TRUE(same_bits(rn[p], ref.rn)) << where;
    for (int i = 0; i < N; ++i)
      EXPECT_TRUE(same_bits(x[i * stride + p], xr[i])) << where << " x" << i;
  }
  if (count >= W && o.line_search != 2)
  {
    EXPECT_GT(residual_only, 0) << "rounds with every lane at a trial iterate evaluate r alone first";
  }
  if (o.line_search == 2)
  {
    EXPECT_EQ(residual_only, 0) << "the strong Wolfe search reads J at every trial";
  }
  if (alike)
  {
    ASSERT_EQ(most, least) << "the points iterate alike";
    EXPECT_EQ(evaluations, (count + W - 1) / W * most) << "tiles start and finish together";
  }
  else if (count >= 4 * W)
  {
    EXPECT_GT(failed, 0) << "some points fail";
    EXPECT_LT(failed, count) << "some points converge";
    // Streaming keeps lanes busy: the evaluations of W lanes at a time cover the points' own
    // evaluations with at most the longest point's worth of partly idle rounds at the end.
    EXPECT_LE(evaluations * W, total + W * (o.max_its + 1) * (o.max_line_search_its + 1));
  }
}

TEST(NewtonPolicies, StreamedLanesMatchTheReference)
{
  constexpr int Wd = neml2_lanes::LaneTraits<neml2_lanes::Lanes<double>::V>::W;
  constexpr int Wf = neml2_lanes::LaneTraits<neml2_lanes::Lanes<float>::V>::W;
  check_stream<double, 3>(0, 100, 41);
  check_stream<double, 3>(1, 100, 42);
  check_stream<double, 2>(2, 61, 43);
  check_stream<float, 3>(1, 77, 44);
  check_stream<double, 3>(1, 3, 45); // fewer points than lanes
  check_stream<double, 3>(1, 0, 46); // none
  check_stream<double, 3>(0, 8 * Wd + 3, 47, true);
  check_stream<float, 2>(1, 5 * Wf, 48, true);
}
} // namespace

namespace
{
/// scratch_load / scratch_store at every offset of a row: whole tiles go through one unaligned
/// vector access (load_vector / store_vector), partial ones lane by lane; both read and write
/// exactly the lanes asked for.
template <typename T>
void
check_tile_access()
{
  using V = typename neml2_lanes::Lanes<T>::V;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  std::vector<T> row(4 * W);
  for (std::size_t i = 0; i < row.size(); ++i)
    row[i] = static_cast<T>(i) + T(0.5);
  for (int off = 0; off + W <= static_cast<int>(row.size()); ++off)
    for (int nl = 1; nl <= W; ++nl)
    {
      const V v = neml2_lanes::scratch_load<V>(row.data(), off, nl);
      for (int l = 0; l < W; ++l)
        EXPECT_EQ(v[l], row[static_cast<std::size_t>(off + std::min(l, nl - 1))]) << off << " " << nl << " " << l;
      std::vector<T> out(row.size(), T(-1));
      neml2_lanes::scratch_store(out.data(), off, nl, v);
      for (int i = 0; i < static_cast<int>(out.size()); ++i)
        EXPECT_EQ(out[static_cast<std::size_t>(i)], i >= off && i < off + nl ? row[static_cast<std::size_t>(i)] : T(-1))
            << off << " " << nl << " " << i;
    }
}

TEST(NewtonPolicies, TileLoadsAndStoresReadAndWriteTheirLanesAtAnyOffset)
{
  check_tile_access<double>();
  check_tile_access<float>();
}
} // namespace
