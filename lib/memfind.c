/* memfind.c -- raw byte search, internal to libmmap-util.
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

/* How it works.

   A needle of one byte is memchr (memrchr), which the C library
   vectorizes.  For longer needles we pick, with a static table of byte
   frequencies (byte-rank.c), the two rarest bytes of the needle, B1 at
   offset I1 and B2 at offset I2 (I1 != I2, and B1 != B2 when the
   needle has two distinct bytes).  A start position P is a candidate when
   HAY[P + I1] == B1 and HAY[P + I2] == B2; only candidates are compared
   with memcmp.

   - With SSE2 (every x86-64), 64 start positions are tested per step:
     four unaligned 16-byte loads at P + I1 and four at P + I2,
     compared with B1 and B2, ANDed, ORed together for one test, and
     turned into a 64-bit mask only when something matched.  Then 16
     positions per step, then the last 16 start positions are loaded
     again, overlapping, with the positions already seen masked off:
     every load lies wholly inside the haystack.  Haystacks with fewer
     than 16 start positions take the portable path.
   - The portable path runs memchr for B1 and checks B2 before memcmp.

   memrfind is the mirror image: blocks from the end, bits from the top,
   memrchr.

   mmu__memfind_needle_nul is the forward search whose SIMD loops also
   compare the blocks loaded at P + I1 with 0 (the minimum of the
   loads, ORed into the test that is already there), for mmgrep, which
   must know where a file holds NULs: the prefix of the haystack that
   its loads proved free of them is reported, the few bytes before
   I1 and after the last load checked with memchr.  At the first block
   with a NUL it goes on as the plain loop.

   A prefilter is only fast while candidates are rare; an adversary (or
   a periodic haystack such as "abab...") can make every position one.
   So each candidate is charged for the work it causes, and once the
   charge exceeds a few times the bytes scanned, the search gives up
   the pair.  The first time, it picks the pair again by how often the
   needle's bytes occur in the last 4 KiB scanned (the static table
   knows nothing of this haystack: "e" is common in C and English, but
   maybe absent from this file) and goes on with a fresh budget.  The
   second time, or when the new pair is the old one, it finishes the
   remaining haystack with the Two-Way algorithm (Crochemore and
   Perrin, 1991; two-way.c), which is linear in the worst case and needs
   no memory.  The total work is therefore linear.  The same Two-Way
   code runs backwards for memrfind (the C library has no reverse
   memmem).

   Measured on a 256 MiB haystack of "abab...": the needle
   "(ab){20}e" took 0.35 s through Two-Way, 0.023 s (memory speed)
   with the pair picked again; "abababababaa", whose bytes are all
   common there, stays with Two-Way at about 0.3 s; glibc's memmem
   takes 0.8 to 0.95 s on either.  */

#include <config.h>

#include "memfind.h"
#include "two-way.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if !defined MMU_MEMFIND_NO_SIMD && defined __SSE2__
# define MEMFIND_SSE2 1
# include <emmintrin.h>
#else
# define MEMFIND_SSE2 0
#endif

/* AVX2 where the compiler can target it for one function and the
   processor, asked at run time, has it.  */
#if (MEMFIND_SSE2 && !defined MMU_MEMFIND_NO_AVX2 && defined __x86_64__ \
     && (4 < __GNUC__ || defined __clang__))
# define MEMFIND_AVX2 1
# include <immintrin.h>
#else
# define MEMFIND_AVX2 0
#endif

#if defined __GNUC__ || defined __clang__
# define ALWAYS_INLINE inline __attribute__ ((__always_inline__))
# define PURE __attribute__ ((__pure__))
# define LIKELY(e) __builtin_expect (!!(e), 1)
# define UNLIKELY(e) __builtin_expect (!!(e), 0)
#else
# define ALWAYS_INLINE inline
# define PURE
# define LIKELY(e) (e)
# define UNLIKELY(e) (e)
#endif

/* ---------------------------------------------------------------- */
/* Small portable helpers.                                          */

static const unsigned char *
rev_memchr (const unsigned char *s, unsigned char c, size_t n)
{
#if HAVE_MEMRCHR
  return memrchr (s, c, n);
#else
  while (n--)
    if (s[n] == c)
      return s + n;
  return NULL;
#endif
}

/* ---------------------------------------------------------------- */
/* The prefilter.                                                   */

/* Pick the rarest byte of N (NL >= 2), then the rarest byte that
   differs from it, the first occurrence of each; if N is one byte
   repeated, its last offset.  Rarest means lowest static rank; with
   COUNTS, lowest count (the static rank breaking ties).  Ranks are a
   permutation, so two offsets have the same key only if they hold the
   same byte.  */
