/* memfind-sse2-budget0.c -- memfind.c's test, with lib/memfind.c built
   without its AVX2 loops and with a work budget of 0 (see
   memfind-sse2.c and memfind-budget0.c).

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.  */

#define MEMFIND_TEST_NAME "memfind-sse2-budget0"
#include "memfind.c"
