/*
 * The C interface (neml2/c_api.h) from a C11 program, as a C caller uses it:
 *
 *   test_c_api ELASTICITY_DIR IMPLICIT_DIR
 *
 * ELASTICITY_DIR: examples/elasticity/input.i compiled with -p E -d stress:strain -d stress:E (E = 200e3, nu = 0.3).
 * IMPLICIT_DIR: examples/plasticity/viscoplasticity_isoharden.i compiled without derivatives.
 * Checks the slots, forward against Hooke's law, the Jacobian against the closed-form stiffness
 * and central differences of forward, promoted parameters, a failed implicit solve, and the
 * errors. Prints each failed check and exits 1 if any failed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "neml2/c_api.h"

static int failures = 0;

#define CHECK(cond, ...)                                                \
  do                                                                    \
  {                                                                     \
    if (!(cond))                                                        \
    {                                                                   \
      ++failures;                                                       \
      fprintf(stderr, "FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                     \
      fprintf(stderr, "\n");                                            \
    }                                                                   \
  } while (0)

static const char *
last_error(void)
{
  static char buffer[4096];
  neml2_last_error(buffer, sizeof buffer);
  return buffer;
}

/* σ = λ tr(ε) I + 2μ ε in Mandel notation (the shear components scale alike). */
static void
hooke(const double * strain, double E, double nu, double * stress)
{
  const double lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
  const double mu = E / (2 * (1 + nu));
  const double tr = strain[0] + strain[1] + strain[2];
  for (int i = 0; i < 6; ++i)
    stress[i] = 2 * mu * strain[i] + (i < 3 ? lambda * tr : 0.0);
}

static int
close_to(double a, double b, double rtol, double atol)
{
  return fabs(a - b) <= atol + rtol * fabs(b);
}