static ALWAYS_INLINE void
pick_pair (const unsigned char *n, size_t nl, const size_t *counts,
           struct mmu__rare_pair *rp)
{
#define KEY(b) (counts ? counts[b] * 256 + mmu__byte_rank[b] \
                : mmu__byte_rank[b])
  size_t i, i1 = 0, i2 = nl - 1;
  size_t k1 = KEY (n[0]), k2 = SIZE_MAX;

  for (i = 1; i < nl; i++)
    {
      size_t k = KEY (n[i]);
      if (k < k1)
        {
          i2 = i1;
          k2 = k1;
          i1 = i;
          k1 = k;
        }
      else if (k < k2 && k != k1)
        {
          i2 = i;
          k2 = k;
        }
    }
#undef KEY
  rp->i1 = i1;
  rp->i2 = i2;
  rp->b1 = n[i1];
  rp->b2 = n[i2];
}

static void
pick_rare_pair (const unsigned char *n, size_t nl, struct mmu__rare_pair *rp)
{
  pick_pair (n, nl, NULL, rp);
}

/* When the static ranks were wrong for this haystack, pick the pair
   again by how often the needle's bytes occur in the REPICK_WINDOW
   bytes just scanned.  */
#define REPICK_WINDOW 4096

/* Pick *RP again by the byte counts of W[0..WL).  Return false if that
   gives the same two offsets.  */
static bool
repick_pair (const unsigned char *w, size_t wl, const unsigned char *n,
             size_t nl, struct mmu__rare_pair *rp)
{
  size_t counts[256] = { 0 };
  struct mmu__rare_pair old = *rp;
  size_t i;

  for (i = 0; i < wl; i++)
    counts[w[i]]++;
  pick_pair (n, nl, counts, rp);
  return !((rp->i1 == old.i1 && rp->i2 == old.i2)
           || (rp->i1 == old.i2 && rp->i2 == old.i1));
}

/* The bookkeeping that bounds the prefilter's work.  Each candidate is
   charged for its memcmp (the bytes it may compare) plus a fixed cost
   for leaving the scan loop; when the charge exceeds
   MMU_MEMFIND_BUDGET_PER_BYTE times the bytes scanned plus
   MMU_MEMFIND_BUDGET_SLACK, the search gives up the pair (see the top
   of this file).  The tests set both to 0, so that a search gives up
   at its first false candidate, and after picking again, at the next
   one goes over to Two-Way.  */
#ifndef MMU_MEMFIND_BUDGET_PER_BYTE
# define MMU_MEMFIND_BUDGET_PER_BYTE 4
#endif
#ifndef MMU_MEMFIND_BUDGET_SLACK
# define MMU_MEMFIND_BUDGET_SLACK 4096
#endif
#define CANDIDATE_COST 16
#define VERIFY_PREFIX 32

/* Whether the needle N of length NL is at H.  Add to *SPENT what that
   cost.  Comparing a prefix first keeps the charge of an early
   mismatch small for long needles.  */
static ALWAYS_INLINE bool
verify (const unsigned char *h, const unsigned char *n, size_t nl,
        size_t *spent)
{
  if (nl <= 8)
    {
      /* Short needles: cheaper than a call to memcmp.  */
      size_t i;
      *spent += CANDIDATE_COST + nl;
      for (i = 0; i < nl; i++)
        if (h[i] != n[i])
          return false;
      return true;
    }
  if (nl > VERIFY_PREFIX)
    {
      if (memcmp (h, n, VERIFY_PREFIX) != 0)
        {
          *spent += CANDIDATE_COST + VERIFY_PREFIX;
          return false;
        }
      *spent += CANDIDATE_COST + nl;
      return memcmp (h + VERIFY_PREFIX, n + VERIFY_PREFIX,
                     nl - VERIFY_PREFIX) == 0;
    }
  *spent += CANDIDATE_COST + nl;
  return memcmp (h, n, nl) == 0;
}

static ALWAYS_INLINE bool
over_budget (size_t spent, size_t scanned)
{
  size_t per_byte = MMU_MEMFIND_BUDGET_PER_BYTE;
  if (spent <= MMU_MEMFIND_BUDGET_SLACK)
    return false;
  return (per_byte == 0
          || ((spent - MMU_MEMFIND_BUDGET_SLACK) / (per_byte + !per_byte)
              > scanned));
}

/* The searches from start position P on (forward: starts [P, END)
   remain; backward: starts [0, P) remain), with the pair *RP.  When
   the budget runs out, they call give_up_fwd or give_up_rev, which
   pick the pair again once (if MAY_REPICK and that changes it) and
   search on with a fresh budget, or else finish with Two-Way.  */
PURE static const unsigned char *
find_from (const unsigned char *h, size_t hl, const unsigned char *n,
           size_t nl, const struct mmu__rare_pair *rp, size_t p,
           bool may_repick);
PURE static const unsigned char *
rfind_from (const unsigned char *h, size_t hl, const unsigned char *n,
            size_t nl, const struct mmu__rare_pair *rp, size_t p,
            bool may_repick);

