/*
 * neml2/c_api.h: compiled models for C and Fortran callers.
 *
 * A plain C interface (C99, no C++ headers) to the runtime: load an artifact folder written by
 * neml2-compile, ask what it takes and returns, set its promoted parameters, and evaluate it
 * (outputs, or outputs and derivative blocks) into buffers the caller owns. Link libneml2_c_api
 * (CMake: neml2::c_api). The Fortran module `neml2_c` (neml2_c_api.f90, installed as
 * neml2_c.mod) binds the same functions with iso_c_binding.
 *
 * Conventions:
 * - Every function that can fail returns an int status: NEML2_OK (0) on success, a negative
 *   NEML2_ERROR_* code on failure, in which case neml2_last_error() holds the message (per
 *   thread: the latest failed call of the calling thread). Evaluations return a positive number
 *   instead when implicit solves failed at that many points: every output is written, NaN at
 *   the failed points, and neml2_last_error() names them and why (a finite-element caller cuts
 *   its increment).
 * - Numbers are in the artifact's dtype (neml2_model_dtype: double for NEML2_FLOAT64, float for
 *   NEML2_FLOAT32). Arrays are point-major: component c of point p of a variable with k
 *   components per point is at [p * k + c] (a Fortran array dimensioned (k, n)). Tensors are in
 *   Mandel notation, as in the input file's models.
 * - `inputs` holds one pointer per input variable in neml2_model_name(model, NEML2_INPUT, i)
 *   order; `strides` one entry per input, 1 (n values) or 0 (one value for all points), or NULL
 *   for all 1. `outputs` holds one caller-owned buffer per output slot.
 * - A model may be called from several threads at once; loading, freeing and setting
 *   parameters must not overlap a call on the same model.
 */
#ifndef NEML2_C_API_H
#define NEML2_C_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

/** The version of this interface (bumped when a function changes). */
#define NEML2_C_API_VERSION 1

/** Status codes. Positive values from an evaluation count points whose implicit solve failed. */
enum
{
  NEML2_OK = 0,
  NEML2_ERROR_ARGUMENT = -1,       /**< a null pointer, an index or count out of range, a wrong size */
  NEML2_ERROR_ARTIFACT = -2,       /**< the folder is not a loadable artifact (missing, tampered, stale ABI) */
  NEML2_ERROR_DEVICE = -3,         /**< the device is unknown or not available */
  NEML2_ERROR_NAME = -4,           /**< no variable or parameter of that name */
  NEML2_ERROR_NO_DERIVATIVES = -5, /**< jacobian asked of an artifact compiled without -d */
  NEML2_ERROR_INTERNAL = -6        /**< anything else (out of memory, a bug: please report it) */
};

/** Floating-point types of artifacts. */
enum
{
  NEML2_FLOAT64 = 1,
  NEML2_FLOAT32 = 2
};

/** What an index refers to in neml2_model_count / _name / _size. */
typedef enum
{
  NEML2_INPUT = 0,     /**< input variables (arguments of forward and jacobian) */
  NEML2_OUTPUT = 1,    /**< output variables (what forward writes) */
  NEML2_PARAMETER = 2, /**< promoted parameters (neml2-compile -p) */
  NEML2_JACOBIAN = 3   /**< what jacobian writes: the output values, then the derivative blocks */
} neml2_slot;

/** A loaded compiled model (opaque). */
typedef struct neml2_model neml2_model;

/**
 * Copies the calling thread's latest error message into `buffer` (NUL-terminated, truncated to
 * `size` bytes; nothing is written when `buffer` is NULL or `size` is 0) and returns the full
 * message's length in bytes (0: no error yet).
 */
size_t neml2_last_error(char * buffer, size_t size);

/**
 * Loads the artifact at `artifact_dir` (neml2-compile's `<out>/<model>` folder, or one of its
 * device folders) for `device` ("cpu", or NULL for "cpu"; "cuda" loads the GPU build, whose
 * evaluations take device pointers). On success `*model` is the new model.
 */
int neml2_model_load(const char * artifact_dir, const char * device, neml2_model ** model);

/** Frees a model (NULL is ignored). */
void neml2_model_free(neml2_model * model);

/** NEML2_FLOAT64 or NEML2_FLOAT32; negative on a NULL model. */
int neml2_model_dtype(const neml2_model * model);

/** The number of slots of a kind, or a negative status. */
int64_t neml2_model_count(const neml2_model * model, neml2_slot kind);

/**
 * The name of slot `index` of a kind (NUL-terminated, owned by the model), or NULL on a bad
 * argument. NEML2_JACOBIAN slots are named by their output variable; for a derivative block,
 * neml2_model_wrt names the input (or parameter) it is taken with respect to.
 */
const char * neml2_model_name(const neml2_model * model, neml2_slot kind, int64_t index);

/** For NEML2_JACOBIAN slot `index`: the input of a derivative block, "" for an output value, NULL on a bad argument. */
const char * neml2_model_wrt(const neml2_model * model, int64_t index);

/**
 * The number of values per point of slot `index` (6 for a symmetric tensor; a derivative block
 * of a 6-component output by a 6-component input has 36, row-major), or a negative status.
 */
int64_t neml2_model_size(const neml2_model * model, neml2_slot kind, int64_t index);

/**
 * Sets promoted parameter `name` (qualified, or its last part when that is unique) to `npoints`
 * values: 1 (the same for all points) or the number of points of every later call; `values`
 * holds npoints * neml2_model_size(model, NEML2_PARAMETER, i) numbers in the model's dtype.
 */
int neml2_model_set_parameter(neml2_model * model, const char * name, int64_t npoints, const void * values);

/**
 * Copies promoted parameter `name` into `values` when it holds at least npoints * size numbers
 * (`capacity`, in numbers), and returns npoints (1 for one value for all points), or a negative
 * status (NEML2_ERROR_ARGUMENT, with nothing copied, when `capacity` is too small).
 */
int64_t neml2_model_get_parameter(const neml2_model * model, const char * name, int64_t capacity, void * values);

/**
 * Evaluates `n` points: `outputs` holds neml2_model_count(model, NEML2_OUTPUT) buffers of
 * n * size numbers each. `parameters` is NULL (the model's promoted parameters, as set) or one
 * pointer per promoted parameter in NEML2_PARAMETER order, each to one value for all points
 * (size numbers): what concurrent callers with different parameters pass, since it changes
 * nothing in the model. Returns NEML2_OK, the number of points whose solve failed, or a
 * negative status.
 */
int neml2_model_forward(const neml2_model * model, int64_t n, const void * const * inputs, const int64_t * strides,
                        const void * const * parameters, void * const * outputs);

/**
 * Evaluates `n` points with derivatives (artifacts compiled with -d OUT:IN): `outputs` holds
 * neml2_model_count(model, NEML2_JACOBIAN) buffers, the output values then the derivative
 * blocks, each n * size numbers. The other arguments and the result are neml2_model_forward's.
 */
int neml2_model_jacobian(const neml2_model * model, int64_t n, const void * const * inputs, const int64_t * strides,
                         const void * const * parameters, void * const * outputs);

#ifdef __cplusplus
}
#endif

#endif /* NEML2_C_API_H */
