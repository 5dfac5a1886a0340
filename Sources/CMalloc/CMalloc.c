// SwiftPM builds a C target only when it has a source file; everything is in include/CMalloc.h.
#include "CMalloc.h"
