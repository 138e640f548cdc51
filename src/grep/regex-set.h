/* regex-set.h -- the patterns of -G and -E for GNU regex.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_REGEX_SET_H
#define MMGREP_REGEX_SET_H

#include <locale.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

/* The patterns, compiled for GNU regex; shared by every thread.  */
struct regex_set;

/* One regex as one thread searches with it.  */
struct regex_pattern
{
  struct re_pattern_buffer buf;
  struct re_registers regs;
};

/* One thread's copies of a set's regexes, taken when a line first
   needs them; start zeroed.  */
struct regex_copies
{
  struct regex_pattern *pats;
  size_t npats;
  bool groups;                  /* the groups are among them */
};

/* Compile PATTERNS (SIZE bytes, one per line) in SYNTAX, with EOL as
   the end of a line, for -w (WORDS) and -x (LINES): each pattern on
   its own first, as grep: a bad one is an error even when the others
   would make a good alternation; the patterns with back-references
   then, each alone, so that \1 in one refers to its own group.  The
   others wait for a thread to need them.  The set is *SETP, stored
   there before anything can fail, so that regex_set_free (*SETP)
   frees it where exit does not return (the fuzz targets).  A bad
   pattern: its message (matcher_pattern_error), and exit 2; out of
   memory, xalloc_die.  Sets regex's syntax (re_set_syntax) to
   SYNTAX.  */
void regex_set_compile (struct regex_set **setp, char const *patterns,
                        size_t size, reg_syntax_t syntax, char eol,
                        bool words, bool lines);

/* Likewise, the regexes compiled in the locale LOC (the locale of
   the calling thread when LOC is (locale_t) 0, which is
   regex_set_compile): a second compilation of patterns that
   regex_set_compile accepted, so none is checked alone.  */
void regex_set_compile_in (struct regex_set **setp, char const *patterns,
                           size_t size, reg_syntax_t syntax, char eol,
                           bool words, bool lines, locale_t loc);

/* Likewise, in the current locale, for patterns that cannot be bad
   (strings whose special characters are escaped): none is compiled
   before a thread needs them, so that many strings cost nothing
   until then.  */
void regex_set_compile_literal (struct regex_set **setp,
                                char const *patterns, size_t size,
                                reg_syntax_t syntax, char eol, bool words,
                                bool lines);
/* With -w, take a shorter match down to an empty one at the same
   start before a later start, as GNU grep's fixed-string matcher
   does (grep's regex matcher, which SET follows otherwise, goes on
   to a later start when only the empty match is left).  */
void regex_set_shorter_empty (struct regex_set *set);

/* In the line BEG..END (END after its end-of-line byte), find the best
   match of SET that starts at or after PTR, with the regexes of RS
   (the first call compiles what SET had left, under its lock): with
   START_MODE, the leftmost-longest; otherwise any that satisfies -w
   or -x.  Return its start and set *LENP, or return NULL.  */
char const *regex_set_in_line (struct regex_set *set,
                               struct regex_copies *rs,
                               char const *beg, char const *end,
                               char const *ptr, bool start_mode,
                               size_t *lenp);

/* Free RS's copies (not the set's regexes): RS is then as new.  */
void regex_copies_free (struct regex_copies *rs);

/* Free SET, after every thread's copies; NULL is ignored.  */
void regex_set_free (struct regex_set *set);

#endif
