// Interrupting a tool (Ctrl-C, kill) leaves no temporary compile folder behind.
#include <pthread.h>
#include <signal.h>

#include <thread>

#include "neml2/cli/tools.h"
#include "neml2/codegen/artifact_writer.h"

namespace neml2::cli
{
void
remove_temporaries_on_interrupt()
{
  // A signal handler may not remove folders (nothing it can call is safe for that), so the
  // signals are blocked everywhere and taken synchronously by one thread that may.
  static sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP})
    sigaddset(&signals, s);
  if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0)
    return;
  std::thread([] {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0)
      return;
    codegen::remove_temporary_folders();
    // End as the signal would have: default action, delivered to this thread, unblocked here.
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
    raise(sig);
  }).detach();
}
} // namespace neml2::cli