/* Starts before P have been ruled out.  */
PURE static const unsigned char *
give_up_fwd (const unsigned char *h, size_t hl, const unsigned char *n,
             size_t nl, const struct mmu__rare_pair *rp, size_t p,
             bool may_repick)
{
  if (may_repick)
    {
      struct mmu__rare_pair np = *rp;
      size_t b = p - 1 + nl;    /* the end of the last window seen */
      size_t a = b > REPICK_WINDOW ? b - REPICK_WINDOW : 0;
      if (repick_pair (h + a, b - a, n, nl, &np))
        return find_from (h, hl, n, nl, &np, p, false);
    }
  return mmu__two_way_fwd (h + p, hl - p, n, nl);
}

/* Starts from P on have been ruled out.  */
PURE static const unsigned char *
give_up_rev (const unsigned char *h, size_t hl, const unsigned char *n,
             size_t nl, const struct mmu__rare_pair *rp, size_t p,
             bool may_repick)
{
  if (may_repick)
    {
      struct mmu__rare_pair np = *rp;
      size_t a = p;
      size_t b = hl - a > REPICK_WINDOW ? a + REPICK_WINDOW : hl;
      if (repick_pair (h + a, b - a, n, nl, &np))
        return rfind_from (h, hl, n, nl, &np, p, false);
    }
  return mmu__two_way_rev (h, p + nl - 1, n, nl);
}

/* The portable forward search: memchr for the rarest byte.  */
PURE static const unsigned char *
find_scalar (const unsigned char *h, size_t hl, const unsigned char *n,
             size_t nl, const struct mmu__rare_pair *rp, size_t p,
             bool may_repick)
{
  size_t end = hl - nl + 1;     /* the number of start positions */
  size_t p0 = p, spent = 0;

  while (p < end)
    {
      const unsigned char *q = memchr (h + p + rp->i1, rp->b1, end - p);
      size_t pos;
      if (!q)
        return NULL;
      pos = q - h - rp->i1;
      if (h[pos + rp->i2] == rp->b2)
        {
          if (verify (h + pos, n, nl, &spent))
            return h + pos;
        }
      else
        spent += CANDIDATE_COST;
      p = pos + 1;
      if (UNLIKELY (over_budget (spent, p - p0)))
        return give_up_fwd (h, hl, n, nl, rp, p, may_repick);
    }
  return NULL;
}

/* The portable backward search: memrchr for the rarest byte.  */
PURE static const unsigned char *
rfind_scalar (const unsigned char *h, size_t hl, const unsigned char *n,
              size_t nl, const struct mmu__rare_pair *rp, size_t p,
              bool may_repick)
{
  size_t p0 = p, spent = 0;

  while (p > 0)
    {
      const unsigned char *q = rev_memchr (h + rp->i1, rp->b1, p);
      size_t pos;
      if (!q)
        return NULL;
      pos = q - h - rp->i1;
      if (h[pos + rp->i2] == rp->b2)
        {
          if (verify (h + pos, n, nl, &spent))
            return h + pos;
        }
      else
        spent += CANDIDATE_COST;
      p = pos;
      if (UNLIKELY (over_budget (spent, p0 - p)))
        return give_up_rev (h, hl, n, nl, rp, p, may_repick);
    }
  return NULL;
}

#if MEMFIND_SSE2

/* The index of the lowest (highest) set bit of a nonzero M.  */
static ALWAYS_INLINE unsigned int
lowest_bit (uint64_t m)
{
# if defined __GNUC__ || defined __clang__
  return __builtin_ctzll (m);
# else
  unsigned int i = 0;
  while (!(m & 1))
    m >>= 1, i++;
  return i;
# endif
}

static ALWAYS_INLINE unsigned int
highest_bit (uint64_t m)
{
# if defined __GNUC__ || defined __clang__
  return 63 - __builtin_clzll (m);
# else
  unsigned int i = 63;
  while (!(m >> 63))
    m <<= 1, i--;
  return i;
# endif
}

/* Measured on the 1 GB benchmark corpus in the page cache: the scan
   loop alone ran at 9 GB/s, memchr at 12.5 GB/s; asking for the data
   4 KiB ahead (the hardware prefetcher stops at page boundaries)
   brought the loop to memchr's speed.  Prefetching has no effect on
   the results and never faults; addresses are kept inside the
   haystack all the same.  */
# define PREFETCH_AHEAD 4096
# if defined __GNUC__ || defined __clang__
#  define PREFETCH(addr) __builtin_prefetch (addr)
# else
#  define PREFETCH(addr) ((void) 0)
# endif

static ALWAYS_INLINE __m128i
match16 (const unsigned char *h1, const unsigned char *h2, size_t p,
         __m128i v1, __m128i v2)
{
  __m128i a = _mm_loadu_si128 ((const __m128i *) (const void *) (h1 + p));
  __m128i b = _mm_loadu_si128 ((const __m128i *) (const void *) (h2 + p));
  return _mm_and_si128 (_mm_cmpeq_epi8 (a, v1), _mm_cmpeq_epi8 (b, v2));
}

