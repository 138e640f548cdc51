/* litset.c -- test mmgrep's search for a few literal strings.
   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   What this checks, and why.

   src/grep/litset.c finds the first position where any of up to eight
   strings occurs, exactly or with ASCII letters folded, with a SIMD
   prefilter on two bytes of each string, wide loads that must stay
   inside the haystack, a one-position-at-a-time tail, and a give-up
   when false candidates cost too much.  Like the memfind test, it
   compares the search with a naive one, which is obviously right, over
   many random cases from a fixed seed:

   - haystacks of every length 0..200 over alphabets of 2, 3 and 6
     bytes (upper and lower case letters among them, so that folding
     matters), and sets of 1..8 strings of 1..12 bytes, taken from the
     haystack or random; every occurrence is walked through in turn,
     with the set of strings that occur there;
   - a megabyte of "a" with the strings "aaab" and "b": the first gives
     up (the answer says where to go on from, which must not be past
     an occurrence), the second is found at the end.

   The haystack is in a heap block of exactly its size, so that
   AddressSanitizer or valgrind reports any read past its end.  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dejagnu.h>

#include "litset.h"

static uint64_t seed = 0x5eed1e55;

static unsigned int
rnd (unsigned int n)
{
  seed = seed * 6364136223846793005u + 1442695040888963407u;
  return (seed >> 33) % n;
}

static unsigned char
fold (unsigned char c, int icase)
{
  return icase && 'A' <= c && c <= 'Z' ? c + 32 : c;
}

/* The strings that occur at P, wholly before LIM.  */
static unsigned int
naive_at (char const *p, char const *lim, char **s, size_t *len,
          unsigned int n, int icase)
{
  unsigned int which = 0;
  for (unsigned int i = 0; i < n; i++)
    if (len[i] <= (size_t) (lim - p))
      {
        size_t k = 0;
        while (k < len[i]
               && fold (p[k], icase) == fold (s[i][k], icase))
          k++;
        if (k == len[i])
          which |= 1u << i;
      }
  return which;
}

static int failures;

static void
report (char const *what, size_t hl, unsigned int n, int icase)
{
  if (failures++ < 10)
    {
      char msg[200];
      snprintf (msg, sizeof msg, "litset: %s (haystack %zu bytes, "
                "%u strings, icase %d)", what, hl, n, icase);
      fail ("%s", msg);
    }
}

/* Walk through every occurrence in H[0..HL) and compare.  */
static void
check_case (char const *h, size_t hl, char **s, size_t *len,
            unsigned int n, int icase)
{
  char buf[8 * 13];
  size_t size = 0;
  for (unsigned int i = 0; i < n; i++)
    {
      if (i)
        buf[size++] = '\n';
      memcpy (buf + size, s[i], len[i]);
      size += len[i];
    }
  struct litset *ls = litset_compile (buf, size, icase);
  if (!ls)
    {
      report ("no SIMD search compiled", hl, n, icase);
      return;
    }
  char const *lim = h + hl;
  for (char const *p = h; p <= lim;)
    {
      char const *want = NULL;
      unsigned int want_which = 0;
      for (char const *q = p; q < lim && !want; q++)
        if ((want_which = naive_at (q, lim, s, len, n, icase)))
          want = q;
      unsigned int which = 0;
      char const *resume = NULL;
      char const *got = litset_next (ls, p, lim, &which, &resume);
      if (got == litset_give_up)
        {
          if (resume < p || (want && resume > want) || resume > lim)
            report ("gave up past an occurrence", hl, n, icase);
          p = resume > p ? resume : p + 1;
          continue;
        }
      if (got != want || (got && which != want_which))
        {
          report ("wrong occurrence", hl, n, icase);
          break;
        }
      if (!got)
        break;
      p = got + 1;
    }
  litset_free (ls);
}

int
main (void)
{
  static char const *alphabets[] = { "ab", "aAb", "abcABC\n" };
  char str[8][13];
  char *s[8];
  size_t len[8];
  for (int i = 0; i < 8; i++)
    s[i] = str[i];

  struct litset *probe = litset_compile ("a", 1, false);
  if (!probe)
    {
      untested ("litset: no SIMD search on this machine");
      totals ();
      return EXIT_SUCCESS;
    }
  litset_free (probe);

  int cases = 0;
  for (size_t hl = 0; hl <= 200; hl++)
    for (int round = 0; round < 12; round++)
      {
        char const *alpha = alphabets[rnd (3)];
        size_t al = strlen (alpha);
        char *h = malloc (hl ? hl : 1);
        for (size_t k = 0; k < hl; k++)
          h[k] = alpha[rnd (al)];
        unsigned int n = 1 + rnd (8);
        for (unsigned int i = 0; i < n; i++)
          {
            len[i] = 1 + rnd (12);
            if (hl >= len[i] && rnd (2))
              memcpy (s[i], h + rnd (hl - len[i] + 1), len[i]);
            else
              for (size_t k = 0; k < len[i]; k++)
                s[i][k] = "abAB"[rnd (4)];
            /* A newline separates the strings.  */
            for (size_t k = 0; k < len[i]; k++)
              if (s[i][k] == '\n')
                s[i][k] = 'c';
          }
        check_case (h, hl, s, len, n, rnd (2));
        free (h);
        cases++;
      }
  if (!failures)
    pass ("litset: %d random cases agree with a naive search", cases);

  /* Adversarial.  */
  size_t big = 1 << 20;
  char *h = malloc (big);
  memset (h, 'a', big);
  h[big - 1] = 'b';
  struct litset *ls = litset_compile ("aaab", 4, false);
  unsigned int which;
  char const *resume = NULL;
  char const *got = ls ? litset_next (ls, h, h + big, &which, &resume)
                       : NULL;
  if (got == litset_give_up && resume <= h + big - 4)
    pass ("litset: a haystack of candidates makes it give up in time");
  else if (got == h + big - 4)
    pass ("litset: a haystack of candidates: found at the end");
  else
    fail ("litset: a haystack of candidates");
  litset_free (ls);
  ls = litset_compile ("b", 1, false);
  got = ls ? litset_next (ls, h, h + big, &which, &resume) : NULL;
  if (got == h + big - 1 && which == 1)
    pass ("litset: one byte at the end of a megabyte");
  else
    fail ("litset: one byte at the end of a megabyte");
  litset_free (ls);
  free (h);
  totals ();
  return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
