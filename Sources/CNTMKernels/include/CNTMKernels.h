// The C kernels NTMBrain runs (ntm_wht.h, ntm_lanes.h, ntm_tape.h), the one NTMWorld's
// sensing runs (ntm_sight.h), and the yardsticks `ntmlife bench` sets them against
// (ntm_yardsticks.h).
#include "ntm_wht.h"
#include "ntm_lanes.h"
#include "ntm_tape.h"
#include "ntm_sight.h"
#include "ntm_yardsticks.h"
