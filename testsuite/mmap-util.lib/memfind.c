/* memfind.c -- test the library's raw byte search.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU General Public License as published by the
   Free Software Foundation, either version 3 of the License, or (at your
   option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

/* What this checks, and why.

   mmu__memfind and mmu__memrfind (lib/memfind.c) are the searches under
   mmu_find, mmu_rfind and mmgrep -F.  They are fast because they cheat:
   a SIMD prefilter on two rare bytes of the needle, 16-byte loads that
   must never cross the end of the haystack, a separate tail block, a
   switch to the Two-Way algorithm part-way through when the prefilter
   misfires too often.  Each of those is a place for an off-by-one that
   ordinary use would rarely hit.  So this test compares both functions
   with a naive search, which is obviously right, over many random
   cases drawn from a fixed seed (the same cases on every run):

   - haystacks of every length 0..130 (around the 16- and 32-byte
     blocks and the tail), over alphabets of 1, 2, 3, 4, 26 and 256
     bytes, so that matches and near-matches are frequent;
   - needles of length 0..40: taken from the haystack (at random, at
     its very start, at its very end) or random, and longer than the
     haystack;
   - long haystacks (1 KB to 64 KB) over small alphabets, with needles
     of 2..40 bytes and some of 33..392, where the prefilter finds a
     candidate every few bytes and the search goes over to Two-Way in
     the middle of a block, in both directions;
   - adversarial inputs with known answers: "aaaaaaaaab" and friends in
     a megabyte of "a", periodic needles in periodic haystacks.

   - mmu__memfind_needle_nul, on every case above (the same match,
     and a proof of no NUL that never holds one, and is the whole
     haystack when there is neither NUL nor match), and on text with
     a NUL placed at every offset near the edges of its blocks.

   Every haystack and needle is in a heap block of exactly its size, so
   AddressSanitizer or valgrind reports any read past either end.  One
   failure is reported per discrepancy (the first few; then a count).
   Build it also with -DMMU_MEMFIND_NO_SIMD (the portable path), with
   -DMMU_MEMFIND_NO_AVX2 (SSE2 only) and with
   -DMMU_MEMFIND_BUDGET_PER_BYTE=0 -DMMU_MEMFIND_BUDGET_SLACK=0 (Two-Way
   from the first false candidate on) applied to lib/memfind.c.  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dejagnu.h>

#include "memfind.h"

/* The name in the results: the variants of this test, built with other
   settings of lib/memfind.c (memfind-nosimd.c, ...), set their own.  */
#ifndef MEMFIND_TEST_NAME
# define MEMFIND_TEST_NAME "memfind"
#endif

/* A fixed-seed generator, the same on every system (xorshift64*).  */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t
rng (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1du;
}

static size_t
rng_below (size_t n)
{
  return n ? (size_t) (rng () % n) : 0;
}

/* The obvious searches.  Offsets, or -1.  */
static long
naive_find (const unsigned char *h, size_t hl, const unsigned char *n,
            size_t nl)
{
  size_t i;
  if (nl > hl)
    return -1;
  for (i = 0; i + nl <= hl; i++)
    if (memcmp (h + i, n, nl) == 0)
      return (long) i;
  return -1;
}

static long
naive_rfind (const unsigned char *h, size_t hl, const unsigned char *n,
             size_t nl)
{
  size_t i;
  if (nl > hl)
    return -1;
  for (i = hl - nl + 1; i-- > 0;)
    if (memcmp (h + i, n, nl) == 0)
      return (long) i;
  return -1;
}

static long
offset_of (const void *p, const unsigned char *h)
{
  return p ? (long) ((const unsigned char *) p - h) : -1;
}

/* Copy LEN bytes into a heap block of exactly LEN bytes (1 when LEN is
   0, never read).  */
static unsigned char *
exact_copy (const unsigned char *src, size_t len)
{
  unsigned char *p = malloc (len ? len : 1);
  if (!p)
    {
      perror ("malloc");
      exit (1);
    }
  if (len)
    memcpy (p, src, len);
  return p;
}

