/* litset.c -- find any of a few literal strings, fast (see litset.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   How it works.  For each string, two of its bytes are picked by the
   static byte ranks of lib/memfind.c (the rarest, then the rarest
   other one), B1 at offset O1 and B2 at offset O2.  A position P is a
   candidate for the string when HAY[P + O1] is B1 and HAY[P + O2] is
   B2; with ASCII case folding, when HAY[P + O1] | 0x20 is B1 | 0x20 for
   a letter B1 (only the two cases of the letter pass that test).  With
   SIMD, 32 (AVX2) or 16 (SSE2) positions are tested at once for every
   string: two unaligned loads, two OR, two compares and an AND per
   string, ORed over the strings, one movemask.  Only candidates are
   compared with the strings.  This is the prefilter of the library's
   mmu__memfind, widened to several strings and to case folding; it
   runs at memory speed while candidates are rare.

   A haystack can make every position a candidate ("aaaa..." for the
   string "aaab").  Each candidate is charged for the bytes it compares;
   once the charge passes a few times the bytes scanned, litset_next
   gives up and its caller goes on with the Aho-Corasick automaton,
   which is linear whatever the input.  */

#include <config.h>

#include "litset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memfind.h"
#include "xalloc.h"

#if ((defined __x86_64__ || defined __i386__) && defined __SSE2__ \
     && (defined __GNUC__ || defined __clang__))
# define LITSET_X86 1
# include <immintrin.h>
#else
# define LITSET_X86 0
#endif

char const litset_give_up[1];

struct litset
{
  unsigned int n;
  bool icase;
  /* The farthest offset of a picked byte, over the strings.  */
  size_t span;
  size_t len[LITSET_MAX];
  unsigned char *str[LITSET_MAX];   /* folded to lower case with ICASE */
  size_t off1[LITSET_MAX], off2[LITSET_MAX];
  unsigned char val1[LITSET_MAX], val2[LITSET_MAX];
  unsigned char or1[LITSET_MAX], or2[LITSET_MAX];
  char const *(*scan) (struct litset const *, unsigned char const *,
                       unsigned char const *, unsigned char const *,
                       unsigned int *, char const **);
};

/* Everything below builds and runs the SIMD scans: where there are
   none (no SSE2, as in an i386 build for i686), litset_compile says no
   and the callers use their own search.  */
#if LITSET_X86
static bool
ascii_alpha (unsigned char c)
{
  return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z');
}

