// glibc's <malloc.h> (mallopt and its parameters), which Swift's Glibc module leaves out.
#ifndef CLOSELOOP_CMALLOC_H
#define CLOSELOOP_CMALLOC_H
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