/* The mask of start positions P .. P + 15 whose rare bytes match.  */
static ALWAYS_INLINE uint64_t
mask16 (const unsigned char *h1, const unsigned char *h2, size_t p,
        __m128i v1, __m128i v2)
{
  return (uint32_t) _mm_movemask_epi8 (match16 (h1, h2, p, v1, v2));
}

/* The same for P .. P + 63.  */
static ALWAYS_INLINE uint64_t
mask64 (const unsigned char *h1, const unsigned char *h2, size_t p,
        __m128i v1, __m128i v2)
{
  __m128i m0 = match16 (h1, h2, p, v1, v2);
  __m128i m1 = match16 (h1, h2, p + 16, v1, v2);
  __m128i m2 = match16 (h1, h2, p + 32, v1, v2);
  __m128i m3 = match16 (h1, h2, p + 48, v1, v2);
  if (LIKELY (!_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (m0, m1),
                                                 _mm_or_si128 (m2, m3)))))
    return 0;
  return ((uint64_t) (uint32_t) _mm_movemask_epi8 (m0)
          | (uint64_t) (uint32_t) _mm_movemask_epi8 (m1) << 16
          | (uint64_t) (uint32_t) _mm_movemask_epi8 (m2) << 32
          | (uint64_t) (uint32_t) _mm_movemask_epi8 (m3) << 48);
}

/* Candidates in mask M for the block at Q, lowest first.  Returns from
   the enclosing function on a match or when the budget runs out.  */
# define FWD_CANDIDATES(m, q)                                           \
  do                                                                    \
    {                                                                   \
      uint64_t m_ = (m);                                                \
      while (m_)                                                        \
        {                                                               \
          size_t pos_ = (q) + lowest_bit (m_);                          \
          if (verify (h + pos_, n, nl, &spent))                         \
            return h + pos_;                                            \
          if (UNLIKELY (over_budget (spent, pos_ - p0)))                \
            return give_up_fwd (h, hl, n, nl, rp, pos_ + 1,             \
                                may_repick);                            \
          m_ &= m_ - 1;                                                 \
        }                                                               \
    }                                                                   \
  while (0)

/* Candidates in mask M for the block at Q, highest first.  */
# define REV_CANDIDATES(m, q)                                           \
  do                                                                    \
    {                                                                   \
      uint64_t m_ = (m);                                                \
      while (m_)                                                        \
        {                                                               \
          unsigned int bit_ = highest_bit (m_);                         \
          size_t pos_ = (q) + bit_;                                     \
          if (verify (h + pos_, n, nl, &spent))                         \
            return h + pos_;                                            \
          if (UNLIKELY (over_budget (spent, p0 - pos_)))                \
            return give_up_rev (h, hl, n, nl, rp, pos_, may_repick);    \
          m_ &= ~((uint64_t) 1 << bit_);                                \
        }                                                               \
    }                                                                   \
  while (0)

/* The body of a forward search over start positions [P, END), given
   MASK64 (the candidates among 64 start positions) and MASKV (among
   the VB after a position), and V1, V2 (the rare bytes, broadcast).
   It needs at least VB start positions.  A load at H1 + P covers
   H[P + I1 .. P + I1 + VB - 1]; with P + VB - 1 < END = HL - NL + 1
   and I1 < NL it lies inside H, and so for H2.  */
# define FIND_LOOP(MASK64, MASKV, VB)                                   \
  do                                                                    \
    {                                                                   \
      size_t end = hl - nl + 1;                                         \
      size_t p0 = p, spent = 0;                                         \
      const unsigned char *h1 = h + rp->i1, *h2 = h + rp->i2;           \
      uint64_t m;                                                       \
      while (end - p >= 64)                                             \
        {                                                               \
          if (end - p > 64 + PREFETCH_AHEAD)                            \
            PREFETCH (h1 + p + PREFETCH_AHEAD);                         \
          m = MASK64 (h1, h2, p, v1, v2);                               \
          if (UNLIKELY (m))                                             \
            FWD_CANDIDATES (m, p);                                      \
          p += 64;                                                      \
        }                                                               \
      while (end - p >= (VB))                                           \
        {                                                               \
          FWD_CANDIDATES (MASKV (h1, h2, p, v1, v2), p);                \
          p += (VB);                                                    \
        }                                                               \
      if (p < end)                                                      \
        {                                                               \
          /* The last VB start positions, overlapping what was done.  */ \
          size_t q = end - (VB);                                        \
          FWD_CANDIDATES (MASKV (h1, h2, q, v1, v2)                     \
                          & (~(uint64_t) 0 << (p - q)), q);             \
        }                                                               \
      return NULL;                                                      \
    }                                                                   \
  while (0)