static unsigned char
ascii_lower (unsigned char c)
{
  return 'A' <= c && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* How common C is: with case folding, a letter is as common as its
   more common case.  */
static unsigned int
rank_of (unsigned char c, bool icase)
{
  unsigned int r = mmu__byte_rank[c];
  if (icase && ascii_alpha (c))
    {
      unsigned int r2 = mmu__byte_rank[ascii_lower (c) ^ 0x20];
      unsigned int r1 = mmu__byte_rank[ascii_lower (c)];
      r = r1 > r2 ? r1 : r2;
    }
  return r;
}

/* The candidates' bytes of string I.  */
static void
pick (struct litset *ls, unsigned int i)
{
  unsigned char const *s = ls->str[i];
  size_t len = ls->len[i];
  size_t i1 = 0;
  for (size_t k = 1; k < len; k++)
    if (rank_of (s[k], ls->icase) < rank_of (s[i1], ls->icase))
      i1 = k;
  size_t i2 = len - 1;
  unsigned int best = UINT32_MAX;
  for (size_t k = 0; k < len; k++)
    if (s[k] != s[i1] && rank_of (s[k], ls->icase) < best)
      {
        i2 = k;
        best = rank_of (s[k], ls->icase);
      }
  ls->off1[i] = i1;
  ls->off2[i] = i2;
  bool f1 = ls->icase && ascii_alpha (s[i1]);
  bool f2 = ls->icase && ascii_alpha (s[i2]);
  ls->or1[i] = f1 ? 0x20 : 0;
  ls->or2[i] = f2 ? 0x20 : 0;
  ls->val1[i] = s[i1] | ls->or1[i];
  ls->val2[i] = s[i2] | ls->or2[i];
  size_t far = i1 > i2 ? i1 : i2;
  if (far > ls->span)
    ls->span = far;
}

/* Whether string I occurs at P.  */
static bool
occurs (struct litset const *ls, unsigned int i, unsigned char const *p)
{
  unsigned char const *s = ls->str[i];
  size_t len = ls->len[i];
  if (!ls->icase)
    return memcmp (p, s, len) == 0;
  for (size_t k = 0; k < len; k++)
    if (ascii_lower (p[k]) != s[k])
      return false;
  return true;
}

/* The strings that occur at P, wholly before LIM; charge *WORK.  */
static unsigned int
check (struct litset const *ls, unsigned char const *p,
       unsigned char const *lim, size_t *work)
{
  unsigned int which = 0;
  for (unsigned int i = 0; i < ls->n; i++)
    if (ls->len[i] <= (size_t) (lim - p))
      {
        *work += ls->len[i] + 8;
        if (occurs (ls, i, p))
          which |= 1u << i;
      }
  return which;
}

/* How much checking the bytes from BEG to P may cost.  */
static bool
over_budget (size_t work, unsigned char const *beg, unsigned char const *p)
{
  return work > 4 * (size_t) (p - beg) + 65536;
}

/* The positions from P on one at a time.  */
static char const *
scan_scalar (struct litset const *ls, unsigned char const *beg,
             unsigned char const *p, unsigned char const *lim,
             unsigned int *which, char const **resume)
{
  size_t work = 0;
  for (; p < lim; p++)
    {
      bool maybe = false;
      for (unsigned int i = 0; i < ls->n && !maybe; i++)
        maybe = (ls->len[i] <= (size_t) (lim - p)
                 && (p[ls->off1[i]] | ls->or1[i]) == ls->val1[i]);
      if (!maybe)
        continue;
      unsigned int w = check (ls, p, lim, &work);
      if (w)
        {
          *which = w;
          return (char const *) p;
        }
      if (over_budget (work, beg, p))
        {
          *resume = (char const *) p;
          return litset_give_up;
        }
    }
  return NULL;
}

/* One SIMD scan: TARGET the function attribute, VEC the vector type, W
   its width, and the operations; N is the number of strings (1 lets
   the compiler keep the constants in registers).  The loads at
   P + OFF stay inside [P, LIM) as long as P + SPAN + W <= LIM; the
   positions after that go one at a time.  */
# define LITSET_SCAN(NAME, TARGET, VEC, W, LOADU, SET1, OR, AND, CMPEQ, \
                     MOVEMASK, N, FOLD)                                \
  TARGET static char const *                                           \
  NAME (struct litset const *ls, unsigned char const *beg,             \
        unsigned char const *p, unsigned char const *lim,              \
        unsigned int *which, char const **resume)                      \
  {                                                                    \
    size_t work = 0;                                                   \
    unsigned int n = (N);                                              \
    VEC v1[LITSET_MAX], v2[LITSET_MAX], f1[LITSET_MAX], f2[LITSET_MAX]; \
    for (unsigned int i = 0; i < n; i++)                               \
      {                                                                \
        v1[i] = SET1 ((char) ls->val1[i]);                             \
        v2[i] = SET1 ((char) ls->val2[i]);                             \
        f1[i] = SET1 ((char) ls->or1[i]);                              \
        f2[i] = SET1 ((char) ls->or2[i]);                              \
      }                                                                \
    while ((size_t) (lim - p) >= ls->span + (W))                       \
      {                                                                \
        VEC acc = CMPEQ (SET1 (1), SET1 (0));                          \
        for (unsigned int i = 0; i < n; i++)                           \
          {                                                            \
            VEC a = LOADU ((void const *) (p + ls->off1[i]));          \
            VEC b = LOADU ((void const *) (p + ls->off2[i]));          \
            if (FOLD)                                                  \
              {                                                        \
                a = OR (a, f1[i]);                                     \
                b = OR (b, f2[i]);                                     \
              }                                                        \
            acc = OR (acc, AND (CMPEQ (a, v1[i]), CMPEQ (b, v2[i])));  \
          }                                                            \
        uint32_t mask = MOVEMASK (acc);                                \
        while (mask)                                                   \
          {                                                            \
            unsigned char const *c = p + __builtin_ctz (mask);         \
            mask &= mask - 1;                                          \
            unsigned int w = check (ls, c, lim, &work);                \
            if (w)                                                     \
              {                                                        \
                *which = w;                                            \
                return (char const *) c;                               \
              }                                                        \
          }                                                            \
        p += (W);                                                      \
        if (over_budget (work, beg, p))                                \
          {                                                            \
            *resume = (char const *) p;                                \
            return litset_give_up;                                     \
          }                                                            \
      }                                                                \
    return scan_scalar (ls, beg, p, lim, which, resume);               \
  }

