// The artifact metadata (<model>_meta.json): what neml2-compile writes and the loader checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "neml2/artifact/kernel_abi.h"
#include "neml2/tensors/dtype.h"
#include "neml2/tensors/types.h"

namespace neml2::aoti
{
/// Version of the metadata layout; the loader rejects any other. 2: library signatures cover the
/// whole interface (interface_digest), so metadata edited and re-hashed no longer loads.
inline constexpr int metadata_schema_version = 2;
/// Version of the kernels' C calling convention (kernel_abi.h); the loader rejects any other.
inline constexpr int kernel_abi_version = NEML2_KERNEL_ABI_VERSION;

/// A model variable as the caller sees it.
struct VariableInfo
{
  std::string name;
  TypeKind type = TypeKind::Scalar;
  Shape base_shape;
  Shape sub_batch_shape; ///< static per-point sub-batch (empty: none)
};

/// A promoted parameter: a runtime argument with an initial value.
struct ParameterInfo
{
  std::string name; ///< qualified ("elasticity.E" inside a composition, else "E")
  TypeKind type = TypeKind::Scalar;
  Shape base_shape;
  Shape batch_shape;           ///< of the initial value (empty: one value for all points)
  std::vector<double> initial; ///< row-major over (batch_shape, base_shape)
};

/// One requested derivative pair d(output)/d(input).
struct DerivativeInfo
{
  std::string output, input;
  std::string input_kind; ///< "variable" or "parameter"
  Shape block_shape;      ///< (*output_base, *input_base)
};

/// One argument or output of a kernel entry, in calling order.
struct SlotInfo
{
  std::string name;
  std::string kind; ///< arguments: variable|parameter|tangent; outputs: value|tangent|derivative
  std::string wrt;  ///< derivative outputs: the input (or parameter) name
  std::optional<TypeKind> type;
  Shape base_shape;
  std::int64_t ncomp() const { return numel(base_shape); }
};

/// One exported kernel entry (see doc/compile.md for its C signature).
struct EntryInfo
{
  std::string role; ///< forward | jvp | jacobian
  std::string library;
  std::string symbol;
  std::string graph_hash;
  std::int64_t nodes = 0;
  std::vector<SlotInfo> arguments, outputs;
};

/// One implicit system solved inside the kernels (per point, by Newton's method).
struct SolverInfo
{
  std::string name; ///< the ImplicitUpdate model
  int unknowns = 0, given = 0;
  double abs_tol = 0, rel_tol = 0;
  int max_its = 0;
  std::string line_search; ///< none | backtracking | strong_wolfe
  /// Every Newton setting by its NEML2 option name, as text (NEML2_NEWTON_SETTINGS; line search:
  /// none | backtracking | strong_wolfe). Optional in the file (older artifacts lack it).
  std::vector<std::pair<std::string, std::string>> settings;
};

/// One kernel library file of the artifact.
struct LibraryInfo
{
  std::string role; ///< forward | derivatives
  std::string file; ///< relative to the device folder
  std::string sha256;
  std::string signature_symbol; ///< extern "C" const char * <symbol>(void)
  std::string signature;        ///< what it must return
};

struct CompilerInfo
{
  std::string command, from, version;
  std::vector<std::string> flags;
};

struct Metadata
{
  int schema_version = metadata_schema_version;
  int abi_version = kernel_abi_version;
  std::vector<SolverInfo> solvers; ///< implicit systems (empty for explicit models)
  std::string generator;
  std::string model, model_type;
  std::string source_file, source_graph_hash, driver;
  Dtype dtype = Dtype::Float64;
  std::string device = "cpu"; ///< cpu | cuda
  CompilerInfo compiler;
  std::vector<std::string> cuda_arch; ///< cuda: the GPU architectures built ("80", "90"; PTX for the last)
  std::vector<VariableInfo> inputs, outputs;
  std::vector<ParameterInfo> parameters;
  std::vector<std::string> baked_parameters;
  std::vector<DerivativeInfo> derivatives;
  std::vector<LibraryInfo> libraries;
  std::vector<EntryInfo> entries;

  const EntryInfo * entry(const std::string & role) const;
};

/// The JSON text, with "metadata_sha256" over the rest so that edits are detected.
std::string to_json(const Metadata & m);
/**
 * Parses and checks metadata read from `path` (for messages): valid JSON, the schema version,
 * then the self-hash ("tampered" when it does not match), then the fields. Throws CompileError
 * saying how to recompile.
 */
Metadata parse_metadata(const std::string & text, const std::string & path);
} // namespace neml2::aoti

namespace neml2::aoti
{
/// SHA-256 of everything the metadata says except the libraries' own hashes and signatures:
/// variables, shapes, parameters and their initial values, entries, solvers, compiler.
std::string interface_digest(const Metadata & m);

/// What a kernel library's signature function returns: ties the library to the ABI, dtype,
/// device, the graphs (by hash) of the entries it exports, in order, and the interface digest of
/// the metadata it was generated with. The string is compiled into the library, so a metadata file
/// edited to describe its kernels differently (other shapes, other names) no longer matches it.
std::string library_signature(Dtype dtype, const std::string & device, const std::vector<std::string> & graph_hashes,
                              const std::string & interface);
} // namespace neml2::aoti