static void
test_elasticity(const char * dir)
{
  neml2_model * m = NULL;
  int rc = neml2_model_load(dir, NULL, &m);
  CHECK(rc == NEML2_OK && m, "load %s: %d %s", dir, rc, last_error());
  if (!m)
    return;
  CHECK(neml2_model_dtype(m) == NEML2_FLOAT64, "dtype %d", neml2_model_dtype(m));
  CHECK(neml2_model_count(m, NEML2_INPUT) == 1, "%lld inputs", (long long)neml2_model_count(m, NEML2_INPUT));
  CHECK(strcmp(neml2_model_name(m, NEML2_INPUT, 0), "strain") == 0, "input %s", neml2_model_name(m, NEML2_INPUT, 0));
  CHECK(neml2_model_size(m, NEML2_INPUT, 0) == 6, "input size %lld", (long long)neml2_model_size(m, NEML2_INPUT, 0));
  CHECK(neml2_model_count(m, NEML2_OUTPUT) == 1 && strcmp(neml2_model_name(m, NEML2_OUTPUT, 0), "stress") == 0,
        "outputs");
  CHECK(neml2_model_count(m, NEML2_PARAMETER) == 1 && strcmp(neml2_model_name(m, NEML2_PARAMETER, 0), "E") == 0 &&
            neml2_model_size(m, NEML2_PARAMETER, 0) == 1,
        "parameters");

  /* The Jacobian's slots: stress, then d(stress)/d(strain) (6 x 6) and d(stress)/d(E) (6 x 1). */
  const int64_t nj = neml2_model_count(m, NEML2_JACOBIAN);
  CHECK(nj == 3, "%lld jacobian slots", (long long)nj);
  int i_strain = -1, i_E = -1;
  for (int64_t j = 0; j < nj; ++j)
  {
    const char * wrt = neml2_model_wrt(m, j);
    CHECK(strcmp(neml2_model_name(m, NEML2_JACOBIAN, j), "stress") == 0, "slot %lld", (long long)j);
    if (strcmp(wrt, "") == 0)
      CHECK(j == 0 && neml2_model_size(m, NEML2_JACOBIAN, j) == 6, "value slot %lld", (long long)j);
    else if (strcmp(wrt, "strain") == 0)
      i_strain = (int)j;
    else if (strcmp(wrt, "E") == 0)
      i_E = (int)j;
  }
  CHECK(i_strain > 0 && neml2_model_size(m, NEML2_JACOBIAN, i_strain) == 36, "d stress / d strain slot");
  CHECK(i_E > 0 && neml2_model_size(m, NEML2_JACOBIAN, i_E) == 6, "d stress / d E slot");
  if (i_strain < 0 || i_E < 0)
  {
    neml2_model_free(m);
    return;
  }

  /* forward: two points against Hooke's law. */
  enum
  {
    n = 2
  };
  double strain[6 * n] = {0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0.001, 0.0004, -0.0003, 0.001};
  double stress[6 * n], expected[6];
  const void * inputs[] = {strain};
  void * outputs[] = {stress};
  rc = neml2_model_forward(m, n, inputs, NULL, NULL, outputs);
  CHECK(rc == NEML2_OK, "forward: %d %s", rc, last_error());
  for (int p = 0; p < n; ++p)
  {
    hooke(strain + 6 * p, 200e3, 0.3, expected);
    for (int c = 0; c < 6; ++c)
      CHECK(close_to(stress[6 * p + c], expected[c], 1e-14, 1e-12), "stress[%d][%d] = %.17g, Hooke: %.17g", p, c,
            stress[6 * p + c], expected[c]);
  }

  /* One strain for both points (stride 0). */
  const int64_t uniform[] = {0};
  rc = neml2_model_forward(m, n, inputs, uniform, NULL, outputs);
  CHECK(rc == NEML2_OK && memcmp(stress, stress + 6, 6 * sizeof(double)) == 0, "stride 0: %d %s", rc, last_error());

  /* jacobian: values equal forward's, blocks against the closed form and central differences. */
  double value[6 * n], dstrain[36 * n], dE[6 * n];
  void * jouts[3];
  jouts[0] = value;
  jouts[i_strain] = dstrain;
  jouts[i_E] = dE;
  rc = neml2_model_jacobian(m, n, inputs, NULL, NULL, jouts);
  CHECK(rc == NEML2_OK, "jacobian: %d %s", rc, last_error());
  rc = neml2_model_forward(m, n, inputs, NULL, NULL, outputs);
  CHECK(rc == NEML2_OK && memcmp(value, stress, sizeof value) == 0, "jacobian's values differ from forward's");
  const double E = 200e3, nu = 0.3, h = 1e-6;
  for (int p = 0; p < n; ++p)
  {
    double unit[6] = {0}, column[6], plus[6], minus[6], shifted[6 * n];
    for (int k = 0; k < 6; ++k)
    {
      memset(unit, 0, sizeof unit);
      unit[k] = 1;
      hooke(unit, E, nu, column); /* the stiffness's column k */
      memcpy(shifted, strain, sizeof strain);
      shifted[6 * p + k] += h;
      const void * sin[] = {shifted};
      void * sout[] = {plus};
      double both[6 * n];
      sout[0] = both;
      neml2_model_forward(m, n, sin, NULL, NULL, sout);
      memcpy(plus, both + 6 * p, sizeof plus);
      shifted[6 * p + k] -= 2 * h;
      neml2_model_forward(m, n, sin, NULL, NULL, sout);
      memcpy(minus, both + 6 * p, sizeof minus);
      for (int i = 0; i < 6; ++i)
      {
        const double d = dstrain[36 * p + 6 * i + k];
        CHECK(close_to(d, column[i], 1e-13, 1e-9), "dstress[%d]/dstrain[%d] at point %d: %.17g, closed form %.17g", i,
              k, p, d, column[i]);
        CHECK(close_to(d, (plus[i] - minus[i]) / (2 * h), 1e-6, 1e-3), "dstress[%d]/dstrain[%d]: %.17g, FD %.17g", i, k,
              d, (plus[i] - minus[i]) / (2 * h));
      }
    }
    /* σ is linear in E at fixed ν: dσ/dE = σ / E. */
    for (int i = 0; i < 6; ++i)
      CHECK(close_to(dE[6 * p + i], stress[6 * p + i] / E, 1e-13, 1e-15), "dstress[%d]/dE at point %d: %.17g vs %.17g",
            i, p, dE[6 * p + i], stress[6 * p + i] / E);
  }

  /* Promoted parameter: read it, set one value, then one per point. */
  double got[4] = {0};
  CHECK(neml2_model_get_parameter(m, "E", 4, got) == 1 && got[0] == 200e3, "get E: %g %s", got[0], last_error());
  const double E2 = 100e3;
  rc = neml2_model_set_parameter(m, "E", 1, &E2);
  CHECK(rc == NEML2_OK, "set E: %d %s", rc, last_error());
  neml2_model_forward(m, n, inputs, NULL, NULL, outputs);
  hooke(strain, E2, 0.3, expected);
  for (int c = 0; c < 6; ++c)
    CHECK(close_to(stress[c], expected[c], 1e-14, 1e-12), "E = 100e3: stress[%d] = %.17g, Hooke %.17g", c, stress[c],
          expected[c]);
  const double Es[n] = {50e3, 300e3};
  rc = neml2_model_set_parameter(m, "E", n, Es);
  CHECK(rc == NEML2_OK, "set E per point: %d %s", rc, last_error());
  neml2_model_forward(m, n, inputs, NULL, NULL, outputs);
  for (int p = 0; p < n; ++p)
  {
    hooke(strain + 6 * p, Es[p], 0.3, expected);
    for (int c = 0; c < 6; ++c)
      CHECK(close_to(stress[6 * p + c], expected[c], 1e-14, 1e-12), "E per point: stress[%d][%d]", p, c);
  }
  /* Parameters given with the call: used for it, and the model's own (per point) left as they were. */
  const double E3 = 70e3;
  const void * call_parameters[] = {&E3};
  rc = neml2_model_forward(m, n, inputs, NULL, call_parameters, outputs);
  CHECK(rc == NEML2_OK, "forward with call parameters: %d %s", rc, last_error());
  for (int p = 0; p < n; ++p)
  {
    hooke(strain + 6 * p, E3, 0.3, expected);
    for (int c = 0; c < 6; ++c)
      CHECK(close_to(stress[6 * p + c], expected[c], 1e-14, 1e-12), "E = 70e3 with the call: stress[%d][%d]", p, c);
  }
  CHECK(neml2_model_get_parameter(m, "E", 4, got) == n && got[0] == Es[0] && got[1] == Es[1],
        "the call's parameters changed the model's: %g %g", got[0], got[1]);
  const void * null_parameter[] = {NULL};
  CHECK(neml2_model_forward(m, n, inputs, NULL, null_parameter, outputs) == NEML2_ERROR_ARGUMENT &&
            strstr(last_error(), "parameters[0]"),
        "a NULL parameter value: %s", last_error());
  CHECK(neml2_model_get_parameter(m, "E", 1, got) == NEML2_ERROR_ARGUMENT && strstr(last_error(), "capacity"),
        "get E into too small a buffer: %s", last_error());
  CHECK(neml2_model_forward(m, 3, inputs, NULL, NULL, outputs) == NEML2_ERROR_ARGUMENT &&
            strstr(last_error(), "'E' has 2 values, but the call has 3 points"),
        "per-point E with another batch size: %s", last_error());

  /* Errors: each with its code and a message naming what to fix. */
  CHECK(neml2_model_set_parameter(m, "Young", 1, &E2) == NEML2_ERROR_NAME && strstr(last_error(), "promoted: E"),
        "unknown parameter: %s", last_error());
  CHECK(neml2_model_set_parameter(m, "E", 0, &E2) == NEML2_ERROR_ARGUMENT, "npoints 0: %s", last_error());
  CHECK(neml2_model_name(m, NEML2_INPUT, 1) == NULL && strstr(last_error(), "out of range"), "index 1: %s",
        last_error());
  CHECK(neml2_model_size(m, NEML2_OUTPUT, -1) == NEML2_ERROR_ARGUMENT, "index -1");
  CHECK(neml2_model_count(NULL, NEML2_INPUT) == NEML2_ERROR_ARGUMENT && strstr(last_error(), "NULL"), "NULL model");
  CHECK(neml2_model_forward(m, -1, inputs, NULL, NULL, outputs) == NEML2_ERROR_ARGUMENT && strstr(last_error(), ">= 0"),
        "n = -1: %s", last_error());
  const void * null_inputs[] = {NULL};
  CHECK(neml2_model_forward(m, n, null_inputs, NULL, NULL, outputs) == NEML2_ERROR_ARGUMENT &&
            strstr(last_error(), "input 'strain'"),
        "a NULL input: %s", last_error());
  const int64_t bad_stride[] = {2};
  CHECK(neml2_model_forward(m, n, inputs, bad_stride, NULL, outputs) == NEML2_ERROR_ARGUMENT, "stride 2: %s",
        last_error());

  /* The message is truncated to the buffer, and its full length returned. */
  char small[8];
  const size_t length = neml2_last_error(small, sizeof small);
  CHECK(length > sizeof small && strlen(small) == sizeof small - 1, "truncation: %zu '%s'", length, small);
  neml2_model_free(m);
}