/* The four variants of one width: one string or several, folded or
   not.  */
# define LITSET_SCANS(PREFIX, TARGET, VEC, W, LOADU, SET1, OR, AND,   \
                      CMPEQ, MOVEMASK)                                 \
  LITSET_SCAN (PREFIX##_1, TARGET, VEC, W, LOADU, SET1, OR, AND,       \
               CMPEQ, MOVEMASK, 1, false)                              \
  LITSET_SCAN (PREFIX##_n, TARGET, VEC, W, LOADU, SET1, OR, AND,       \
               CMPEQ, MOVEMASK, ls->n, false)                          \
  LITSET_SCAN (PREFIX##_1i, TARGET, VEC, W, LOADU, SET1, OR, AND,      \
               CMPEQ, MOVEMASK, 1, true)                               \
  LITSET_SCAN (PREFIX##_ni, TARGET, VEC, W, LOADU, SET1, OR, AND,      \
               CMPEQ, MOVEMASK, ls->n, true)                           \
  static void                                                          \
  PREFIX##_choose (struct litset *ls)                                  \
  {                                                                    \
    ls->scan = (ls->n == 1                                             \
                ? (ls->icase ? PREFIX##_1i : PREFIX##_1)               \
                : (ls->icase ? PREFIX##_ni : PREFIX##_n));             \
  }

# define SSE2_LOADU(a) _mm_loadu_si128 ((__m128i const *) (a))
# define SSE2_MOVEMASK(v) ((uint32_t) _mm_movemask_epi8 (v))
LITSET_SCANS (scan_sse2, , __m128i, 16, SSE2_LOADU, _mm_set1_epi8,
              _mm_or_si128, _mm_and_si128, _mm_cmpeq_epi8, SSE2_MOVEMASK)

# if defined __x86_64__ && (4 < __GNUC__ || defined __clang__)
#  define LITSET_AVX2 1
#  define AVX2_TARGET __attribute__ ((__target__ ("avx2")))
#  define AVX2_LOADU(a) _mm256_loadu_si256 ((__m256i const *) (a))
#  define AVX2_MOVEMASK(v) ((uint32_t) _mm256_movemask_epi8 (v))
LITSET_SCANS (scan_avx2, AVX2_TARGET, __m256i, 32, AVX2_LOADU,
              _mm256_set1_epi8, _mm256_or_si256, _mm256_and_si256,
              _mm256_cmpeq_epi8, AVX2_MOVEMASK)
# else
#  define LITSET_AVX2 0
# endif
#endif

struct litset *
litset_compile (char const *strings, size_t size, bool icase)
{
#if !LITSET_X86
  (void) strings;
  (void) size;
  (void) icase;
  return NULL;
#else
  struct litset *ls = xzalloc (sizeof *ls);
  ls->icase = icase;
  char const *lim = strings + size;
  for (char const *p = strings; p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      if (end == p || ls->n == LITSET_MAX)
        {
          litset_free (ls);
          return NULL;
        }
      unsigned int i = ls->n++;
      ls->len[i] = end - p;
      ls->str[i] = xmemdup (p, end - p);
      if (icase)
        for (size_t k = 0; k < ls->len[i]; k++)
          ls->str[i][k] = ascii_lower (ls->str[i][k]);
      pick (ls, i);
      p = end + 1;
    }
  scan_sse2_choose (ls);
# if LITSET_AVX2
  if (__builtin_cpu_supports ("avx2"))
    scan_avx2_choose (ls);
# endif
  return ls;
#endif
}

char const *
litset_next (struct litset const *ls, char const *beg, char const *lim,
             unsigned int *which, char const **resume)
{
  unsigned char const *b = (unsigned char const *) beg;
  return ls->scan (ls, b, b, (unsigned char const *) lim, which, resume);
}

size_t
litset_len (struct litset const *ls, unsigned int i)
{
  return ls->len[i];
}

void
litset_free (struct litset *ls)
{
  if (!ls)
    return;
  for (unsigned int i = 0; i < ls->n; i++)
    free (ls->str[i]);
  free (ls);
}
