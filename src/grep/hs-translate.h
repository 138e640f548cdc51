/* hs-translate.h -- GNU regular expressions in Hyperscan's syntax.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_HS_TRANSLATE_H
#define MMGREP_HS_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

/* Translate the pattern P..LIM (a GNU basic regular expression if BRE,
   else an extended one; no newline) into Hyperscan's syntax, for a
   database with HS_FLAG_MULTILINE (and HS_FLAG_CASELESS if ICASE).
   UTF8 says the locale is UTF-8, otherwise it is the C locale.  With
   WHOLE_LINES (-x), the translation matches whole lines only.  Return
   it, a string to free, or NULL when the pattern cannot be taken.
   Set *SUPERSET when the translation may match lines that the pattern
   does not, and *ASCII_LINES when it is exact on lines of ASCII
   characters only (neither is ever cleared).  Add to *REPEATS the
   copies its intervals add to its atoms (X{5} adds four X, (XY){3}Z*
   four; nested intervals multiply): a pattern that adds more than
   HS_REPEAT_COPIES_MAX is not taken, and a caller with several
   patterns bounds their sum (Hyperscan's compiler takes seconds, or
   minutes, where repeats meet: "a{1000}b*a{1000}" 42 s, where GNU
   grep's DFA takes 0.01 s; "a{64}b*a{64}", 126 copies, 0.08 s).  */
enum { HS_REPEAT_COPIES_MAX = 128 };
char *hs_translate (char const *p, char const *lim, bool bre, bool utf8,
                    bool icase, bool whole_lines, bool *superset,
                    bool *ascii_lines, size_t *repeats);

#endif /* MMGREP_HS_TRANSLATE_H */
