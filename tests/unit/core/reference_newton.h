// The reference for newton_ops.h: Newton's method and the LU solve for one point, written the
// plain way (right-looking elimination, branches instead of lane masks), as they were before the
// one templated implementation replaced them. Tests hold every lane policy of newton_ops.h to this
// code bit for bit. Test-only.
#pragma once

#include <cmath>
#include <vector>

#include "neml2/graph/newton_ops.h"

namespace neml2_reference
{
using neml2_ops::NtSettings;

/// Euclidean norm of r[0..n).
template <typename T>
inline T
nt_norm(int n, const T * r)
{
  T s = T(0);
  for (int i = 0; i < n; ++i)
    s = s + r[i] * r[i];
  return std::sqrt(s);
}

/// Solves A y = B in place (A n x n, B n x m, both row-major; y overwrites B) by LU
/// factorisation with partial pivoting. Returns false for a singular (or non-finite) A.
template <typename T>
inline bool
nt_lu_solve(int n, int m, T * A, T * B)
{
  for (int k = 0; k < n; ++k)
  {
    int p = k;
    T best = std::fabs(A[k * n + k]);
    for (int i = k + 1; i < n; ++i)
      if (std::fabs(A[i * n + k]) > best)
      {
        best = std::fabs(A[i * n + k]);
        p = i;
      }
    if (!(best > T(0)))
      return false;
    if (p != k)
    {
      for (int j = 0; j < n; ++j)
      {
        T t = A[k * n + j];
        A[k * n + j] = A[p * n + j];
        A[p * n + j] = t;
      }
      for (int j = 0; j < m; ++j)
      {
        T t = B[k * m + j];
        B[k * m + j] = B[p * m + j];
        B[p * m + j] = t;
      }
    }
    const T d = T(1) / A[k * n + k]; // one division per pivot; multipliers and U's rows multiply
    A[k * n + k] = d;
    for (int i = k + 1; i < n; ++i)
    {
      const T f = A[i * n + k] * d;
      A[i * n + k] = f;
      for (int j = k + 1; j < n; ++j)
        A[i * n + j] = std::fma(-f, A[k * n + j], A[i * n + j]); // one rounding, as newton_ops.h
      for (int j = 0; j < m; ++j)
        B[i * m + j] = std::fma(-f, B[k * m + j], B[i * m + j]);
    }
  }
  for (int i = n - 1; i >= 0; --i)
    for (int j = 0; j < m; ++j)
    {
      T s = B[i * m + j];
      for (int k = n - 1; k > i; --k) // from the last column
        s = std::fma(-A[i * n + k], B[k * m + j], s);
      B[i * m + j] = s * A[i * n + i];
    }
  return true;
}

/// Newton's per-point state between residual evaluations.
template <typename T>
struct NtState
{
  int its = 0;    ///< Newton updates taken
  int status = 0; ///< 0 iterating, 1 converged, -1 failed
  int trial = 0;  ///< 0: the evaluation was at the current iterate; 1: at a trial step
  int ls = 0;     ///< line-search cutbacks of the current step
  T r0 = T(0);    ///< residual norm at the predictor
  T rn = T(0);    ///< residual norm at the current iterate
  T phi0 = T(0);  ///< |r|^2 at the current iterate (line search reference)
  T rdx = T(0);   ///< r . J^-1 r at the current iterate (NEML2's backtracking slope)
  T a = T(1);     ///< step length of the current trial
  int zoom = 0;   ///< strong Wolfe: bracketing [lo, hi] found
  T lo = T(0), hi = T(0), phi_lo = T(0);
  std::vector<T> Jd; ///< J where the last Newton direction was taken (before factorising it)
};

template <typename T>
inline T
nt_sq(int n, const T * r)
{
  T s = T(0);
  for (int i = 0; i < n; ++i)
    s = s + r[i] * r[i];
  return s;
}

/// Convergence test at the current iterate (also at the predictor, its == 0).
template <typename T>
inline void
nt_check(NtState<T> & s, int n, const T * r, const NtSettings<T> & o)
{
  const T nr = nt_norm(n, r);
  if (s.its == 0)
    s.r0 = nr;
  s.rn = nr;
  if (!std::isfinite(nr))
    s.status = -1;
  else if (nr < o.abs_tol || nr / s.r0 < o.rel_tol)
    s.status = 1;
  else if (s.its >= o.max_its)
    s.status = -1;
}

/// Newton direction at the current iterate (J, r overwritten) and the first trial x_eval = x - dx.
template <typename T>
inline void
nt_direction(NtState<T> & s, int n, const T * x, T * x_eval, T * dx, T * J, T * r)
{
  s.phi0 = nt_sq(n, r);
  s.Jd.assign(J, J + n * n);
  for (int i = 0; i < n; ++i)
    dx[i] = r[i];
  if (!nt_lu_solve(n, 1, J, dx))
  {
    s.status = -1;
    return;
  }
  s.rdx = T(0);
  for (int i = 0; i < n; ++i)
    s.rdx = s.rdx + r[i] * dx[i];
  s.a = T(1);
  s.ls = 0;
  s.zoom = 0;
  s.lo = T(0);
  s.phi_lo = s.phi0;
  s.trial = 1;
  for (int i = 0; i < n; ++i)
    x_eval[i] = x[i] - dx[i];
}

/// Just converged: x = x - J_d^-1 r with the converged iterate's r and the J_d of the last Newton
/// direction, solved afresh (a chord step); where no direction was taken (converged at the guess),
/// x = x - J^-1 r with the guess's J (x kept where J is singular).
template <typename T>
inline void
nt_final_update(const NtState<T> & s, int n, T * x, T * J, T * r)
{
  std::vector<T> Jd = s.Jd;
  if (!nt_lu_solve(n, 1, s.its > 0 ? Jd.data() : J, r))
    return;
  for (int i = 0; i < n; ++i)
    x[i] = x[i] - r[i];
}

/**
 * Advances one point's Newton iteration after r and J were evaluated at x_eval. The caller
 * loops: evaluate at x_eval, call nt_advance, stop when status != 0. Full steps, NEML2's
 * backtracking line search accepting a when |r(x - a dx)|^2 <= |r|^2 - 2 c a r . J^-1 r, or a
 * strong Wolfe line search (that condition plus |f'(a)| <= c2 |f'(0)|).
 * The eager interpreter (many points at once) and generated kernels (one point) both run
 * exactly this, so iteration counts and results agree.
 */
template <typename T>
inline void
nt_advance(NtState<T> & s, int n, T * x, T * x_eval, T * dx, T * J, T * r, const NtSettings<T> & o)
{
  if (s.trial)
  {
    const T phi = nt_sq(n, r);
    // NEML2's backtracking: |r(a)|^2 <= |r|^2 - 2 c a r . J^-1 r, at most max - 1 trials, the
    // last taken as is. Strong Wolfe: (1 - 2 c a) |r|^2, max cutbacks.
    const bool decrease = o.line_search == 1 ? phi <= s.phi0 - T(2) * o.line_search_stop * s.a * s.rdx
                                             : phi <= (T(1) - T(2) * o.line_search_stop * s.a) * s.phi0;
    const int last_trial = o.line_search == 1 ? o.max_line_search_its - 2 : o.max_line_search_its;
    bool accept = !o.line_search || s.ls >= last_trial;
    if (!accept && o.line_search == 1)
      accept = decrease;
    if (!accept && o.line_search == 2)
    {
      // Strong Wolfe on f(a) = |r(x - a dx)|^2 with f'(0) = -2 |r(x)|^2 for the Newton direction,
      // f'(a) = -2 r(a) . J(a) dx. Bracketing starts from a = 1 (no expansion past the Newton
      // step), then bisection zoom (Nocedal & Wright, algorithms 3.5 and 3.6).
      T dphi = T(0);
      for (int i = 0; i < n; ++i)
      {
        T jdx = T(0);
        for (int j = 0; j < n; ++j)
          jdx = jdx + J[i * n + j] * dx[j];
        dphi = dphi - T(2) * r[i] * jdx;
      }
      const bool curvature = std::fabs(dphi) <= T(2) * o.line_search_c2 * s.phi0;
      if (!decrease || (s.zoom && phi >= s.phi_lo))
      {
        s.hi = s.a;
        s.zoom = 1;
      }
      else if (curvature)
        accept = true;
      else if (!s.zoom)
      {
        if (dphi >= T(0)) // overshoot: zoom between a and 0
        {
          s.hi = s.lo;
          s.lo = s.a;
          s.phi_lo = phi;
          s.zoom = 1;
        }
        else
          accept = true; // still descending at the full Newton step: take it
      }
      else
      {
        if (dphi * (s.hi - s.lo) >= T(0))
          s.hi = s.lo;
        s.lo = s.a;
        s.phi_lo = phi;
      }
      if (!accept)
      {
        s.a = (s.lo + s.hi) / T(2);
        s.ls = s.ls + 1;
        for (int i = 0; i < n; ++i)
          x_eval[i] = x[i] - s.a * dx[i];
        return;
      }
    }
    if (!accept)
    {
      s.a = s.a / o.line_search_cutback;
      s.ls = s.ls + 1;
      for (int i = 0; i < n; ++i)
        x_eval[i] = x[i] - s.a * dx[i];
      return;
    }
    for (int i = 0; i < n; ++i)
      x[i] = x_eval[i];
    s.its = s.its + 1;
  }
  nt_check(s, n, r, o);
  if (s.status == 0)
    nt_direction(s, n, x, x_eval, dx, J, r);
  else if (s.status == 1 && o.final_update)
    nt_final_update(s, n, x, J, r);
}
} // namespace neml2_reference
