/* fixed-fold.h -- -i in engine-fixed.c: which strings fold within
   ASCII, and what every match of the others holds.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_FIXED_FOLD_H
#define MMGREP_FIXED_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Whether -i can fold ASCII letters only for the string P (LEN bytes):
   no byte of P has a case counterpart outside ASCII, and no byte or
   character outside ASCII folds to an ASCII letter of P.  In glibc's
   UTF-8 locales, s and S fold with U+017F, k and K with U+212A; in
   the C locale, nothing outside ASCII folds.  */
bool fold_is_ascii (char const *p, size_t len);

/* For -i in a multibyte locale: a literal set that every match of
   PATTERNS[0..SIZE) contains, the rarer for each pattern (run_rank) of
   its longest run of bytes that fold within ASCII (fold_is_ascii) and,
   if VARIANTS, the case variants of one of its other characters
   (char_variants: Ö and ö for Ö, rarer in most text than the letters
   of NIG for KÖNIG), separated by newlines, in a string to free
   (*LEN bytes).  NULL when a pattern has neither.  */
char *fold_safe_set (char const *patterns, size_t size, bool variants,
                     size_t *len);

#endif /* MMGREP_FIXED_FOLD_H */
