#include "ntm_process.h"

#if defined(__linux__)
#include <signal.h>
#include <sys/prctl.h>

int ntm_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL); }
#else
int ntm_die_with_parent(void) { return -1; }
#endif
