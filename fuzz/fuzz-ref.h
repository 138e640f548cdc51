/* fuzz-ref.h -- the reference the engine targets check against: GNU
   regex used line by line as GNU grep 3.8 uses it, and GNU grep itself
   for the last word.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMU_FUZZ_REF_H
#define MMU_FUZZ_REF_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

/* One search: grep's options, its patterns (newline-separated, as
   with -f) and the text (whole lines), in C or C.UTF-8.  */
struct fuzz_query
{
  char syntax;                  /* 'G', 'E' or 'F' */
  bool icase, words, lines, utf8;
  char const *patterns;
  size_t patlen;
  char const *text;
  size_t textlen;
};

/* Whether the N bytes at P are valid UTF-8.  */
bool fuzz_valid_utf8 (char const *p, size_t n);

/* Whether PAT, compiled with grep 3.8's syntax bits, selects LINE (LEN
   bytes, no newline), as grep 3.8's EGexecute decides it: its
   whole-line test for -x (LINES) and its retries for -w (WORDS), in
   UTF-8 if UTF8.  With START and END not null and the line selected,
   the leftmost-longest match in *START and *END (for -x, the line).  */
bool fuzz_ref_match (struct re_pattern_buffer *pat, char const *line,
                     regoff_t len, bool words, bool lines, bool utf8,
                     regoff_t *start, regoff_t *end);

/* Whether GNU grep (FUZZ_GREP, else grep on PATH) could be run on Q;
   then the lines it selects in SEL (NLINES).  */
bool fuzz_grep_selects (struct fuzz_query const *q, bool *sel,
                        size_t nlines);

/* Whether GNU grep, run as grep -o -b on Q, prints a match that
   starts in LINE_START..LINE_END (offsets in Q's text); then the first
   one in *START and *END.  */
bool fuzz_grep_first_match (struct fuzz_query const *q, size_t line_start,
                            size_t line_end, size_t *start, size_t *end);

/* Whether GNU grep (FUZZ_GREP, else grep on PATH), run on Q, selects
   the lines ENGINE_SEL (NLINES of them) says; its choice in SEL.
   Asked for all the patterns at once, then, if it differs, for each
   pattern alone, the lines put together (with -E and -x or -w, grep
   3.8 wraps all its patterns in one pair of parentheses, which a ")"
   that closes no "(" of its own pattern closes: the manual's "mmgrep
   and grep" lists it).  False also when grep cannot be run.  */
bool fuzz_grep_agrees (struct fuzz_query const *q, bool *sel,
                       bool const *engine_sel, size_t nlines);

#endif
