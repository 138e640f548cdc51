/* litset.h -- find any of a few literal strings, fast.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   A set of at most LITSET_MAX non-empty strings, matched exactly or
   with ASCII letters folded (what -i means in the C locale), searched
   with a SIMD "two rare bytes" prefilter: see litset.c.  engine-fixed.c
   uses it for -F with several strings or -i, and as the prefilter of
   searches the regex engine verifies.  */

#ifndef MMGREP_LITSET_H
#define MMGREP_LITSET_H

#include <stdbool.h>
#include <stddef.h>

enum { LITSET_MAX = 8 };

struct litset;

/* Compile the strings of STRINGS[0..SIZE), separated by newlines,
   folding ASCII letters if ICASE.  Return NULL when the set does not
   suit this search: more than LITSET_MAX strings, an empty one, or no
   SIMD on this machine.  */
struct litset *litset_compile (char const *strings, size_t size,
                               bool icase);

/* The result of litset_next when the prefilter has cost too much for
   the bytes it scanned (a haystack made to defeat it): the caller
   goes on from *RESUME with a search linear in the worst case.  */
extern char const litset_give_up[1];

/* Return the first position P in [BEG, LIM) at which one of the
   strings occurs wholly inside [BEG, LIM), and set *WHICH to the set
   of strings (bit I for string I) that occur there.  Return NULL if
   there is none, or litset_give_up (with *RESUME set).  */
char const *litset_next (struct litset const *ls, char const *beg,
                         char const *lim, unsigned int *which,
                         char const **resume);

/* The length of string I.  */
size_t litset_len (struct litset const *ls, unsigned int i);

void litset_free (struct litset *ls);

#endif /* MMGREP_LITSET_H */