#define MAX_REPORTED 20
static unsigned long discrepancies;

/* Check mmu__memfind_needle_nul (H, HL, ND), whose match should be at
   WANT: the same match, and a proof that holds no NUL and is the whole
   haystack when it holds neither NUL nor match.  */
static int
check_nul (const char *group, unsigned long caseno,
           const unsigned char *h, size_t hl, const struct mmu__needle *nd,
           long want)
{
  size_t clean = (size_t) -1;
  long got = offset_of (mmu__memfind_needle_nul (h, hl, nd, &clean), h);
  const unsigned char *z = hl ? memchr (h, '\0', hl) : NULL;
  size_t first_nul = z ? (size_t) (z - h) : hl;
  const char *why = NULL;

  if (got != want)
    why = "wrong match";
  else if (clean > first_nul)
    why = "a NUL in the proof";
  else if (!z && want < 0 && clean != hl)
    why = "no NUL nor match, and the proof is not the whole";
  if (!why)
    return 1;
  if (++discrepancies <= MAX_REPORTED)
    fail (MEMFIND_TEST_NAME ": %s case %lu: memfind_needle_nul of %zu bytes "
          "in %zu: %s (match %ld, want %ld; clean %zu, first NUL %zu)",
          group, caseno, nd->len, hl, why, got, want, clean, first_nul);
  return 0;
}

/* Search for N in H both ways, compare with the naive answers, and
   report each disagreement (up to MAX_REPORTED of them).  H and N are
   copied into exact-size blocks first.  GROUP and CASENO name the case.
   Return true when both agree.  */
static int
check (const char *group, unsigned long caseno,
       const unsigned char *h0, size_t hl, const unsigned char *n0,
       size_t nl)
{
  unsigned char *h = exact_copy (h0, hl);
  unsigned char *n = exact_copy (n0, nl);
  long want_f = naive_find (h, hl, n, nl);
  long want_r = naive_rfind (h, hl, n, nl);
  long got_f = offset_of (mmu__memfind (h, hl, n, nl), h);
  long got_r = offset_of (mmu__memrfind (h, hl, n, nl), h);
  struct mmu__needle nd;
  mmu__needle_init (&nd, n, nl);
  long got_p = offset_of (mmu__memfind_needle (h, hl, &nd), h);
  int ok = 1;

  if (!check_nul (group, caseno, h, hl, &nd, want_f))
    ok = 0;

  if (got_p != want_f)
    {
      ok = 0;
      if (++discrepancies <= MAX_REPORTED)
        fail (MEMFIND_TEST_NAME ": %s case %lu: memfind_needle of %zu bytes "
              "in %zu: %ld, want %ld", group, caseno, nl, hl, got_p, want_f);
    }

  if (got_f != want_f)
    {
      ok = 0;
      if (++discrepancies <= MAX_REPORTED)
        fail (MEMFIND_TEST_NAME ": %s case %lu: memfind of %zu bytes in %zu: %ld, "
              "want %ld", group, caseno, nl, hl, got_f, want_f);
    }
  if (got_r != want_r)
    {
      ok = 0;
      if (++discrepancies <= MAX_REPORTED)
        fail (MEMFIND_TEST_NAME ": %s case %lu: memrfind of %zu bytes in %zu: %ld, "
              "want %ld", group, caseno, nl, hl, got_r, want_r);
    }
  free (h);
  free (n);
  return ok;
}

/* Fill BUF with LEN bytes drawn from an alphabet of ALPHA bytes.  */
static void
fill (unsigned char *buf, size_t len, unsigned int alpha)
{
  size_t i;
  for (i = 0; i < len; i++)
    buf[i] = alpha == 256 ? (unsigned char) rng ()
                          : (unsigned char) ('a' + rng_below (alpha));
}

/* Make a needle of length NL for haystack H of length HL, of the kind
   chosen by KIND, into N.  */
