// Only the header matters: see include/CFuzzer.h.
#include "CFuzzer.h"
