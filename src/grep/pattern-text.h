/* pattern-text.h -- what the text of -G and -E patterns says.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_PATTERN_TEXT_H
#define MMGREP_PATTERN_TEXT_H

#include <locale.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

/* The end of the bracket expression that starts at PATTERNS[I] ("["):
   the index of its "]", which may come first (after "^"); "[:", "[."
   and "[=" run to ":]", ".]", "=]".  SIZE when it has none on its
   line.  */
size_t pattern_bracket_end (char const *patterns, size_t size, size_t i);

/* PATTERNS (SIZE bytes, one per line) in extended syntax, for a DFA
   that wraps them in parentheses (-x, -w): each ")" that closes no
   "(" of its own line becomes "\)".  NULL when no pattern has one;
   else a new buffer, its size in *NEWSIZE.  */
char *pattern_quote_unmatched_parens (char const *patterns, size_t size,
                                      size_t *newsize);

/* Whether PATTERNS hold no character special in SYNTAX.  */
bool pattern_plain_strings (char const *patterns, size_t size,
                            reg_syntax_t syntax);

/* If PATTERNS are alternatives of plain strings in SYNTAX (ERE's |,
   BRE's \|), none empty, return them as a list of strings, one per
   line, in memory to free, and set *LEN.  Otherwise return NULL.  */
char *pattern_literal_alternatives (char const *patterns, size_t size,
                                    reg_syntax_t syntax, size_t *len);

/* The strings of 3 bytes or more that every match of PAT (SIZE bytes,
   one pattern, in SYNTAX) contains: its runs of ordinary ASCII
   characters outside any group, bracket or interval, when it has no
   alternation outside a group; a run followed by a repetition loses
   its last character.  Store the offset and length of each, in order,
   in RBEG and RLEN, at most MAX of them, and return how many.  */
size_t pattern_required_strings (char const *pat, size_t size,
                                 reg_syntax_t syntax, size_t *rbeg,
                                 size_t *rlen, size_t max);

/* Whether PATTERNS (SIZE bytes, with -i when ICASE) mean on a line of
   ASCII bytes in the current (UTF-8) locale what they mean in the C
   locale C: ASCII patterns without anchors, word boundaries or a
   repetition that starts an expression, whose brackets take the same
   ASCII characters in both (none with -i), in a locale whose ASCII
   classes and cases are C's.  */
bool pattern_same_on_ascii (char const *patterns, size_t size, bool icase,
                            locale_t c);

#endif