static void
make_needle (unsigned char *n, size_t nl, const unsigned char *h,
             size_t hl, unsigned int alpha, unsigned int kind)
{
  if (nl <= hl && kind < 4)
    {
      size_t at;
      switch (kind)
        {
        case 0: at = 0; break;                          /* very start */
        case 1: at = hl - nl; break;                    /* very end */
        default: at = rng_below (hl - nl + 1); break;   /* anywhere */
        }
      memcpy (n, h + at, nl);
      if (kind == 3 && nl)
        /* A near miss: one byte changed.  */
        n[rng_below (nl)] ^= (unsigned char) (1 + rng_below (alpha < 256
                                                             ? 1 : 255));
    }
  else
    fill (n, nl, alpha);
}

static const unsigned int alphabets[] = { 1, 2, 3, 4, 26, 256 };
#define NALPHABETS (sizeof alphabets / sizeof alphabets[0])

/* Every haystack length 0..130, every alphabet, many needles.  */
static void
test_short (void)
{
  unsigned char h[130], n[64];
  size_t a, hl, t;

  for (a = 0; a < NALPHABETS; a++)
    {
      unsigned long cases = 0, bad = 0;
      unsigned int alpha = alphabets[a];
      char group[64];
      snprintf (group, sizeof group, "short haystacks, alphabet %u", alpha);
      for (hl = 0; hl <= 130; hl++)
        for (t = 0; t < 100; t++)
          {
            size_t nl = t < 41 ? t : rng_below (41);
            fill (h, hl, alpha);
            make_needle (n, nl, h, hl, alpha, (unsigned int) rng_below (6));
            if (!check (group, cases, h, hl, n, nl))
              bad++;
            cases++;
          }
      /* Needles longer than the haystack.  */
      for (hl = 0; hl <= 40; hl++)
        {
          size_t nl = hl + 1 + rng_below (20);
          fill (h, hl, alpha);
          memcpy (n, h, hl);
          fill (n + hl, nl - hl, alpha);
          if (!check (group, cases, h, hl, n, nl))
            bad++;
          cases++;
        }
      if (bad == 0)
        pass (MEMFIND_TEST_NAME ": %s: %lu cases agree with the naive search",
              group, cases);
    }
}

/* Long haystacks over small alphabets: frequent candidates, so the
   searches give up the prefilter for Two-Way part-way.  */
static void
test_long (void)
{
  static const size_t lengths[] = { 1000, 4096 + 64, 20000, 65536 + 17 };
  size_t hmax = 65536 + 17;
  unsigned char *h = malloc (hmax), n[400];
  size_t a, l, t;

  if (!h)
    {
      perror ("malloc");
      exit (1);
    }
  for (a = 0; a < 4; a++)
    {
      unsigned long cases = 0, bad = 0;
      unsigned int alpha = alphabets[a];
      char group[64];
      snprintf (group, sizeof group, "long haystacks, alphabet %u", alpha);
      for (l = 0; l < sizeof lengths / sizeof lengths[0]; l++)
        for (t = 0; t < 40; t++)
          {
            size_t hl = lengths[l] - rng_below (40);
            /* Mostly short needles, some longer than the 32 bytes
               compared first.  */
            size_t nl = t % 5 ? 2 + rng_below (39) : 33 + rng_below (360);
            fill (h, hl, alpha);
            make_needle (n, nl, h, hl, alpha, (unsigned int) rng_below (5));
            if (!check (group, cases, h, hl, n, nl))
              bad++;
            cases++;
          }
      if (bad == 0)
        pass (MEMFIND_TEST_NAME ": %s: %lu cases agree with the naive search",
              group, cases);
    }
  free (h);
}

/* Expect the first and last match of N in H at WANT_F and WANT_R
   (-1: none), without the quadratic naive search.  */
