/* fixed-ac.h -- the Aho-Corasick automaton of engine-fixed.c.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_FIXED_AC_H
#define MMGREP_FIXED_AC_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many characters outside ASCII fold to ASCII letters
   for the per-character folding of the automaton.  */
enum { AC_MBFOLD_MAX = 16 };

/* The Aho-Corasick automaton: a trie of the strings, with failure
   links.  Children live in one open-addressing hash table keyed by
   (node, byte).  */
struct ac
{
  int32_t *fail;            /* the failure link of each node */
  int32_t *len;             /* the length of the string ending there, or 0 */
  int32_t *dict;            /* the next node on the failure chain with
                               a string, or -1 */
  size_t nodes, nalloc;
  uint64_t *keys;           /* (node << 8 | byte) + 1; 0: empty slot */
  int32_t *vals;
  size_t hsize;             /* a power of two */
  size_t maxlen;
  unsigned char fold[UCHAR_MAX + 1];
  /* For -i in UTF-8 with ASCII strings: the characters outside ASCII
     that fold to an ASCII letter (U+017F to S, U+212A to K in glibc),
     each fed to the automaton as that letter (see ac_mb_fold_table).  */
  struct ac_mbfold
  {
    unsigned char bytes[MB_LEN_MAX];
    unsigned char len, fold;
  } mb[AC_MBFOLD_MAX];
  int nmb;
};

/* The automaton of the newline-separated STRINGS[0..SIZE) (none
   empty), with ASCII letters folded if ICASE.  */
struct ac *ac_build (char const *strings, size_t size, bool icase);
void ac_free (struct ac *ac);

/* For -i in a UTF-8 locale: fill AC's table of the characters outside
   ASCII that are case counterparts of ASCII letters, each with the
   letter's fold.  False if they do not fit.  */
bool ac_mb_fold_table (struct ac *ac);

/* The child of NODE by the byte C, or -1 (the search's inner loop).  */
static inline size_t
ac_hash (uint64_t key, size_t hsize)
{
  key *= UINT64_C (0x9E3779B97F4A7C15);
  return (key >> 20) & (hsize - 1);
}

static inline int32_t
ac_child (struct ac const *ac, int32_t node, unsigned char c)
{
  uint64_t key = ((uint64_t) node << 8 | c) + 1;
  for (size_t i = ac_hash (key, ac->hsize);; i = (i + 1) & (ac->hsize - 1))
    {
      if (ac->keys[i] == key)
        return ac->vals[i];
      if (ac->keys[i] == 0)
        return -1;
    }
}

#endif /* MMGREP_FIXED_AC_H */
