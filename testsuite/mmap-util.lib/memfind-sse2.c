/* memfind-sse2.c -- memfind.c's test, with lib/memfind.c built without
   its AVX2 loops, so that the SSE2 ones are tested on processors that
   have AVX2 too.

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.

   memfind.c's own build takes the AVX2 loops for haystacks of 32 start
   positions or more wherever the processor has AVX2, which leaves the
   SSE2 loops only the shortest haystacks (testsuite/local.mk sets the
   flag).  */

#define MEMFIND_TEST_NAME "memfind-sse2"
#include "memfind.c"