static void
check_known (const char *what, const unsigned char *h, size_t hl,
             const char *n, long want_f, long want_r)
{
  size_t nl = strlen (n);
  unsigned char *nn = exact_copy ((const unsigned char *) n, nl);
  long got_f = offset_of (mmu__memfind (h, hl, nn, nl), h);
  long got_r = offset_of (mmu__memrfind (h, hl, nn, nl), h);

  if (got_f == want_f && got_r == want_r)
    pass (MEMFIND_TEST_NAME ": adversarial: %s", what);
  else
    fail (MEMFIND_TEST_NAME ": adversarial: %s: found %ld and %ld, want %ld and %ld",
          what, got_f, got_r, want_f, want_r);
  free (nn);
}

static void
test_adversarial (void)
{
  size_t hl = 1 << 20, i;
  unsigned char *h = malloc (hl);
  char needle[2048];

  if (!h)
    {
      perror ("malloc");
      exit (1);
    }

  /* A megabyte of "a".  */
  memset (h, 'a', hl);
  check_known ("aaaaaaaaab in all a", h, hl, "aaaaaaaaab", -1, -1);
  check_known ("baaaaaaaaa in all a", h, hl, "baaaaaaaaa", -1, -1);
  check_known ("aaaaabaaaa in all a", h, hl, "aaaaabaaaa", -1, -1);
  check_known ("aaaaaaaaaa in all a", h, hl, "aaaaaaaaaa", 0,
               (long) hl - 10);
  memset (needle, 'a', 1000);
  strcpy (needle + 1000, "b");
  check_known ("1000 a then b in all a", h, hl, needle, -1, -1);
  needle[0] = 'b';
  needle[1000] = 'a';
  check_known ("b then 1000 a in all a", h, hl, needle, -1, -1);

  /* Plant one match at the very end, one at the very start.  */
  memcpy (h + hl - 10, "aaaaaaaaab", 10);
  check_known ("aaaaaaaaab at the end of all a", h, hl, "aaaaaaaaab",
               (long) hl - 10, (long) hl - 10);
  memcpy (h, "baaaaaaaaa", 10);
  check_known ("baaaaaaaaa at the start of all a", h, hl, "baaaaaaaaa",
               0, 0);
  check_known ("b at both ends", h, hl, "b", 0, (long) hl - 1);
  check_known ("ab once", h, hl, "ab", (long) hl - 2, (long) hl - 2);
  check_known ("ba once", h, hl, "ba", 0, 0);

  /* "ab" repeated, needles that match in all but the last byte: the
     two rare bytes match at every other position.  */
  for (i = 0; i < hl; i++)
    h[i] = "ab"[i & 1];
  for (i = 0; i < 40; i++)
    needle[i] = "ab"[i & 1];
  strcpy (needle + 40, "c");
  check_known ("(ab)^20 c in (ab)*", h, hl, needle, -1, -1);
  needle[40] = 0;
  check_known ("(ab)^20 in (ab)*", h, hl, needle, 0, (long) hl - 40);
  needle[0] = 'c';
  check_known ("c b (ab)^19 in (ab)*", h, hl, needle, -1, -1);

  /* A period-7 haystack and a needle that differs from it only at
     offsets 100 and 200, found once near each end.  */
  for (i = 0; i < hl; i++)
    h[i] = "abcabca"[i % 7];
  for (i = 0; i < 300; i++)
    needle[i] = "abcabca"[i % 7];
  needle[100] = 'x';
  needle[200] = 'y';
  needle[300] = 0;
  check_known ("period 7, nowhere", h, hl, needle, -1, -1);
  memcpy (h + 7 * 3, needle, 300);
  memcpy (h + hl - 7 * 50 - 300, needle, 300);
  check_known ("period 7, near both ends", h, hl, needle, 21,
               (long) (hl - 7 * 50 - 300));
  free (h);
}