/* The same backward, over start positions [0, P).  */
# define RFIND_LOOP(MASK64, MASKV, VB)                                  \
  do                                                                    \
    {                                                                   \
      size_t p0 = p, spent = 0;                                         \
      const unsigned char *h1 = h + rp->i1, *h2 = h + rp->i2;           \
      uint64_t m;                                                       \
      while (p >= 64)                                                   \
        {                                                               \
          p -= 64;                                                      \
          if (p > PREFETCH_AHEAD)                                       \
            PREFETCH (h1 + p - PREFETCH_AHEAD);                         \
          m = MASK64 (h1, h2, p, v1, v2);                               \
          if (UNLIKELY (m))                                             \
            REV_CANDIDATES (m, p);                                      \
        }                                                               \
      while (p >= (VB))                                                 \
        {                                                               \
          p -= (VB);                                                    \
          REV_CANDIDATES (MASKV (h1, h2, p, v1, v2), p);                \
        }                                                               \
      if (p > 0)                                                        \
        /* The first VB start positions, overlapping what was done.  */ \
        REV_CANDIDATES (MASKV (h1, h2, 0, v1, v2)                       \
                        & (((uint64_t) 1 << p) - 1), 0);                \
      return NULL;                                                      \
    }                                                                   \
  while (0)

/* The SSE2 searches: 16 bytes at a time; need at least 16 start
   positions.  */
PURE static const unsigned char *
find_sse2 (const unsigned char *h, size_t hl, const unsigned char *n,
           size_t nl, const struct mmu__rare_pair *rp, size_t p, bool may_repick)
{
  __m128i v1 = _mm_set1_epi8 ((char) rp->b1);
  __m128i v2 = _mm_set1_epi8 ((char) rp->b2);
  FIND_LOOP (mask64, mask16, 16);
}

PURE static const unsigned char *
rfind_sse2 (const unsigned char *h, size_t hl, const unsigned char *n,
            size_t nl, const struct mmu__rare_pair *rp, size_t p,
            bool may_repick)
{
  __m128i v1 = _mm_set1_epi8 ((char) rp->b1);
  __m128i v2 = _mm_set1_epi8 ((char) rp->b2);
  RFIND_LOOP (mask64, mask16, 16);
}

/* The searches that also look for NUL bytes (mmu__memfind_needle_nul):
   the same masks, and in *NUL whether the loads at H1 + P held a
   zero byte.  One more compare (of the minimum of the loads) and OR
   per block, on data already in registers.
   The loop is one for SSE2 and AVX2 (FIND_NUL_LOOP, as FIND_LOOP for
   the plain search); its masks stay two, as the plain search's do:
   they differ in more than their width.  SSE2 has no PTEST, so its
   "nothing in the block" is a MOVEMASK of four ORed vectors, where
   AVX2 tests two with VPTEST; a mask written once over a vector type
   would hide that choice behind macros for each intrinsic, or give
   one of them the other's instructions, on the loop that mmgrep's
   -F and must-string searches spend their time in.  */
static ALWAYS_INLINE uint64_t
mask16z (const unsigned char *h1, const unsigned char *h2, size_t p,
         __m128i v1, __m128i v2, bool *nul)
{
  __m128i a = _mm_loadu_si128 ((const __m128i *) (const void *) (h1 + p));
  __m128i b = _mm_loadu_si128 ((const __m128i *) (const void *) (h2 + p));
  *nul = _mm_movemask_epi8 (_mm_cmpeq_epi8 (a, _mm_setzero_si128 ())) != 0;
  return (uint32_t) _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, v1),
                                                      _mm_cmpeq_epi8 (b, v2)));
}

static ALWAYS_INLINE uint64_t
mask64z (const unsigned char *h1, const unsigned char *h2, size_t p,
         __m128i v1, __m128i v2, bool *nul)
{
  __m128i a0 = _mm_loadu_si128 ((const __m128i *) (const void *) (h1 + p));
  __m128i a1 = _mm_loadu_si128 ((const __m128i *) (const void *)
                                (h1 + p + 16));
  __m128i a2 = _mm_loadu_si128 ((const __m128i *) (const void *)
                                (h1 + p + 32));
  __m128i a3 = _mm_loadu_si128 ((const __m128i *) (const void *)
                                (h1 + p + 48));
  __m128i m0 = _mm_and_si128 (_mm_cmpeq_epi8 (a0, v1),
                              _mm_cmpeq_epi8 (_mm_loadu_si128
                                              ((const __m128i *)
                                               (const void *) (h2 + p)),
                                              v2));
  __m128i m1 = _mm_and_si128 (_mm_cmpeq_epi8 (a1, v1),
                              _mm_cmpeq_epi8 (_mm_loadu_si128
                                              ((const __m128i *)
                                               (const void *) (h2 + p + 16)),
                                              v2));
  __m128i m2 = _mm_and_si128 (_mm_cmpeq_epi8 (a2, v1),
                              _mm_cmpeq_epi8 (_mm_loadu_si128
                                              ((const __m128i *)
                                               (const void *) (h2 + p + 32)),
                                              v2));
  __m128i m3 = _mm_and_si128 (_mm_cmpeq_epi8 (a3, v1),
                              _mm_cmpeq_epi8 (_mm_loadu_si128
                                              ((const __m128i *)
                                               (const void *) (h2 + p + 48)),
                                              v2));
  __m128i z = _mm_cmpeq_epi8 (_mm_min_epu8 (_mm_min_epu8 (a0, a1),
                                            _mm_min_epu8 (a2, a3)),
                              _mm_setzero_si128 ());
  if (LIKELY (!_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (m0, m1),
                                                 _mm_or_si128 (_mm_or_si128
                                                               (m2, m3),
                                                               z)))))
    {
      *nul = false;
      return 0;
    }
  *nul = _mm_movemask_epi8 (z) != 0;
  return ((uint64_t) (uint32_t) _mm_movemask_epi8 (m0)
          | (uint64_t) (uint32_t) _mm_movemask_epi8 (m1) << 16
          | (uint64_t) (uint32_t) _mm_movemask_epi8 (m2) << 32
          | (uint64_t) (uint32_t) _mm_movemask_epi8 (m3) << 48);
}

