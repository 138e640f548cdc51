/* bytecount-sse2.c -- bytecount.c's test, with src/grep/bytecount.c built
   without its AVX2 loop, so that the SSE2 one is tested on processors
   that have AVX2 too (testsuite/local.mk sets the flag).

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.  */

#define BYTECOUNT_TEST_NAME "bytecount-sse2"
#include "bytecount.c"
