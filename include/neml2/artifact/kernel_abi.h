/* The C ABI between a neml2 kernel library and whatever loads it (doc/compile.md, "The C ABI").
 *
 * Plain C, so that any caller can use it: the neml2 runtime, a finite-element code in C or C++,
 * Fortran through iso_c_binding. neml2-compile copies this text into every generated source,
 * which checks each entry it defines against these types at compile time; the runtime calls the
 * entries through them. Change it only together with NEML2_KERNEL_ABI_VERSION: artifacts record
 * the version they were built for and loaders refuse any other.
 *
 * Per entry `<symbol>` (neml2_<model>_forward, _jvp, _jacobian), with T = double or float as the
 * artifact's metadata says:
 *   args[i]     argument i (metadata order), component c of point p at
 *               args[i][p * arg_strides[i] * ncomp_i + c]; arg_strides[i] is 1 (per point) or 0
 *               (one value for all points)
 *   outs[j]     output j, point-major: outs[j][p * ncomp_j + c]
 *   returns     the number of points whose implicit solve failed (0 for explicit models), or -1
 *               when the arguments are invalid (n < 0, or a null array or pointer), in which
 *               case nothing is read or written
 */
#ifndef NEML2_KERNEL_ABI_H
#define NEML2_KERNEL_ABI_H

#include <stdint.h>

#define NEML2_KERNEL_ABI_VERSION 6

/* CPU: `<symbol>`, evaluates points 0 .. n-1. */
typedef int (*neml2_entry_f64)(int64_t n, const double * const * args, const int64_t * arg_strides,
                               double * const * outs);
typedef int (*neml2_entry_f32)(int64_t n, const float * const * args, const int64_t * arg_strides,
                               float * const * outs);

/* CPU: `<symbol>_range` evaluates points first .. last-1 of n, on the calling thread only: how a
 * caller spreads one batch over its own threads. first must be a multiple of the entry's
 * alignment, `<symbol>_range_align()` (1 for kernels that walk points one by one, the lane width
 * for kernels that work on tiles of points), and last one too, or n. Every entry's alignment
 * divides NEML2_KERNEL_RANGE_ALIGN, so ranges aligned to it suit any entry.
 * Returns as `<symbol>` does, and -1 for a range that breaks these rules. */
#define NEML2_KERNEL_RANGE_ALIGN 64
typedef int64_t (*neml2_range_align)(void);
typedef int (*neml2_range_f64)(int64_t n, int64_t first, int64_t last, const double * const * args,
                               const int64_t * arg_strides, double * const * outs);
typedef int (*neml2_range_f32)(int64_t n, int64_t first, int64_t last, const float * const * args,
                               const int64_t * arg_strides, float * const * outs);

/* CPU: `<symbol>_status` evaluates again, point by point, and reports: iterations[p] = the Newton
 * updates of point p's implicit solves (sub-steps included), or -1 where one failed, with that
 * solve's residual norm in rnorm[p] (0 elsewhere); substeps[p] = the most pieces one of its solves
 * cut the step into (1: none; 0 where one failed). Does nothing when the arguments are invalid. */
typedef void (*neml2_status_f64)(int64_t n, const double * const * args, const int64_t * arg_strides,
                                 double * const * outs, int32_t * iterations, int32_t * substeps, double * rnorm);
typedef void (*neml2_status_f32)(int64_t n, const float * const * args, const int64_t * arg_strides,
                                 float * const * outs, int32_t * iterations, int32_t * substeps, double * rnorm);

/* CUDA: `<symbol>` queues the points on `stream` (a cudaStream_t). args and outs are host arrays
 * of device pointers, `failed` an optional device counter of points whose solve failed. Returns
 * 0 once queued, else the cudaError_t. `<symbol>_status` is the CPU one's twin on the device. */
typedef int (*neml2_cuda_entry_f64)(int64_t n, const double * const * args, const int64_t * arg_strides,
                                    double * const * outs, int32_t * failed, void * stream);
typedef int (*neml2_cuda_entry_f32)(int64_t n, const float * const * args, const int64_t * arg_strides,
                                    float * const * outs, int32_t * failed, void * stream);
typedef int (*neml2_cuda_status_f64)(int64_t n, const double * const * args, const int64_t * arg_strides,
                                     double * const * outs, int32_t * iterations, int32_t * substeps, double * rnorm,
                                     void * stream);
typedef int (*neml2_cuda_status_f32)(int64_t n, const float * const * args, const int64_t * arg_strides,
                                     float * const * outs, int32_t * iterations, int32_t * substeps, double * rnorm,
                                     void * stream);

/* The same five with T erased: how a loader that reads the dtype from the metadata holds either
 * (the pointers it passes have the metadata's T). */
typedef int (*neml2_entry)(int64_t n, const void * const * args, const int64_t * arg_strides, void * const * outs);
typedef int (*neml2_range)(int64_t n, int64_t first, int64_t last, const void * const * args,
                           const int64_t * arg_strides, void * const * outs);
typedef void (*neml2_status)(int64_t n, const void * const * args, const int64_t * arg_strides, void * const * outs,
                             int32_t * iterations, int32_t * substeps, double * rnorm);
typedef int (*neml2_cuda_entry)(int64_t n, const void * const * args, const int64_t * arg_strides, void * const * outs,
                                int32_t * failed, void * stream);
typedef int (*neml2_cuda_status)(int64_t n, const void * const * args, const int64_t * arg_strides, void * const * outs,
                                 int32_t * iterations, int32_t * substeps, double * rnorm, void * stream);

/* Per library: `<prefix>_<role>_signature` returns the signature stored in the metadata. */
typedef const char * (*neml2_signature)(void);

#endif /* NEML2_KERNEL_ABI_H */