/* The result pointers themselves, for empty needles and edge cases.  */
static void
test_edges (void)
{
  static const unsigned char h[] = "hello, world";
  size_t hl = sizeof h - 1;

  if (mmu__memfind (h, hl, "", 0) == h
      && mmu__memrfind (h, hl, "", 0) == h + hl)
    pass (MEMFIND_TEST_NAME ": empty needle found at the start and the end");
  else
    fail (MEMFIND_TEST_NAME ": empty needle not found at the start and the end");
  if (mmu__memfind (h, 0, "", 0) == h && mmu__memrfind (h, 0, "", 0) == h)
    pass (MEMFIND_TEST_NAME ": empty needle in an empty haystack");
  else
    fail (MEMFIND_TEST_NAME ": empty needle in an empty haystack not found");
  if (mmu__memfind (NULL, 0, "x", 1) == NULL
      && mmu__memrfind (NULL, 0, "xy", 2) == NULL)
    pass (MEMFIND_TEST_NAME ": a NULL empty haystack holds nothing");
  else
    fail (MEMFIND_TEST_NAME ": a NULL empty haystack holds something");
  if (mmu__memfind (h, hl, h, hl) == h && mmu__memrfind (h, hl, h, hl) == h)
    pass (MEMFIND_TEST_NAME ": the haystack found in itself");
  else
    fail (MEMFIND_TEST_NAME ": the haystack not found in itself");
}

/* mmu__memfind_needle_nul around the blocks of its loops: text without
   NULs, with the needle at one place or none, and then a NUL at every
   offset near a block edge (every offset for short haystacks).  */
static void
test_nul (void)
{
  static const size_t lens[] = { 15, 16, 17, 31, 32, 33, 47, 63, 64, 65,
                                 95, 96, 97, 127, 128, 129, 191, 200,
                                 255, 256, 257, 1000, 4096, 5003 };
  unsigned long caseno = 0, before = discrepancies;
  size_t li;

  for (li = 0; li < sizeof lens / sizeof *lens; li++)
    {
      size_t hl = lens[li];
      unsigned char *h = malloc (hl);
      size_t nl, where, z;
      if (!h)
        {
          perror ("malloc");
          exit (1);
        }
      for (nl = 1; nl <= 12 && nl <= hl; nl += (nl < 4 ? 1 : 4))
        /* WHERE: the needle's offset, or HL for none.  */
        for (where = 0; where <= hl;
             where = (where == hl ? hl + 1
                      : where + nl >= hl ? hl
                      : where + 1 + rng_below (hl / 3 + 1)))
          {
            unsigned char n[12];
            struct mmu__needle nd;
            size_t i;
            /* Text of "a".."h"; the needle of "x", "y", "z", which the
               text lacks.  */
            for (i = 0; i < hl; i++)
              h[i] = (unsigned char) ('a' + rng_below (8));
            for (i = 0; i < nl; i++)
              n[i] = (unsigned char) ('x' + rng_below (3));
            if (where + nl <= hl)
              memcpy (h + where, n, nl);
            mmu__needle_init (&nd, n, nl);
            check_nul ("nul", caseno++, h, hl, &nd,
                       naive_find (h, hl, n, nl));
            for (z = 0; z < hl; z++)
              {
                unsigned char keep;
                if (hl > 300 && z % 16 > 1 && z % 16 < 15
                    && z > 100 && hl - z > 100)
                  continue;
                keep = h[z];
                h[z] = 0;
                check_nul ("nul", caseno++, h, hl, &nd,
                           naive_find (h, hl, n, nl));
                h[z] = keep;
              }
          }
      free (h);
    }
  if (discrepancies == before)
    pass (MEMFIND_TEST_NAME ": memfind_needle_nul: %lu cases with NULs "
          "at block edges", caseno);
}

int
main (void)
{
  test_edges ();
  test_nul ();
  test_short ();
  test_long ();
  test_adversarial ();
  if (discrepancies > MAX_REPORTED)
    fail (MEMFIND_TEST_NAME ": %lu more discrepancies not shown",
          discrepancies - MAX_REPORTED);
  totals ();
  return 0;
}