/* FIND_LOOP, from P = 0, that also sets *COV to C such that the loads
   at H1 held no NUL for the start positions [0, C): H[I1 .. I1 + C)
   holds none.  At the first block with a NUL, *COV stays at that
   block's start, and PLAIN (FIND_LOOP's function) searches on.  */
# define FIND_NUL_LOOP(MASK64Z, MASKVZ, VB, PLAIN)                      \
  do                                                                    \
    {                                                                   \
      size_t end = hl - nl + 1;                                         \
      size_t p = 0, p0 = 0, spent = 0;                                  \
      const unsigned char *h1 = h + rp->i1, *h2 = h + rp->i2;           \
      uint64_t m;                                                       \
      bool nul;                                                         \
      *cov = 0;                                                         \
      while (end - p >= 64)                                             \
        {                                                               \
          if (end - p > 64 + PREFETCH_AHEAD)                            \
            PREFETCH (h1 + p + PREFETCH_AHEAD);                         \
          m = MASK64Z (h1, h2, p, v1, v2, &nul);                        \
          if (UNLIKELY (m | nul))                                       \
            {                                                           \
              *cov = nul ? p : p + 64;                                  \
              FWD_CANDIDATES (m, p);                                    \
              if (nul)                                                  \
                return PLAIN (h, hl, n, nl, rp, p + 64, true);          \
            }                                                           \
          p += 64;                                                      \
        }                                                               \
      *cov = p;                                                         \
      while (end - p >= (VB))                                           \
        {                                                               \
          m = MASKVZ (h1, h2, p, v1, v2, &nul);                         \
          if (!nul)                                                     \
            *cov = p + (VB);                                            \
          FWD_CANDIDATES (m, p);                                        \
          if (nul)                                                      \
            return PLAIN (h, hl, n, nl, rp, p + (VB), true);            \
          p += (VB);                                                    \
        }                                                               \
      if (p < end)                                                      \
        {                                                               \
          /* The last VB start positions, overlapping what was done     \
             (and proved).  */                                          \
          size_t q = end - (VB);                                        \
          m = MASKVZ (h1, h2, q, v1, v2, &nul);                         \
          if (!nul)                                                     \
            *cov = end;                                                 \
          FWD_CANDIDATES (m & (~(uint64_t) 0 << (p - q)), q);           \
        }                                                               \
      return NULL;                                                      \
    }                                                                   \
  while (0)

static const unsigned char *
find_nul_sse2 (const unsigned char *h, size_t hl, const unsigned char *n,
               size_t nl, const struct mmu__rare_pair *rp, size_t *cov)
{
  const bool may_repick = true;
  __m128i v1 = _mm_set1_epi8 ((char) rp->b1);
  __m128i v2 = _mm_set1_epi8 ((char) rp->b2);
  FIND_NUL_LOOP (mask64z, mask16z, 16, find_sse2);
}

# if MEMFIND_AVX2

/* The AVX2 searches: 32 bytes at a time, half the instructions of the
   SSE2 loop for data already in the cache (mmgrep searches each slice
   just after its NUL scan brought it there); need at least 32 start
   positions.  */
#  define AVX2 __attribute__ ((__target__ ("avx2")))

AVX2 static ALWAYS_INLINE __m256i
match32 (const unsigned char *h1, const unsigned char *h2, size_t p,
         __m256i v1, __m256i v2)
{
  __m256i a = _mm256_loadu_si256 ((const __m256i *) (const void *) (h1 + p));
  __m256i b = _mm256_loadu_si256 ((const __m256i *) (const void *) (h2 + p));
  return _mm256_and_si256 (_mm256_cmpeq_epi8 (a, v1),
                           _mm256_cmpeq_epi8 (b, v2));
}

AVX2 static ALWAYS_INLINE uint64_t
mask32_avx2 (const unsigned char *h1, const unsigned char *h2, size_t p,
             __m256i v1, __m256i v2)
{
  return (uint32_t) _mm256_movemask_epi8 (match32 (h1, h2, p, v1, v2));
}