static void
test_implicit(const char * dir)
{
  neml2_model * m = NULL;
  int rc = neml2_model_load(dir, "cpu", &m);
  CHECK(rc == NEML2_OK && m, "load %s: %d %s", dir, rc, last_error());
  if (!m)
    return;
  CHECK(neml2_model_count(m, NEML2_JACOBIAN) == 0, "an artifact without -d has no jacobian slots");

  /* Two points: point 0 a NaN strain (its solve fails), point 1 at rest one second later. */
  enum
  {
    n = 2,
    max_slots = 16
  };
  const int64_t nin = neml2_model_count(m, NEML2_INPUT), nout = neml2_model_count(m, NEML2_OUTPUT);
  CHECK(nin > 0 && nin <= max_slots && nout > 0 && nout <= max_slots, "%lld inputs, %lld outputs", (long long)nin,
        (long long)nout);
  double * in[max_slots] = {0};
  double * out[max_slots] = {0};
  for (int64_t i = 0; i < nin; ++i)
  {
    const int64_t k = neml2_model_size(m, NEML2_INPUT, i);
    in[i] = calloc((size_t)(k * n), sizeof(double));
    const char * name = neml2_model_name(m, NEML2_INPUT, i);
    if (strcmp(name, "t") == 0)
      in[i][0] = in[i][1] = 1;
    if (strcmp(name, "E") == 0)
      in[i][0] = NAN;
  }
  for (int64_t j = 0; j < nout; ++j)
    out[j] = calloc((size_t)(neml2_model_size(m, NEML2_OUTPUT, j) * n), sizeof(double));
  rc = neml2_model_forward(m, n, (const void * const *)in, NULL, NULL, (void * const *)out);
  CHECK(rc == 1, "one failed point: rc = %d %s", rc, last_error());
  CHECK(strstr(last_error(), "failed at 1 of 2 point(s)") && strstr(last_error(), "point 0"), "message: %s",
        last_error());
  for (int64_t j = 0; j < nout; ++j)
  {
    const int64_t k = neml2_model_size(m, NEML2_OUTPUT, j);
    for (int64_t c = 0; c < k; ++c)
    {
      CHECK(isnan(out[j][c]), "output %s[%lld] of the failed point is %g", neml2_model_name(m, NEML2_OUTPUT, j),
            (long long)c, out[j][c]);
      CHECK(out[j][k + c] == 0, "output %s[%lld] of the point at rest is %g", neml2_model_name(m, NEML2_OUTPUT, j),
            (long long)c, out[j][k + c]);
    }
  }
  rc = neml2_model_jacobian(m, n, (const void * const *)in, NULL, NULL, (void * const *)out);
  CHECK(rc == NEML2_ERROR_NO_DERIVATIVES && strstr(last_error(), "-d"), "jacobian without -d: %d %s", rc, last_error());
  for (int64_t i = 0; i < nin; ++i)
    free(in[i]);
  for (int64_t j = 0; j < nout; ++j)
    free(out[j]);
  neml2_model_free(m);
}

