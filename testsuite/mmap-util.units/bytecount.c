/* bytecount.c -- test mmgrep's count of one byte (src/grep/bytecount.c).
   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   What this checks, and why.

   count_byte gives mmgrep -n its line numbers.  It compares 16 or 32
   bytes at once, two blocks at a time, sums its byte counters every
   255 pairs, and counts the last bytes with one load that ends where
   the span does, shifting out what was counted already.  Each is a
   place for an off-by-one, so the count is compared with a naive one:

   - every span of 0..300 bytes at every start 0..40 of a buffer whose
     bytes are the one counted with probability 1/2, 1/8 and 1/64,
     and for several bytes (newline, NUL, 0xff);
   - spans around the sums: 255 pairs of blocks and more, all of them
     the byte counted (a byte counter that wraps shows there);
   - a span of a megabyte.

   Every span is in a heap block of exactly its size, so that
   AddressSanitizer or valgrind reports any read past either end.
   bytecount-sse2.c builds it again without the AVX2 loop.  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dejagnu.h>

#include "bytecount.h"

#ifndef BYTECOUNT_TEST_NAME
# define BYTECOUNT_TEST_NAME "bytecount"
#endif

static uint64_t seed = 0xb17ec0a7;

static unsigned int
rnd (unsigned int n)
{
  seed = seed * 6364136223846793005u + 1442695040888963407u;
  return (seed >> 33) % n;
}

static size_t
naive (unsigned char const *p, size_t n, unsigned char c)
{
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += p[i] == c;
  return k;
}

static unsigned long failures;

/* Count C in a copy of SRC[0..N) in a block of exactly N bytes.  */
static void
check (char const *what, unsigned char const *src, size_t n,
       unsigned char c)
{
  unsigned char *p = malloc (n ? n : 1);
  if (!p)
    {
      perror ("malloc");
      exit (1);
    }
  memcpy (p, src, n);
  size_t got = count_byte ((char const *) p, n, c);
  size_t want = naive (p, n, c);
  if (got != want && ++failures <= 20)
    fail ("%s: %s: %zu bytes 0x%02x in %zu, want %zu",
          BYTECOUNT_TEST_NAME, what, got, c, n, want);
  free (p);
}

int
main (void)
{
  static unsigned char const bytes[] = { '\n', '\0', 0xff };
  static unsigned int const odds[] = { 2, 8, 64 };
  enum { BIG = 1 << 20 };
  unsigned char *buf = malloc (BIG);
  if (!buf)
    return 1;

  for (size_t b = 0; b < sizeof bytes; b++)
    for (size_t o = 0; o < sizeof odds / sizeof *odds; o++)
      {
        unsigned long before = failures;
        for (size_t i = 0; i < 400; i++)
          buf[i] = rnd (odds[o]) ? 'a' + rnd (26) : bytes[b];
        for (size_t start = 0; start <= 40; start++)
          for (size_t n = 0; n <= 300; n++)
            check ("short spans", buf + start, n, bytes[b]);
        if (failures == before)
          pass ("%s: spans of 0..300 bytes, byte 0x%02x, 1 in %u",
                BYTECOUNT_TEST_NAME, bytes[b], odds[o]);
      }

  /* All the byte counted: each counter reaches 255 before a sum.  */
  unsigned long before = failures;
  memset (buf, '\n', BIG);
  for (size_t n = 2 * 255 * 32 - 70; n <= 2 * 255 * 32 + 70; n++)
    check ("around a sum", buf, n, '\n');
  check ("many sums", buf, 3 * 2 * 255 * 32 + 17, '\n');
  if (failures == before)
    pass ("%s: spans around the sums of the counters",
          BYTECOUNT_TEST_NAME);

  before = failures;
  for (size_t i = 0; i < BIG; i++)
    buf[i] = rnd (40) ? 'x' : '\n';
  check ("a megabyte", buf, BIG, '\n');
  check ("a megabyte less 1", buf + 1, BIG - 1, '\n');
  if (failures == before)
    pass ("%s: a megabyte", BYTECOUNT_TEST_NAME);

  free (buf);
  totals ();
  return failures ? 1 : 0;
}
