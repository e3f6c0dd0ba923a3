// neml2-compile --interface umat: the Abaqus UMAT subroutine of a compiled model, as C source
// over the C interface (neml2/c_api.h). Abaqus's calling convention (argument list, Voigt order
// 11 22 33 12 13 23, engineering shear strains, DDSDDE, PNEWDT) is that of the Abaqus User
// Subroutines Reference Guide, "UMAT".
#include "neml2/codegen/umat.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/base/error.h"

namespace neml2::codegen
{
namespace
{
const aoti::VariableInfo *
find(const std::vector<aoti::VariableInfo> & vs, const std::string & name)
{
  const auto it = std::find_if(vs.begin(), vs.end(), [&](const auto & v) { return v.name == name; });
  return it == vs.end() ? nullptr : &*it;
}

std::int64_t
size_of(const aoti::VariableInfo & v)
{
  return numel(v.base_shape) * numel(v.sub_batch_shape);
}

bool
is_old(const std::string & name)
{
  return name.size() > 2 && name.ends_with("~1");
}

std::string
current(const std::string & name)
{
  return name.substr(0, name.size() - 2);
}

/// Replaces every "@KEY@" of `text`.
std::string
fill(std::string text, const std::vector<std::pair<std::string, std::string>> & values)
{
  for (const auto & [key, value] : values)
  {
    const auto token = "@" + key + "@";
    for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
      text.replace(at, token.size(), value);
  }
  return text;
}

std::string
c_string(const std::string & s)
{
  std::string out = "\"";
  for (const char c : s)
  {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

// The subroutine. Per call: Abaqus's arrays -> the model's inputs (Mandel), one point through
// neml2_model_jacobian, the outputs -> STRESS, STATEV and DDSDDE (Voigt, engineering shear).
const char * const umat_template = R"UMAT(/*
 * Abaqus UMAT for the compiled model '@MODEL@', written by neml2-compile --interface umat.
 * Do not edit: recompile the model instead.
 *
 * It evaluates the artifact folder @ARTIFACT_COMMENT@
 * (or the folder named by the environment variable NEML2_UMAT_ARTIFACT) through the C interface.
 * Build it with the code that calls it, and link libneml2_c_api:
 *
 *   cc -O2 -c @MODEL@_umat.c -I<neml2 prefix>/include
 *   gfortran ... @MODEL@_umat.o -L<neml2 prefix>/lib -lneml2_c_api -Wl,-rpath,<neml2 prefix>/lib
 *
 * The STATEV and PROPS layout is in @MODEL@_umat.txt. Tensors: Abaqus's Voigt order (11 22 33 12
 * 13 23, engineering shear strains) is converted to the model's Mandel notation and back.
 * Supported: NDI = 3 with NSHR = 3 (3-D) or NSHR = 1 (plane strain, axisymmetric). A point whose
 * implicit update fails sets PNEWDT = 0.5 (a smaller increment) and leaves STRESS and STATEV as
 * they were. SSE, SPD, SCD, RPL and the thermal derivatives are not computed (left unchanged).
 * A configuration error (artifact not found, NSTATV or NPROPS too small) prints a message and
 * stops: exit(1), or under Abaqus, compiled with -DNEML2_UMAT_FATAL=xit_, Abaqus's XIT.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include @C_API_HEADER@

#ifdef NEML2_UMAT_FATAL
void NEML2_UMAT_FATAL(void);
#define stop_analysis() NEML2_UMAT_FATAL()
#else
#define stop_analysis() exit(1)
#endif

#define NSTATV_USED @NSTATV@
#define NPROPS_USED @NPROPS@
#define MAX_SLOTS 64
#define MAX_VALUES 4096

/* STATEV: the model's outputs other than the stress; history ones are read back as <name>~1. */
static const struct
{
  const char * name;
  int size, offset, history;
} statev_slots[] = {
@STATEV_TABLE@};
/* PROPS: the promoted parameters, in the artifact's order. */
static const struct
{
  const char * name;
  int size, offset;
} props_slots[] = {
@PROPS_TABLE@};

static neml2_model * model;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
/* Resolved at load: where each input comes from, where each Jacobian slot goes. */
enum source
{
  FROM_STRAIN,
  FROM_STRAIN_OLD,
  FROM_TIME,
  FROM_TIME_OLD,
  FROM_TEMP,
  FROM_TEMP_OLD,
  FROM_STRESS_OLD,
  FROM_STATEV
};
static int ninputs, input_source[MAX_SLOTS], input_offset[MAX_SLOTS], input_size[MAX_SLOTS];
static int nslots, slot_is_stress[MAX_SLOTS], slot_statev[MAX_SLOTS], slot_size[MAX_SLOTS], tangent_slot = -1;

static void
fatal(const char * what)
{
  fprintf(stderr, "neml2 umat (model '@MODEL@'): %s\n", what);
  fflush(stderr);
  stop_analysis();
}

static void
fatal_from_neml2(void)
{
  char message[4096];
  neml2_last_error(message, sizeof message);
  fatal(message);
}

static int
statev_index(const char * name)
{
  for (int k = 0; k < (int)(sizeof statev_slots / sizeof statev_slots[0]); ++k)
    if (statev_slots[k].name && strcmp(statev_slots[k].name, name) == 0)
      return k;
  return -1;
}

static void
load(void)
{
  const char * dir = getenv("NEML2_UMAT_ARTIFACT");
  if (neml2_model_load(dir && *dir ? dir : @ARTIFACT@, "cpu", &model) != NEML2_OK)
  {
    model = NULL;
    return;
  }
  ninputs = (int)neml2_model_count(model, NEML2_INPUT);
  nslots = (int)neml2_model_count(model, NEML2_JACOBIAN);
  if (ninputs > MAX_SLOTS || nslots > MAX_SLOTS)
    goto mismatch;
  for (int i = 0; i < ninputs; ++i)
  {
    const char * name = neml2_model_name(model, NEML2_INPUT, i);
    input_size[i] = (int)neml2_model_size(model, NEML2_INPUT, i);
    input_offset[i] = 0;
    if (strcmp(name, @STRAIN@) == 0)
      input_source[i] = FROM_STRAIN;
    else if (strcmp(name, @STRAIN@ "~1") == 0)
      input_source[i] = FROM_STRAIN_OLD;
    else if (strcmp(name, "t") == 0 && @HAS_TIME@)
      input_source[i] = FROM_TIME;
    else if (strcmp(name, "t~1") == 0 && @HAS_TIME@)
      input_source[i] = FROM_TIME_OLD;
    else if (strcmp(name, "T") == 0 && @HAS_TEMP@)
      input_source[i] = FROM_TEMP;
    else if (strcmp(name, "T~1") == 0 && @HAS_TEMP@)
      input_source[i] = FROM_TEMP_OLD;
    else if (strcmp(name, "stress~1") == 0)
      input_source[i] = FROM_STRESS_OLD;
    else
    {
      char current[256];
      const size_t n = strlen(name);
      if (n < 3 || n - 2 >= sizeof current || strcmp(name + n - 2, "~1") != 0)
        goto mismatch;
      memcpy(current, name, n - 2);
      current[n - 2] = '\0';
      const int k = statev_index(current);
      if (k < 0 || !statev_slots[k].history)
        goto mismatch;
      input_source[i] = FROM_STATEV;
      input_offset[i] = statev_slots[k].offset;
    }
  }
  for (int j = 0; j < nslots; ++j)
  {
    const char * name = neml2_model_name(model, NEML2_JACOBIAN, j);
    const char * wrt = neml2_model_wrt(model, j);
    slot_size[j] = (int)neml2_model_size(model, NEML2_JACOBIAN, j);
    slot_is_stress[j] = strcmp(name, "stress") == 0 && wrt[0] == '\0';
    slot_statev[j] = wrt[0] == '\0' ? statev_index(name) : -1;
    if (strcmp(name, "stress") == 0 && strcmp(wrt, @STRAIN@) == 0)
      tangent_slot = j;
  }
  if (tangent_slot < 0)
    goto mismatch;
  return;
mismatch:
  fprintf(stderr, "neml2 umat (model '@MODEL@'): the artifact's variables are not the ones this umat was "
                  "written for; recompile the model with neml2-compile --interface umat\n");
  neml2_model_free(model);
  model = NULL;
}

/* Abaqus component k (11 22 33 12 13 23) is Mandel component mandel_of[k]; shear ones scale by sqrt(2). */
static const int mandel_of[6] = {0, 1, 2, 5, 4, 3};

static void
strain_to_mandel(const double * voigt, int ntens, double * mandel)
{
  /* engineering shear gamma = 2 eps_ij; Mandel holds sqrt(2) eps_ij = gamma / sqrt(2) */
  for (int c = 0; c < 6; ++c)
    mandel[c] = 0;
  for (int k = 0; k < ntens; ++k)
    mandel[mandel_of[k]] = k < 3 ? voigt[k] : voigt[k] / sqrt(2.0);
}

static void
stress_to_mandel(const double * voigt, int ntens, double * mandel)
{
  for (int c = 0; c < 6; ++c)
    mandel[c] = 0;
  for (int k = 0; k < ntens; ++k)
    mandel[mandel_of[k]] = k < 3 ? voigt[k] : voigt[k] * sqrt(2.0);
}

void
umat_(double * stress, double * statev, double * ddsdde, double * sse, double * spd, double * scd, double * rpl,
      double * ddsddt, double * drplde, double * drpldt, const double * stran, const double * dstran,
      const double * time, const double * dtime, const double * temp, const double * dtemp, const double * predef,
      const double * dpred, const char * cmname, const int * ndi, const int * nshr, const int * ntens,
      const int * nstatv, const double * props, const int * nprops, const double * coords, const double * drot,
      double * pnewdt, const double * celent, const double * dfgrd0, const double * dfgrd1, const int * noel,
      const int * npt, const int * layer, const int * kspt, const int * kstep, const int * kinc, long cmname_length)
{
  (void)sse, (void)spd, (void)scd, (void)rpl, (void)ddsddt, (void)drplde, (void)drpldt, (void)predef, (void)dpred;
  (void)cmname, (void)coords, (void)drot, (void)celent, (void)dfgrd0, (void)dfgrd1, (void)noel, (void)npt;
  (void)layer, (void)kspt, (void)kstep, (void)kinc, (void)cmname_length;
  pthread_once(&load_once, load);
  if (!model)
    fatal_from_neml2();
  const int n = *ntens;
  if (*ndi != 3 || (*nshr != 3 && *nshr != 1) || n != *ndi + *nshr)
    fatal("NDI = 3 with NSHR = 3 or 1 (3-D, plane strain, axisymmetric) is supported; plane stress and "
          "1-D elements are not");
  if (*nstatv < NSTATV_USED)
  {
    char m[256];
    snprintf(m, sizeof m, "NSTATV is %d, the model needs %d state variables (see @MODEL@_umat.txt)", *nstatv,
             NSTATV_USED);
    fatal(m);
  }
  if (*nprops != 0 && *nprops != NPROPS_USED)
  {
    char m[256];
    snprintf(m, sizeof m, "NPROPS is %d; give 0 (the compiled values) or the %d promoted parameter values "
                          "(see @MODEL@_umat.txt)", *nprops, NPROPS_USED);
    fatal(m);
  }

  double strain[6], strain_old[6], stress_old[6], total[6] = {0}, t = time[1] + *dtime, t_old = time[1];
  double T = *temp + *dtemp, T_old = *temp;
  for (int k = 0; k < n; ++k)
    total[k] = stran[k] + dstran[k];
  strain_to_mandel(total, n, strain);
  strain_to_mandel(stran, n, strain_old);
  stress_to_mandel(stress, n, stress_old);
  const void * inputs[MAX_SLOTS];
  for (int i = 0; i < ninputs; ++i)
    switch (input_source[i])
    {
      case FROM_STRAIN: inputs[i] = strain; break;
      case FROM_STRAIN_OLD: inputs[i] = strain_old; break;
      case FROM_TIME: inputs[i] = &t; break;
      case FROM_TIME_OLD: inputs[i] = &t_old; break;
      case FROM_TEMP: inputs[i] = &T; break;
      case FROM_TEMP_OLD: inputs[i] = &T_old; break;
      case FROM_STRESS_OLD: inputs[i] = stress_old; break;
      default: inputs[i] = statev + input_offset[i]; break;
    }
  const void * parameters[MAX_SLOTS + 1];
  for (int p = 0; p < NPROPS_USED && p < (int)(sizeof props_slots / sizeof props_slots[0]); ++p)
    parameters[p] = props + props_slots[p].offset;

  double values[MAX_VALUES];
  void * outputs[MAX_SLOTS];
  int used = 0;
  for (int j = 0; j < nslots; ++j)
  {
    outputs[j] = values + used;
    used += slot_size[j];
  }
  if (used > MAX_VALUES)
    fatal("the model's outputs and tangent exceed the umat's buffer");
  const int status = neml2_model_jacobian(model, 1, inputs, NULL, *nprops ? parameters : NULL, outputs);
  if (status > 0)
  {
    *pnewdt = 0.5; /* the implicit update failed: ask Abaqus for a smaller increment */
    return;
  }
  if (status < 0)
    fatal_from_neml2();

  for (int j = 0; j < nslots; ++j)
  {
    const double * v = (const double *)outputs[j];
    if (slot_is_stress[j])
      for (int k = 0; k < n; ++k)
        stress[k] = k < 3 ? v[mandel_of[k]] : v[mandel_of[k]] / sqrt(2.0);
    else if (slot_statev[j] >= 0)
      memcpy(statev + statev_slots[slot_statev[j]].offset, v, sizeof(double) * (size_t)slot_size[j]);
  }
  /* DDSDDE(I, J) = d stress_I / d strain_J (Fortran order: I fastest); the Mandel tangent is
     6 x 6 row-major; shear rows and columns scale by 1/sqrt(2) each. */
  const double * tangent = (const double *)outputs[tangent_slot];
  for (int J = 0; J < n; ++J)
    for (int I = 0; I < n; ++I)
    {
      const double scale = (I < 3 ? 1.0 : 1.0 / sqrt(2.0)) * (J < 3 ? 1.0 : 1.0 / sqrt(2.0));
      ddsdde[J * n + I] = scale * tangent[6 * mandel_of[I] + mandel_of[J]];
    }
}
)UMAT";
} // namespace

UmatLayout
umat_layout(const std::vector<aoti::VariableInfo> & inputs, const std::vector<aoti::VariableInfo> & outputs,
            const std::vector<aoti::ParameterInfo> & parameters)
{
  const auto * stress = find(outputs, "stress");
  if (!stress || stress->type != TypeKind::SR2 || !stress->sub_batch_shape.empty())
    throw CompileError("--interface umat: the model must output the symmetric tensor 'stress' (Abaqus's STRESS); "
                       "compile the model whose output is named stress");
  UmatLayout l;
  // The strain: the one symmetric-tensor input that is not a ~1 value; among several, the one
  // with a ~1 twin (a rate form reads both).
  std::vector<std::string> candidates, with_old;
  for (const auto & v : inputs)
    if (v.type == TypeKind::SR2 && !is_old(v.name) && v.sub_batch_shape.empty())
    {
      candidates.push_back(v.name);
      if (find(inputs, v.name + "~1"))
        with_old.push_back(v.name);
    }
  if (candidates.size() == 1)
    l.strain = candidates[0];
  else if (with_old.size() == 1)
    l.strain = with_old[0];
  else if (candidates.empty())
    throw CompileError("--interface umat: the model reads no strain (a symmetric-tensor input, with or without its "
                       "value at the start of the step, X~1)");
  else
    throw CompileError(fmt::format("--interface umat: the model reads several symmetric tensors ({}); a UMAT model "
                                   "reads one strain (and maybe its ~1 value)",
                                   fmt::join(candidates, ", ")));
  // (strings moved in: GCC 12 warns falsely, -Wrestrict, on assigning a short literal here)
  if (find(inputs, "t") && find(inputs, "t~1"))
    l.time = std::string("t");
  if (find(inputs, "T"))
    l.temperature = std::string("T");
  l.temperature_old = find(inputs, "T~1") != nullptr;
  l.stress_old = find(inputs, "stress~1") != nullptr;
  for (const auto & v : outputs)
  {
    if (v.name == "stress")
      continue;
    const auto size = size_of(v);
    l.statev.push_back({v.name, size, l.nstatv, find(inputs, v.name + "~1") != nullptr});
    l.nstatv += size;
  }
  for (const auto & v : inputs)
  {
    const bool known = v.name == l.strain || v.name == l.strain + "~1" ||
                       (!l.time.empty() && (v.name == "t" || v.name == "t~1")) || v.name == "T" || v.name == "T~1" ||
                       v.name == "stress~1";
    if (known)
      continue;
    if (is_old(v.name) && find(outputs, current(v.name)))
      continue; // history, carried in STATEV
    throw CompileError(fmt::format(
        "--interface umat: the model reads '{}', which Abaqus does not provide: a UMAT model reads the strain "
        "('{}', '{}~1'), the time (t, t~1), the temperature (T, T~1), stress~1 and the ~1 values of its own "
        "outputs{}",
        v.name, l.strain, l.strain,
        is_old(v.name) ? fmt::format(" ('{}' is not an output)", current(v.name)) : std::string()));
  }
  for (const auto & p : parameters)
  {
    const auto size = numel(p.base_shape);
    l.props.push_back({p.name, size, l.nprops});
    l.nprops += size;
  }
  return l;
}

std::string
umat_source(const std::string & model, const UmatLayout & l, const std::string & artifact_dir)
{
  std::string statev, props;
  for (const auto & s : l.statev)
    statev += fmt::format("    {{{}, {}, {}, {}}},\n", c_string(s.name), s.size, s.offset, s.history ? 1 : 0);
  if (l.statev.empty())
    statev = "    {0, 0, 0, 0},\n";
  for (const auto & p : l.props)
    props += fmt::format("    {{{}, {}, {}}},\n", c_string(p.name), p.size, p.offset);
  if (l.props.empty())
    props = "    {0, 0, 0},\n";
  std::string comment = artifact_dir;
  for (auto at = comment.find("*/"); at != std::string::npos; at = comment.find("*/"))
    comment.replace(at, 2, "* /");
  // (the header's name is filled in so that the include checker does not take the template's
  // #include line for one of this file's)
  return fill(umat_template, {{"MODEL", model},
                              {"C_API_HEADER", "\"neml2/c_api.h\""},
                              {"ARTIFACT_COMMENT", comment},
                              {"ARTIFACT", c_string(artifact_dir)},
                              {"NSTATV", std::to_string(l.nstatv)},
                              {"NPROPS", std::to_string(l.nprops)},
                              {"STATEV_TABLE", statev},
                              {"PROPS_TABLE", props},
                              {"STRAIN", c_string(l.strain)},
                              {"HAS_TIME", l.time.empty() ? "0" : "1"},
                              {"HAS_TEMP", l.temperature.empty() ? "0" : "1"}});
}

std::string
umat_layout_text(const std::string & model, const UmatLayout & l)
{
  std::string s = fmt::format("# The Abaqus UMAT of compiled model '{}' (neml2-compile --interface umat).\n", model);
  s += fmt::format("# strain: {} = STRAN + DSTRAN ({}~1 = STRAN where read), Voigt 11 22 33 12 13 23, engineering "
                   "shear\n",
                   l.strain, l.strain);
  if (!l.time.empty())
    s += "# time: t = TIME(2) + DTIME, t~1 = TIME(2)\n";
  if (!l.temperature.empty())
    s += fmt::format("# temperature: T = TEMP + DTEMP{}\n", l.temperature_old ? ", T~1 = TEMP" : "");
  s += fmt::format("# stress: STRESS{}; DDSDDE = d stress / d {}\n",
                   l.stress_old ? " (read as stress~1, written as stress)" : " (written)", l.strain);
  s += fmt::format("\nNSTATV {}\n# first last  name  (components, Mandel for tensors)  history\n", l.nstatv);
  for (const auto & v : l.statev)
    s += fmt::format("{} {} {} {} {}\n", v.offset + 1, v.offset + v.size, v.name, v.size,
                     v.history ? "history" : "output");
  s += fmt::format("\nNPROPS {}\n# first last  promoted parameter  (0 PROPS: the compiled values)\n", l.nprops);
  for (const auto & p : l.props)
    s += fmt::format("{} {} {} {}\n", p.offset + 1, p.offset + p.size, p.name, p.size);
  return s;
}
} // namespace neml2::codegen