AVX2 static ALWAYS_INLINE uint64_t
mask64_avx2 (const unsigned char *h1, const unsigned char *h2, size_t p,
             __m256i v1, __m256i v2)
{
  __m256i m0 = match32 (h1, h2, p, v1, v2);
  __m256i m1 = match32 (h1, h2, p + 32, v1, v2);
  if (LIKELY (_mm256_testz_si256 (_mm256_or_si256 (m0, m1),
                                  _mm256_or_si256 (m0, m1))))
    return 0;
  return ((uint64_t) (uint32_t) _mm256_movemask_epi8 (m0)
          | (uint64_t) (uint32_t) _mm256_movemask_epi8 (m1) << 32);
}

AVX2 PURE static const unsigned char *
find_avx2 (const unsigned char *h, size_t hl, const unsigned char *n,
           size_t nl, const struct mmu__rare_pair *rp, size_t p, bool may_repick)
{
  __m256i v1 = _mm256_set1_epi8 ((char) rp->b1);
  __m256i v2 = _mm256_set1_epi8 ((char) rp->b2);
  FIND_LOOP (mask64_avx2, mask32_avx2, 32);
}

AVX2 PURE static const unsigned char *
rfind_avx2 (const unsigned char *h, size_t hl, const unsigned char *n,
            size_t nl, const struct mmu__rare_pair *rp, size_t p,
            bool may_repick)
{
  __m256i v1 = _mm256_set1_epi8 ((char) rp->b1);
  __m256i v2 = _mm256_set1_epi8 ((char) rp->b2);
  RFIND_LOOP (mask64_avx2, mask32_avx2, 32);
}

AVX2 static ALWAYS_INLINE uint64_t
mask32z_avx2 (const unsigned char *h1, const unsigned char *h2, size_t p,
              __m256i v1, __m256i v2, bool *nul)
{
  __m256i a = _mm256_loadu_si256 ((const __m256i *) (const void *) (h1 + p));
  __m256i b = _mm256_loadu_si256 ((const __m256i *) (const void *) (h2 + p));
  __m256i z = _mm256_cmpeq_epi8 (a, _mm256_setzero_si256 ());
  *nul = !_mm256_testz_si256 (z, z);
  return (uint32_t) _mm256_movemask_epi8 (_mm256_and_si256
                                          (_mm256_cmpeq_epi8 (a, v1),
                                           _mm256_cmpeq_epi8 (b, v2)));
}

AVX2 static ALWAYS_INLINE uint64_t
mask64z_avx2 (const unsigned char *h1, const unsigned char *h2, size_t p,
              __m256i v1, __m256i v2, bool *nul)
{
  __m256i a0 = _mm256_loadu_si256 ((const __m256i *) (const void *)
                                   (h1 + p));
  __m256i a1 = _mm256_loadu_si256 ((const __m256i *) (const void *)
                                   (h1 + p + 32));
  __m256i b0 = _mm256_loadu_si256 ((const __m256i *) (const void *)
                                   (h2 + p));
  __m256i b1 = _mm256_loadu_si256 ((const __m256i *) (const void *)
                                   (h2 + p + 32));
  __m256i m0 = _mm256_and_si256 (_mm256_cmpeq_epi8 (a0, v1),
                                 _mm256_cmpeq_epi8 (b0, v2));
  __m256i m1 = _mm256_and_si256 (_mm256_cmpeq_epi8 (a1, v1),
                                 _mm256_cmpeq_epi8 (b1, v2));
  __m256i z = _mm256_cmpeq_epi8 (_mm256_min_epu8 (a0, a1),
                                 _mm256_setzero_si256 ());
  __m256i t = _mm256_or_si256 (_mm256_or_si256 (m0, m1), z);
  if (LIKELY (_mm256_testz_si256 (t, t)))
    {
      *nul = false;
      return 0;
    }
  *nul = !_mm256_testz_si256 (z, z);
  return ((uint64_t) (uint32_t) _mm256_movemask_epi8 (m0)
          | (uint64_t) (uint32_t) _mm256_movemask_epi8 (m1) << 32);
}

AVX2 static const unsigned char *
find_nul_avx2 (const unsigned char *h, size_t hl, const unsigned char *n,
               size_t nl, const struct mmu__rare_pair *rp, size_t *cov)
{
  const bool may_repick = true;
  __m256i v1 = _mm256_set1_epi8 ((char) rp->b1);
  __m256i v2 = _mm256_set1_epi8 ((char) rp->b2);
  FIND_NUL_LOOP (mask64z_avx2, mask32z_avx2, 32, find_avx2);
}

/* Whether the processor has AVX2.  Asked each time (it only reads what
   start-up found): a cached answer would need an atomic.  */
static ALWAYS_INLINE bool
have_avx2 (void)
{
  return __builtin_cpu_supports ("avx2");
}
# endif /* MEMFIND_AVX2 */

#endif /* MEMFIND_SSE2 */

