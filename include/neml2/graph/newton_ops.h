// Per-point dense linear algebra and Newton convergence tests, shared by the eager interpreter
// and (copied verbatim) by generated kernels, so both iterate identically.
// Self-contained: only <cmath>; no FMA contraction, no fast-math.
#pragma once

#include <cmath>

namespace neml2_ops
{
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
    for (int i = k + 1; i < n; ++i)
    {
      const T f = A[i * n + k] / A[k * n + k];
      A[i * n + k] = f;
      for (int j = k + 1; j < n; ++j)
        A[i * n + j] = A[i * n + j] - f * A[k * n + j];
      for (int j = 0; j < m; ++j)
        B[i * m + j] = B[i * m + j] - f * B[k * m + j];
    }
  }
  for (int i = n - 1; i >= 0; --i)
    for (int j = 0; j < m; ++j)
    {
      T s = B[i * m + j];
      for (int k = i + 1; k < n; ++k)
        s = s - A[i * n + k] * B[k * m + j];
      B[i * m + j] = s / A[i * n + i];
    }
  return true;
}

/// Newton's per-point state between residual evaluations.
template <typename T>
struct NtState
{
  int its = 0;     ///< Newton updates taken
  int status = 0;  ///< 0 iterating, 1 converged, -1 failed
  T r0 = T(0);     ///< residual norm at the predictor
  T rn = T(0);     ///< latest residual norm
};

/// Convergence test after a residual evaluation (also at the predictor, its == 0).
template <typename T>
inline void
nt_check(NtState<T> & s, int n, const T * r, T atol, T rtol, int max_its)
{
  const T nr = nt_norm(n, r);
  if (s.its == 0)
    s.r0 = nr;
  s.rn = nr;
  if (!std::isfinite(nr))
    s.status = -1;
  else if (nr < atol || nr / s.r0 < rtol)
    s.status = 1;
  else if (s.its >= max_its)
    s.status = -1;
}

/// One Newton update x -= J^{-1} r (J and r are overwritten). Marks failure when J is singular.
template <typename T>
inline void
nt_step(NtState<T> & s, int n, T * x, T * J, T * r)
{
  if (!nt_lu_solve(n, 1, J, r))
  {
    s.status = -1;
    return;
  }
  for (int i = 0; i < n; ++i)
    x[i] = x[i] - r[i];
  s.its = s.its + 1;
}
} // namespace neml2_ops
