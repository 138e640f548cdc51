/* bytecount.c -- count the occurrences of one byte, fast (see
   bytecount.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   A memchr per occurrence costs a call per line; here 32 (AVX2) or 16
   (SSE2) bytes are compared at once, and the results summed in byte
   counters (SAD against zero adds them up every 255 blocks at most).
   Elsewhere, a byte at a time.  BYTECOUNT_NO_AVX2 (for the tests)
   leaves SSE2 only.  */

#include <config.h>

#include "bytecount.h"

#include <stdint.h>
#include <string.h>

#if ((defined __x86_64__ || defined __i386__) && defined __SSE2__ \
     && (defined __GNUC__ || defined __clang__))
# include <immintrin.h>
# define BYTECOUNT_SSE2 1
# if (defined __x86_64__ && (4 < __GNUC__ || defined __clang__) \
       && !defined BYTECOUNT_NO_AVX2)
#  define BYTECOUNT_AVX2 1
# endif
#endif

/* The bytes one at a time.  */
static size_t
count_scalar (unsigned char const *p, size_t n, unsigned char c)
{
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    count += p[i] == c;
  return count;
}

#if BYTECOUNT_SSE2
/* The body of count_sse2 and count_avx2, for vectors V of W bytes
   whose intrinsics are named PFX_... and PFX_..._SI (_mm and si128,
   _mm256 and si256); SUM adds up the four or two 64-bit sums of a SAD.  Two
   blocks at a time in two accumulators (the subtractions of one do not
   wait for the other's), summed every 255 pairs at most, before a
   byte counter can wrap; then one block; then the last W bytes of P
   (a load that ends where P does, some of whose bytes are counted
   already: their bits are shifted out of the mask), or the bytes one
   at a time when N < W.  */
# define COUNT_BODY(V, PFX, SI, W, SUM)                                 \
  do                                                                    \
    {                                                                   \
      unsigned char const *start = p;                                   \
      size_t n0 = n, count = 0;                                         \
      V const needle = PFX##_set1_epi8 ((char) c);                      \
      V const zero = PFX##_setzero_##SI ();                             \
      while (n >= 2 * (W))                                              \
        {                                                               \
          size_t pairs = n / (2 * (W)) < 255 ? n / (2 * (W)) : 255;     \
          V acc0 = zero, acc1 = zero;                                   \
          for (size_t i = 0; i < pairs; i++, p += 2 * (W))              \
            {                                                           \
              acc0 = PFX##_sub_epi8                                     \
                (acc0, PFX##_cmpeq_epi8                                 \
                         (PFX##_loadu_##SI ((void const *) p), needle)); \
              acc1 = PFX##_sub_epi8                                     \
                (acc1, PFX##_cmpeq_epi8                                 \
                         (PFX##_loadu_##SI ((void const *) (p + (W))),   \
                          needle));                                     \
            }                                                           \
          count += SUM (PFX##_add_epi64 (PFX##_sad_epu8 (acc0, zero),   \
                                         PFX##_sad_epu8 (acc1, zero))); \
          n -= pairs * 2 * (W);                                         \
        }                                                               \
      if (n >= (W))                                                     \
        {                                                               \
          count += __builtin_popcount                                   \
            ((unsigned int) PFX##_movemask_epi8                         \
               (PFX##_cmpeq_epi8 (PFX##_loadu_##SI ((void const *) p),  \
                                  needle)));                            \
          p += (W);                                                     \
          n -= (W);                                                     \
        }                                                               \
      if (n > 0 && n0 >= (W))                                           \
        {                                                               \
          unsigned char const *last = start + n0 - (W);                 \
          unsigned int bits = (unsigned int) PFX##_movemask_epi8        \
            (PFX##_cmpeq_epi8 (PFX##_loadu_##SI ((void const *) last),  \
                               needle));                                \
          count += __builtin_popcount (bits >> ((W) - n));              \
          n = 0;                                                        \
        }                                                               \
      return count + count_scalar (p, n, c);                            \
    }                                                                   \
  while (0)

/* Each 64-bit sum is at most 2 * 8 * 255: its low 16 bits.  */
# define SUM_SSE2(v) ((size_t) (_mm_cvtsi128_si32 (v) & 0xffff)          \
                      + (size_t) _mm_extract_epi16 (v, 4))

static size_t
count_sse2 (unsigned char const *p, size_t n, unsigned char c)
{
  COUNT_BODY (__m128i, _mm, si128, 16, SUM_SSE2);
}
#endif

#if BYTECOUNT_AVX2
# define SUM_AVX2(v) ((size_t) _mm256_extract_epi64 (v, 0)               \
                      + (size_t) _mm256_extract_epi64 (v, 1)            \
                      + (size_t) _mm256_extract_epi64 (v, 2)            \
                      + (size_t) _mm256_extract_epi64 (v, 3))

__attribute__ ((__target__ ("avx2,popcnt"))) static size_t
count_avx2 (unsigned char const *p, size_t n, unsigned char c)
{
  COUNT_BODY (__m256i, _mm256, si256, 32, SUM_AVX2);
}
#endif

size_t
count_byte (char const *p, size_t n, unsigned char c)
{
  unsigned char const *u = (unsigned char const *) p;
#if BYTECOUNT_AVX2
  /* Asked each time: a cached answer would be a data race between
     threads, and this only reads what start-up found.  */
  if (__builtin_cpu_supports ("avx2"))
    return count_avx2 (u, n, c);
#endif
#if BYTECOUNT_SSE2
  return count_sse2 (u, n, c);
#else
  return count_scalar (u, n, c);
#endif
}
