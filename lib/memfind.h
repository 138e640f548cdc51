/* memfind.h -- raw byte search, internal to mmap-util.
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

/* These are the byte-string searches that mmu_find, mmu_rfind (and the
   utilities above them, such as mmgrep -F) stand on.  They are not part
   of the public interface: the names start with "mmu__" and the version
   script does not export them.  They are built once, as the internal
   convenience library lib/libmemfind.la (lib/local.mk), which
   libmmap-util and mmgrep both link; nothing else may include this
   header, and it is never installed.

   Both run in time linear in HAYLEN + NEEDLELEN whatever the input: a
   rare-byte SIMD prefilter does the common case, and a search whose
   prefilter keeps reporting false candidates finishes with the Two-Way
   algorithm.  Neither reads outside [HAY, HAY + HAYLEN) or
   [NEEDLE, NEEDLE + NEEDLELEN).  Both are thread-safe: they keep no
   state between calls.  HAY (NEEDLE) may be NULL only when HAYLEN
   (NEEDLELEN) is 0; an empty needle in such a haystack is "found" at
   NULL, so callers that allow both handle empty needles themselves.

   Compile-time knobs (for configure, or -D on the command line):
     MMU_MEMFIND_NO_SIMD  use only the portable code, even where SSE2 is
                          available (the tests build both ways);
     MMU_MEMFIND_NO_AVX2  use SSE2 but not AVX2 (which is otherwise
                          used where the processor has it, asked at
                          run time; the tests build both ways too);
     HAVE_MEMRCHR         the C library has memrchr (a GNU extension);
                          otherwise a plain loop replaces it.  */

#ifndef MMU_MEMFIND_H
#define MMU_MEMFIND_H

#include <stddef.h>

#if defined __GNUC__ || defined __clang__
# define MMU__PURE __attribute__ ((__pure__))
#else
# define MMU__PURE
#endif

/* Return a pointer to the first occurrence of the NEEDLELEN bytes at
   NEEDLE in the HAYLEN bytes at HAY, or NULL if there is none.  An empty
   needle is found at HAY.  */
const void *mmu__memfind (const void *hay, size_t haylen,
                          const void *needle, size_t needlelen) MMU__PURE;

/* Return a pointer to the last occurrence (the one that starts last) of
   the NEEDLELEN bytes at NEEDLE in the HAYLEN bytes at HAY, or NULL if
   there is none.  An empty needle is found at HAY + HAYLEN.  */
const void *mmu__memrfind (const void *hay, size_t haylen,
                           const void *needle, size_t needlelen) MMU__PURE;

/* The two bytes of a needle that the searches look for first: its
   rarest byte B1 at offset I1 and the rarest other byte B2 at I2.  */
struct mmu__rare_pair
{
  size_t i1, i2;
  unsigned char b1, b2;
};

/* A needle prepared once for many searches (mmgrep -F looks for one
   string again after each line it prints): what mmu__memfind works out
   from the needle on every call, worked out once.  */
struct mmu__needle
{
  const unsigned char *bytes;   /* the needle, not copied */
  size_t len;
  struct mmu__rare_pair rp;     /* set when LEN >= 2 */
};

/* Prepare *ND for the LEN bytes at NEEDLE, which must stay there as
   long as *ND is used.  */
void mmu__needle_init (struct mmu__needle *nd, const void *needle,
                       size_t len);

/* The same as mmu__memfind (HAY, HAYLEN, NEEDLE, LEN) for the NEEDLE
   and LEN that *ND was prepared for.  */
const void *mmu__memfind_needle (const void *hay, size_t haylen,
                                 const struct mmu__needle *nd) MMU__PURE;

/* The same as mmu__memfind_needle, and also a proof of what holds no
   NUL byte, nearly free where the search runs in SIMD blocks (each
   block loaded is also compared with 0): set *CLEAN to a length such
   that HAY[0 .. *CLEAN) holds no NUL.  *CLEAN is HAYLEN when the
   search found nothing and HAY holds no NUL; otherwise it may be
   anything up to the first NUL (the search stops looking for NULs at
   the first it meets, and a match may be returned before the
   proof reaches it).  The portable build (and needles of fewer than 2
   bytes) proves it with memchr, up to the match.  mmgrep looks for NULs
   (binary files) only where this did not prove there are none.  */
const void *mmu__memfind_needle_nul (const void *hay, size_t haylen,
                                     const struct mmu__needle *nd,
                                     size_t *clean);

/* How common each byte is in text and C source: 0 for the rarest byte,
   255 for the most common (a permutation of 0..255).  The prefilters
   of mmgrep (src/litset.c) pick their bytes with it too.  */
extern const unsigned char mmu__byte_rank[256];

#endif /* MMU_MEMFIND_H */
