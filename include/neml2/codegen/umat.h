// The Abaqus UMAT interface of a compiled model (neml2-compile --interface umat).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "neml2/artifact/metadata.h"

namespace neml2::codegen
{
/**
 * How Abaqus's UMAT arguments map onto a model's variables. Abaqus prescribes the strain (STRAN +
 * DSTRAN), the time (TIME(2) + DTIME) and the temperature (TEMP + DTEMP) and keeps the stress
 * (STRESS) and the history (STATEV); the model must read nothing else. Found from the variables
 * alone, by NEML2's naming convention: `X~1` is the value of `X` at the start of the step.
 */
struct UmatLayout
{
  std::string strain;      ///< the symmetric-tensor input prescribed by STRAN + DSTRAN
  std::string time;        ///< "t" when the model reads t and t~1, else empty
  std::string temperature; ///< "T" when the model reads T (and maybe T~1), else empty
  bool temperature_old = false;
  bool stress_old = false; ///< the model reads stress~1 (from STRESS)

  /// One output kept in STATEV (every output but the stress), 0-based offset.
  struct State
  {
    std::string name;
    std::int64_t size = 0, offset = 0;
    bool history = false; ///< the model reads `<name>~1`, so STATEV carries it to the next step
  };
  std::vector<State> statev;
  std::int64_t nstatv = 0;

  /// One promoted parameter read from PROPS, 0-based offset.
  struct Prop
  {
    std::string name;
    std::int64_t size = 0, offset = 0;
  };
  std::vector<Prop> props;
  std::int64_t nprops = 0;
};

/**
 * The layout for a model with these inputs, outputs and promoted parameters; throws CompileError
 * naming what does not fit a UMAT (no stress output, no strain input with its `~1` twin, an
 * input Abaqus does not provide, a history variable that is not an output).
 */
UmatLayout umat_layout(const std::vector<aoti::VariableInfo> & inputs, const std::vector<aoti::VariableInfo> & outputs,
                       const std::vector<aoti::ParameterInfo> & parameters);

/// The C source of the `umat` subroutine over the artifact at `artifact_dir` (absolute).
std::string umat_source(const std::string & model, const UmatLayout & layout, const std::string & artifact_dir);

/// The STATEV and PROPS layout in words (written next to the source as `<model>_umat.txt`).
std::string umat_layout_text(const std::string & model, const UmatLayout & layout);
} // namespace neml2::codegen
