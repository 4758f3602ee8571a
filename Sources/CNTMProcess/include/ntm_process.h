#ifndef NTM_PROCESS_H
#define NTM_PROCESS_H

#include <sys/types.h>

/// Asks the kernel to SIGKILL this process when its parent dies (Linux prctl
/// PR_SET_PDEATHSIG; a no-op returning -1 elsewhere). Returns 0 on success. Swift cannot call
/// the variadic prctl itself, hence this shim.
int ntm_die_with_parent(void);

#endif
