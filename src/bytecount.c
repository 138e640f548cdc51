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
   Elsewhere, eight bytes at a time in a word.  */

#include <config.h>

#include "bytecount.h"

#include <stdint.h>
#include <string.h>

#if ((defined __x86_64__ || defined __i386__) && defined __SSE2__ \
     && (defined __GNUC__ || defined __clang__))
# include <immintrin.h>
# define BYTECOUNT_SSE2 1
# if defined __x86_64__ && (4 < __GNUC__ || defined __clang__)
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
static size_t
count_sse2 (unsigned char const *p, size_t n, unsigned char c)
{
  __m128i const needle = _mm_set1_epi8 ((char) c);
  __m128i const zero = _mm_setzero_si128 ();
  size_t count = 0;
  while (n >= 16)
    {
      /* At most 255 blocks before the byte counters are summed.  */
      size_t blocks = n / 16 < 255 ? n / 16 : 255;
      __m128i acc = zero;
      for (size_t i = 0; i < blocks; i++, p += 16)
        acc = _mm_sub_epi8 (acc, _mm_cmpeq_epi8 (_mm_loadu_si128
                                                 ((void const *) p),
                                                 needle));
      __m128i sums = _mm_sad_epu8 (acc, zero);
      count += (size_t) _mm_cvtsi128_si32 (sums)
               + (size_t) _mm_extract_epi16 (sums, 4);
      n -= blocks * 16;
    }
  return count + count_scalar (p, n, c);
}
#endif

#if BYTECOUNT_AVX2
__attribute__ ((__target__ ("avx2"))) static size_t
count_avx2 (unsigned char const *p, size_t n, unsigned char c)
{
  __m256i const needle = _mm256_set1_epi8 ((char) c);
  __m256i const zero = _mm256_setzero_si256 ();
  size_t count = 0;
  while (n >= 32)
    {
      size_t blocks = n / 32 < 255 ? n / 32 : 255;
      __m256i acc = zero;
      for (size_t i = 0; i < blocks; i++, p += 32)
        acc = _mm256_sub_epi8 (acc, _mm256_cmpeq_epi8
                                      (_mm256_loadu_si256
                                       ((void const *) p), needle));
      __m256i sums = _mm256_sad_epu8 (acc, zero);
      count += ((size_t) _mm256_extract_epi64 (sums, 0)
                + (size_t) _mm256_extract_epi64 (sums, 1)
                + (size_t) _mm256_extract_epi64 (sums, 2)
                + (size_t) _mm256_extract_epi64 (sums, 3));
      n -= blocks * 32;
    }
  return count + count_scalar (p, n, c);
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
