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

/* The pattern PAT (LEN bytes; SYNTAX 'G' or 'E', -i if ICASE, in UTF-8
   if UTF8) as the model compiles it, in *NEWLEN bytes (to free): where
   GNU regex reads it otherwise than GNU grep's DFA, which decides
   grep's lines, it is rewritten to what the DFA reads (an interval at
   the start of an ERE, a repetition of nothing, goes, and any other
   "{" there, which GNU regex skips and the DFA reads as an ordinary
   character, is quoted; under -i in C,
   a bracket expression with a range lists its bytes).  So GNU grep
   itself is asked less often.  */
char *fuzz_ref_pattern (char const *pat, size_t len, char syntax,
                        bool icase, bool utf8, size_t *newlen);

/* Whether a pattern of PATTERNS (PATLEN bytes, newline-separated;
   SYNTAX 'G', 'E' or 'F') nests repetitions more than
   REPEAT_NESTING_MAX times (the operators that apply to an operator,
   "a?+", "(a?)+", or to an anchor, "^*", each counting the operators
   under it, a run of "*" or of "?", "a***", counting once), or has
   more than REPEAT_NESTED_MAX operands so repeated, or intervals that
   make more than REPEAT_COPIES_MAX copies of an atom, their bounds
   multiplied through the groups ("((x{99}){99}){99}"; fuzz-ref.c's
   repeat_nesting).  GNU regex takes time (or memory, for runs of "+")
   exponential in those to compile some of them (the epsilon closures,
   calc_eclosure_iter), the engines', the model's and grep's alike:
   "^b????+++" more than a minute under ASan, GNU grep 3.8 20 s on
   fuzz/corpus/hs/capped-slow-regex-closure, and a fuzz run stopped on
   a timeout.  Such an input is skipped: counted, and the count
   printed at exit.  Patterns rarely nest at all; under the bounds,
   the slowest compilation measured is 0.2 s (README-hacking).  */
enum { REPEAT_NESTING_MAX = 6, REPEAT_NESTED_MAX = 4,
       REPEAT_COPIES_MAX = 5000 };
bool fuzz_ref_too_slow (char const *patterns, size_t patlen, char syntax);

/* Whether GNU grep's answer for a pattern of Q is not the reference:
   with -E and -w or -x, a ")" that closes no "(" of the pattern closes
   the parenthesis grep 3.8 wraps the patterns in (the manual's "mmgrep
   and grep"); fuzz_grep_decides then asks grep with that ")" quoted,
   what mmgrep reads.  */
bool fuzz_grep_by_design (struct fuzz_query const *q);

/* What GNU grep (FUZZ_GREP, else grep on PATH) said.  */
enum fuzz_grep
{
  FUZZ_GREP_OK,                 /* it ran (exit status 0 or 1) */
  FUZZ_GREP_REFUSED,            /* it refused the patterns (status 2) */
  FUZZ_GREP_SKIP                /* it could not be run, or was killed:
                                   the input is not to be judged (the
                                   skips are counted, and the count
                                   printed at exit) */
};

/* Run GNU grep on Q; if it ran, the lines it selects in SEL
   (NLINES).  */
enum fuzz_grep fuzz_grep_selects (struct fuzz_query const *q, bool *sel,
                                  size_t nlines);

/* Run GNU grep as grep -o -b on Q; if it ran, whether it prints a
   match that starts in LINE_START..LINE_END (offsets in Q's text) in
   *FOUND, and then the first one in *START and *END.  */
enum fuzz_grep fuzz_grep_first_match (struct fuzz_query const *q,
                                      size_t line_start, size_t line_end,
                                      bool *found, size_t *start,
                                      size_t *end);

/* Whether GNU grep may search PATTERNS (LEN bytes, -G or -E ones) as
   the strings they are once their backslashes are removed (its
   try_fgrep_pattern, with two patterns or more): a backslash, and none
   of "$*.[^(){}|+?".  The model reads each as a regular expression,
   and may agree with the engines where both are wrong (-i -w -e '\k'
   -e a in UTF-8, where regex never matches "\k"); fuzz-engines asks
   grep then.  */
bool fuzz_ref_escaped_strings (char const *patterns, size_t len);

/* The lines of Q's text (NLINES) that GNU grep selects, in SEL, where
   the engines selected ENGINE_SEL and the model disagrees: what grep
   says of all the patterns at once, each ")" that closes no "(" of its
   own pattern quoted under -E -x or -w (grep 3.8 wraps all its patterns
   in one pair of parentheses, which such a ")" would close: the
   manual's "mmgrep and grep" lists it; mmgrep reads the ")" as "\)");
   if that differs from ENGINE_SEL (and they are not
   fuzz_ref_escaped_strings, which grep searches as a set), or grep
   refuses, what it says of each pattern alone, the lines put
   together, and for a pattern that grep refuses alone, the model's
   lines: MODEL holds them, NLINES for each pattern in turn.  FUZZ_GREP_OK, or FUZZ_GREP_SKIP when grep
   could not be run.  */
enum fuzz_grep fuzz_grep_decides (struct fuzz_query const *q, bool *sel,
                                  bool const *engine_sel, bool const *model,
                                  size_t nlines);

#endif
