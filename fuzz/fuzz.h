/* fuzz.h -- what every fuzz target defines, and small helpers.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMU_FUZZ_H
#define MMU_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* libFuzzer's entry points: one input; and, optionally, once before
   the first.  */
int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__ ((weak));

/* A finding: say what, and abort, so that libFuzzer saves the input
   and the replay fails.  */
#define FUZZ_FAIL(...)                                          \
  do {                                                          \
    fprintf (stderr, "fuzz: %s:%d: ", __FILE__, __LINE__);     \
    fprintf (stderr, __VA_ARGS__);                              \
    fputc ('\n', stderr);                                       \
    abort ();                                                   \
  } while (0)

/* Fuzzed bytes read from the front, a byte at a time; 0 when none is
   left.  */
struct fuzz_in
{
  uint8_t const *p, *lim;
};

static inline unsigned int
fuzz_byte (struct fuzz_in *in)
{
  return in->p < in->lim ? *in->p++ : 0;
}

#endif
