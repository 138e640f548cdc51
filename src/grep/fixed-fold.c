/* fixed-fold.c -- -i in engine-fixed.c: which strings fold within
   ASCII, and what every match of the others holds (the prefilter of
   -i with letters outside ASCII).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "fixed-fold.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "localeinfo.h"
#include "matcher.h"
#include "memfind.h"
#include "xalloc.h"

bool
fold_is_ascii (char const *p, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = p[i];
      if (c >= 0x80)
        return false;
      if (!isalpha (c))
        continue;
      if (matcher_multibyte)
        {
          wchar_t folded[CASE_FOLDED_BUFSIZE];
          int n = case_folded_counterparts (c, folded);
          for (int k = 0; k < n; k++)
            if ((unsigned int) folded[k] >= 0x80)
              return false;
        }
    }
  if (!matcher_multibyte)
    for (int c = 0x80; c <= UCHAR_MAX; c++)
      if (tolower (c) < 0x80 || toupper (c) < 0x80)
        return false;
  return true;
}

/* How common the byte C is in text (mmu__byte_rank: lower is rarer),
   under -i: the commoner of an ASCII letter's two cases.  */
static int
fold_rank (unsigned char c)
{
  int r = mmu__byte_rank[c];
  if (c < 0x80 && isalpha (c))
    {
      int l = mmu__byte_rank[tolower (c)], u = mmu__byte_rank[toupper (c)];
      r = l > u ? l : u;
    }
  return r;
}

/* How rare the string P (LEN bytes) is, under -i: its rarest byte's
   fold_rank.  */
static int
run_rank (char const *p, size_t len)
{
  int r = INT_MAX;
  for (size_t i = 0; i < len; i++)
    if (fold_rank (p[i]) < r)
      r = fold_rank (p[i]);
  return r;
}

/* The case variants (case_folded_counterparts) of the character at P
   (N bytes, N > 1), itself included, encoded and separated by
   newlines, in OUT (*OUTLEN bytes, at most VARIANTS_MAX); and how
   rare the commonest of them is (run_rank), INT_MAX if they cannot be
   had.  */
enum { VARIANTS_MAX = (CASE_FOLDED_BUFSIZE + 1) * (MB_LEN_MAX + 1) };
/* Variants this common (ſ: s and S) are no prefilter.  */
enum { VARIANTS_COMMON = 200 };
/* A byte this rare (mmu__byte_rank; C3, which starts the UTF-8 of
   most accented Latin letters, is 155) is worth a search of its own.  */
enum { RARE_BYTE = 160 };
static int
char_variants (char const *p, size_t n, char *out, size_t *outlen)
{
  mbstate_t st = { 0 };
  wchar_t wc;
  if (mbrtowc (&wc, p, n, &st) != n)
    return INT_MAX;
  wchar_t v[CASE_FOLDED_BUFSIZE + 1];
  int nv = case_folded_counterparts (wc, v);
  v[nv++] = wc;
  int rank = 0;
  size_t len = 0, vlen[CASE_FOLDED_BUFSIZE + 1];
  char const *var[CASE_FOLDED_BUFSIZE + 1];
  for (int i = 0; i < nv; i++)
    {
      mbstate_t wst = { 0 };
      var[i] = out + len;
      vlen[i] = wcrtomb (out + len, v[i], &wst);
      if (vlen[i] == (size_t) -1 || vlen[i] == 0)
        return INT_MAX;
      int r = run_rank (var[i], vlen[i]);
      if (r > rank)
        rank = r;
      len += vlen[i];
      out[len++] = '\n';
    }
  *outlen = len - 1;
  /* Variants that share their first bytes (Ö and ö: C3 96 and C3 B6)
     are one string, those bytes, if no commoner, or if they are one
     rare byte: memchr finds one byte several times faster than the
     SIMD search finds two strings.  */
  size_t common = 0;
  for (bool all = nv > 1; all; common += all)
    for (int i = 0; i < nv && all; i++)
      all = common < vlen[i] && var[i][common] == var[0][common];
  if (common
      && (run_rank (var[0], common) <= rank
          || (common == 1 && run_rank (var[0], 1) < RARE_BYTE)))
    {
      *outlen = common;
      rank = run_rank (var[0], common);
    }
  return rank;
}

char *
fold_safe_set (char const *patterns, size_t size, bool variants,
               size_t *len)
{
  size_t cap = size + 1, n = 0;
  char *set = xmalloc (cap);
  char const *lim = patterns + size;
  for (char const *p = patterns; p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      char const *best = NULL, *run = NULL;
      size_t bestlen = 0, vlen = 0;
      char var[VARIANTS_MAX], bestvar[VARIANTS_MAX];
      int bestvar_rank = INT_MAX;
      for (char const *q = p; q <= end; q++)
        {
          if (q < end && fold_is_ascii (q, 1))
            {
              if (!run)
                run = q;
              continue;
            }
          if (run && (size_t) (q - run) > bestlen)
            {
              best = run;
              bestlen = q - run;
            }
          run = NULL;
          mbstate_t st = { 0 };
          size_t clen = q < end ? mbrlen (q, end - q, &st) : 0;
          if (variants && 1 < clen && clen <= (size_t) (end - q))
            {
              size_t cv;
              int r = char_variants (q, clen, var, &cv);
              if (r < bestvar_rank)
                {
                  bestvar_rank = r;
                  memcpy (bestvar, var, cv);
                  vlen = cv;
                }
              q += clen - 1;
            }
        }
      char const *lit = best;
      size_t litlen = bestlen;
      /* The variants when they are one rare byte (memchr), or when
         there is no run, and they are not too common.  A run is
         searched faster than several strings (a SIMD search of one
         string against one of several).  */
      if (bestvar_rank != INT_MAX
          && ((vlen == 1 && bestvar_rank < RARE_BYTE
               && (!best || bestvar_rank < run_rank (best, bestlen)))
              || (!best && bestvar_rank < VARIANTS_COMMON)))
        lit = bestvar, litlen = vlen;
      if (!lit)
        {
          free (set);
          return NULL;
        }
      if (cap < n + litlen + 2)
        {
          cap = 2 * (n + litlen + 2);
          set = xrealloc (set, cap);
        }
      if (n)
        set[n++] = '\n';
      memcpy (set + n, lit, litlen);
      n += litlen;
      p = end + 1;
    }
  *len = n;
  return set;
}
