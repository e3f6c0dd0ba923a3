// Precompiled preludes: the copied headers every generated CPU unit starts with, compiled once.
#pragma once

#include <string>

#include "neml2/codegen/compiler.h"

namespace neml2::codegen
{
/// The folder neml2-compile keeps its cache in: $NEML2_CACHE_DIR, else $XDG_CACHE_HOME/neml2,
/// else $HOME/.cache/neml2 (empty when none of them is set).
std::string default_cache_dir();

/// Whether `compiler` can take a precompiled prelude: GCC (its --version names the Free Software
/// Foundation), and not behind a compiler cache (ccache and sccache do not cache such compiles).
/// GCC checks a precompiled header before using it and reads the text instead when it does not
/// fit, so a stale entry costs time, never a wrong build.
bool takes_precompiled_prelude(const Compiler & compiler);

/**
 * The header to pass with `-include` so that `compiler` reads `prelude` precompiled, built on
 * first use into `cache_dir`/preludes/<key>/ (prelude.h and prelude.h.gch), where the key hashes
 * the compiler, its flags, this host's CPU (for -march=native) and the text. Builds are serialised
 * by a lock file and moved into place whole, so concurrent compiles share one build and never see
 * half of one. At most a few entries are kept: the least recently used are removed.
 *
 * `prelude` is a block a generated unit also holds (include-guarded, see cpu_unit_prelude): with
 * the header included first the unit skips its copy; without it the unit compiles as it is.
 * Returns "" (compile without) when the cache is off (`cache_dir` empty), the compiler cannot
 * take one, the folder cannot be written or the build failed (remembered, not retried).
 */
std::string precompiled_prelude(const Compiler & compiler, const std::string & prelude, const std::string & cache_dir);

/// Marks the entry of `header` (a precompiled_prelude result) as not to be used again: a unit
/// failed with it and compiled without it.
void reject_precompiled_prelude(const std::string & header);
} // namespace neml2::codegen
