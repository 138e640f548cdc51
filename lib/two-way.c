/* two-way.c -- the Two-Way string search, forwards and backwards.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published
   by the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   Lesser General Public License for more details.

   You should have received a copy of the GNU Lesser General Public
   License along with this program.  If not, see
   <https://www.gnu.org/licenses/>.  */

/* The Two-Way algorithm (Crochemore and Perrin, 1991): linear in the
   worst case, and no memory.  memfind.c falls back on it when its
   prefilter finds too many candidates.  The same code runs backwards
   for memrfind: the C library has no reverse memmem.  */

#include <config.h>

#include "two-way.h"

#include <stdbool.h>
#include <stdint.h>

#if defined __GNUC__ || defined __clang__
# define ALWAYS_INLINE inline __attribute__ ((__always_inline__))
# define PURE __attribute__ ((__pure__))
#else
# define ALWAYS_INLINE inline
# define PURE
#endif

/* In the Two-Way functions REV selects the direction: when true,
   index I of the haystack (needle) means byte LEN - 1 - I, so that a
   forward search of the reversed strings finds the last occurrence.
   The functions are always inlined with a constant REV.  */
#define TW_H(i) (rev ? h[hl - 1 - (i)] : h[i])
#define TW_N(i) (rev ? n[nl - 1 - (i)] : n[i])

/* Compute the critical factorization of the needle (of length NL >= 2)
   and return its position; store the period of the right half in
   *PERIOD.  This is the classic maximal-suffix computation, done for
   both orders of the alphabet (as in glibc's str-two-way.h).
   Arithmetic on SIZE_MAX wraps on purpose.  */
static ALWAYS_INLINE size_t
tw_factorize (const unsigned char *n, size_t nl, bool rev, size_t *period)
{
  size_t ms, ms_rev, j, k, p;
  unsigned char a, b;

  if (nl < 3)
    {
      *period = 1;
      return nl - 1;
    }

  ms = SIZE_MAX;
  j = 0;
  k = p = 1;
  while (j + k < nl)
    {
      a = TW_N (j + k);
      b = TW_N (ms + k);
      if (a < b)
        {
          j += k;
          k = 1;
          p = j - ms;
        }
      else if (a == b)
        {
          if (k != p)
            ++k;
          else
            {
              j += p;
              k = 1;
            }
        }
      else
        {
          ms = j++;
          k = p = 1;
        }
    }
  *period = p;

  ms_rev = SIZE_MAX;
  j = 0;
  k = p = 1;
  while (j + k < nl)
    {
      a = TW_N (j + k);
      b = TW_N (ms_rev + k);
      if (b < a)
        {
          j += k;
          k = 1;
          p = j - ms_rev;
        }
      else if (a == b)
        {
          if (k != p)
            ++k;
          else
            {
              j += p;
              k = 1;
            }
        }
      else
        {
          ms_rev = j++;
          k = p = 1;
        }
    }

  if (ms_rev + 1 < ms + 1)
    return ms + 1;
  *period = p;
  return ms_rev + 1;
}

/* Return the first (in the direction REV) start of the needle N of
   length NL (2 <= NL <= HL) in the haystack H of length HL, as an index
   in that direction's coordinates, or SIZE_MAX if there is none.  */
PURE static ALWAYS_INLINE size_t
two_way (const unsigned char *h, size_t hl, const unsigned char *n,
         size_t nl, bool rev)
{
  size_t period, suffix, i, j;
  size_t avail = hl - nl;
  bool periodic = true;

  suffix = tw_factorize (n, nl, rev, &period);

  /* Is the needle periodic with PERIOD, i.e. is the left half a suffix
     of its shift by PERIOD?  */
  for (i = 0; i < suffix; i++)
    if (TW_N (i) != TW_N (i + period))
      {
        periodic = false;
        break;
      }

  if (periodic)
    {
      size_t memory = 0;
      j = 0;
      while (j <= avail)
        {
          /* Scan the right half.  */
          i = suffix > memory ? suffix : memory;
          while (i < nl && TW_N (i) == TW_H (i + j))
            ++i;
          if (nl <= i)
            {
              /* Scan the left half.  */
              i = suffix - 1;
              while (memory < i + 1 && TW_N (i) == TW_H (i + j))
                --i;
              if (i + 1 < memory + 1)
                return j;
              j += period;
              memory = nl - period;
            }
          else
            {
              j += i - suffix + 1;
              memory = 0;
            }
        }
    }
  else
    {
      period = (suffix > nl - suffix ? suffix : nl - suffix) + 1;
      j = 0;
      while (j <= avail)
        {
          i = suffix;
          while (i < nl && TW_N (i) == TW_H (i + j))
            ++i;
          if (nl <= i)
            {
              i = suffix - 1;
              while (i != SIZE_MAX && TW_N (i) == TW_H (i + j))
                --i;
              if (i == SIZE_MAX)
                return j;
              j += period;
            }
          else
            j += i - suffix + 1;
        }
    }
  return SIZE_MAX;
}

#undef TW_H
#undef TW_N

const unsigned char *
mmu__two_way_fwd (const unsigned char *h, size_t hl,
                  const unsigned char *n, size_t nl)
{
  size_t j;
  if (nl > hl)
    return NULL;
  j = two_way (h, hl, n, nl, false);
  return j == SIZE_MAX ? NULL : h + j;
}

const unsigned char *
mmu__two_way_rev (const unsigned char *h, size_t hl,
                  const unsigned char *n, size_t nl)
{
  size_t j;
  if (nl > hl)
    return NULL;
  j = two_way (h, hl, n, nl, true);
  return j == SIZE_MAX ? NULL : h + (hl - nl - j);
}