static void
test_load_errors(const char * dir)
{
  neml2_model * m = (neml2_model *)&failures; /* must be reset to NULL on failure */
  CHECK(neml2_model_load("/nonexistent/artifact", NULL, &m) == NEML2_ERROR_ARTIFACT && m == NULL &&
            strstr(last_error(), "/nonexistent/artifact"),
        "a missing folder: %s", last_error());
  CHECK(neml2_model_load(dir, "tpu", &m) == NEML2_ERROR_DEVICE && strstr(last_error(), "tpu"), "device tpu: %s",
        last_error());
  CHECK(neml2_model_load(NULL, NULL, &m) == NEML2_ERROR_ARGUMENT, "NULL folder");
  CHECK(neml2_model_load(dir, NULL, NULL) == NEML2_ERROR_ARGUMENT, "NULL out");
  neml2_model_free(NULL);
}

int
main(int argc, char ** argv)
{
  if (argc != 3)
  {
    fprintf(stderr, "usage: test_c_api ELASTICITY_DIR IMPLICIT_DIR\n");
    return 2;
  }
  test_elasticity(argv[1]);
  test_implicit(argv[2]);
  test_load_errors(argv[1]);
  if (failures)
  {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C API: every check passed (API version %d)\n", NEML2_C_API_VERSION);
  return 0;
}