/* ---------------------------------------------------------------- */
/* Entry points.                                                    */

PURE static const unsigned char *
find_from (const unsigned char *h, size_t hl, const unsigned char *n,
           size_t nl, const struct mmu__rare_pair *rp, size_t p, bool may_repick)
{
#if MEMFIND_AVX2
  if (hl - nl + 1 >= 32 && have_avx2 ())
    return find_avx2 (h, hl, n, nl, rp, p, may_repick);
#endif
#if MEMFIND_SSE2
  if (hl - nl + 1 >= 16)
    return find_sse2 (h, hl, n, nl, rp, p, may_repick);
#endif
  return find_scalar (h, hl, n, nl, rp, p, may_repick);
}

PURE static const unsigned char *
rfind_from (const unsigned char *h, size_t hl, const unsigned char *n,
            size_t nl, const struct mmu__rare_pair *rp, size_t p,
            bool may_repick)
{
#if MEMFIND_AVX2
  if (hl - nl + 1 >= 32 && have_avx2 ())
    return rfind_avx2 (h, hl, n, nl, rp, p, may_repick);
#endif
#if MEMFIND_SSE2
  if (hl - nl + 1 >= 16)
    return rfind_sse2 (h, hl, n, nl, rp, p, may_repick);
#endif
  return rfind_scalar (h, hl, n, nl, rp, p, may_repick);
}

const void *
mmu__memfind (const void *hay, size_t haylen,
              const void *needle, size_t needlelen)
{
  const unsigned char *h = hay, *n = needle;
  struct mmu__rare_pair rp;

  if (needlelen == 0)
    return hay;
  if (needlelen > haylen)
    return NULL;
  if (needlelen == 1)
    return memchr (h, n[0], haylen);
  pick_rare_pair (n, needlelen, &rp);
  return find_from (h, haylen, n, needlelen, &rp, 0, true);
}

void
mmu__needle_init (struct mmu__needle *nd, const void *needle, size_t len)
{
  nd->bytes = needle;
  nd->len = len;
  if (len >= 2)
    pick_rare_pair (nd->bytes, len, &nd->rp);
}

const void *
mmu__memfind_needle (const void *hay, size_t haylen,
                     const struct mmu__needle *nd)
{
  if (nd->len == 0)
    return hay;
  if (nd->len > haylen)
    return NULL;
  if (nd->len == 1)
    return memchr (hay, nd->bytes[0], haylen);
  return find_from (hay, haylen, nd->bytes, nd->len, &nd->rp, 0, true);
}

const void *
mmu__memfind_needle_nul (const void *hay, size_t haylen,
                         const struct mmu__needle *nd, size_t *clean)
{
  const unsigned char *h = hay, *r, *z;
  size_t stop;
#if MEMFIND_SSE2
  size_t cov, c;
  if (nd->len >= 2 && nd->len <= haylen)
    {
# if MEMFIND_AVX2
      if (haylen - nd->len + 1 >= 32 && have_avx2 ())
        {
          r = find_nul_avx2 (h, haylen, nd->bytes, nd->len, &nd->rp, &cov);
          goto proved;
        }
# endif
      if (haylen - nd->len + 1 >= 16)
        {
          r = find_nul_sse2 (h, haylen, nd->bytes, nd->len, &nd->rp, &cov);
          goto proved;
        }
    }
#endif
  /* memchr, up to the match.  */
  r = mmu__memfind_needle (hay, haylen, nd);
  stop = r ? (size_t) (r - h) : haylen;
  z = stop ? memchr (h, '\0', stop) : NULL;
  *clean = z ? (size_t) (z - h) : stop;
  return r;
#if MEMFIND_SSE2
 proved:
  /* H[I1 .. I1 + COV) holds no NUL; the I1 bytes before are looked at
     here, and without a match the rest: the NL - 1 - I1 bytes after
     the last start position, or from where the loop stopped proving
     (at a NUL, which is then found at once, or where the search gave
     up its pair of bytes: see the top of this file).  */
  z = nd->rp.i1 ? memchr (h, '\0', nd->rp.i1) : NULL;
  if (z)
    {
      *clean = z - h;
      return r;
    }
  c = nd->rp.i1 + cov;
  if (!r && c < haylen)
    {
      z = memchr (h + c, '\0', haylen - c);
      if (z)
        c = z - h;
      else
        c = haylen;
    }
  *clean = c;
  return r;
#endif
}

const void *
mmu__memrfind (const void *hay, size_t haylen,
               const void *needle, size_t needlelen)
{
  const unsigned char *h = hay, *n = needle;
  struct mmu__rare_pair rp;

  if (needlelen == 0)
    return haylen ? h + haylen : hay;
  if (needlelen > haylen)
    return NULL;
  if (needlelen == 1)
    return rev_memchr (h, n[0], haylen);
  pick_rare_pair (n, needlelen, &rp);
  return rfind_from (h, haylen, n, needlelen, &rp,
                     haylen - needlelen + 1, true);
}
