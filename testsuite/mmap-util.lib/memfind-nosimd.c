/* memfind-nosimd.c -- memfind.c's test, with lib/memfind.c built with
   the portable code only, without the SSE2 filter.

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.

   Some off-by-one errors of the search show only on these paths, which
   the default build takes rarely (testsuite/local.mk sets the flags).  */

#define MEMFIND_TEST_NAME "memfind-nosimd"
#include "memfind.c"
