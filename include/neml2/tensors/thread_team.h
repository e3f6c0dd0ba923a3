// The threads that batched evaluation (the interpreter, compiled CPU kernels) spreads points over.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace neml2
{
/**
 * Runs body(block) for every block in [0, nblocks), each exactly once, on the calling
 * thread and the team's workers (num_threads(): the caller plus num_threads() - 1 workers).
 *
 * Blocks are claimed one at a time from a shared counter, and the caller works too. A worker
 * that is slow to start (its core busy with another process, or asleep) claims nothing and is
 * not waited for: the caller finishes the blocks itself. So a call never stalls for a scheduler
 * tick on a worker that never ran, which a fork-join team (every member must reach the end)
 * does whenever another process holds a core.
 *
 * Runs everything on the caller, in order, when num_threads() is 1, when nblocks is 1, when the
 * caller is itself inside a parallel_for (nested loops run serially), and when another thread's
 * loop holds the team (concurrent callers never wait for each other). The first exception a
 * block throws is rethrown on the caller once every started block has finished.
 */
void parallel_for(std::int64_t nblocks, const std::function<void(std::int64_t block)> & body);

/// The team size: set_num_threads()'s value if set, else $NEML2_NUM_THREADS, else $OMP_NUM_THREADS
/// (its first entry), else the CPUs this process may run on.
int num_threads();

/// Sets the team size (1 to 4096) for every later parallel_for; 0 returns to the default above.
/// Throws ValueError for any other count.
void set_num_threads(int n);

/// The count a thread-count variable's text asks for (a whole number >= 1; OMP_NUM_THREADS may
/// list one per nesting level, "4,2", of which the first is read). nullopt for an unset or empty
/// variable; ValueError naming the variable for anything else.
std::optional<int> thread_count_from_env(const std::string & variable, const char * text);
} // namespace neml2
