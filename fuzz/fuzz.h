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

/* A finding: say what, on stderr and at the end of the file
   FUZZ_MESSAGES names, if set ('make fuzz' closes the targets' stderr),
   and abort, so that libFuzzer saves the input and the replay fails.  */
#define FUZZ_FAIL(...)                                          \
  do {                                                          \
    char const *fuzz_log_ = getenv ("FUZZ_MESSAGES");           \
    FILE *fuzz_f_ = fuzz_log_ ? fopen (fuzz_log_, "a") : NULL;  \
    for (int fuzz_i_ = 0; fuzz_i_ < 2; fuzz_i_++)               \
      {                                                         \
        FILE *fuzz_o_ = fuzz_i_ ? fuzz_f_ : stderr;             \
        if (!fuzz_o_)                                           \
          continue;                                             \
        fprintf (fuzz_o_, "fuzz: %s:%d: ", __FILE__, __LINE__); \
        fprintf (fuzz_o_, __VA_ARGS__);                         \
        fputc ('\n', fuzz_o_);                                  \
        fflush (fuzz_o_);                                       \
      }                                                         \
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
