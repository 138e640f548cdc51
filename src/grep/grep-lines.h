/* grep-lines.h -- print the selected lines of a window, with context.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The state of one input's search as far as printing goes (struct
   search), and what prints: the lines a matcher selects, the context
   around them, their numbers and byte offsets (grep-lines.c).  The
   search itself, window by window, is grep-search.c's.  */

#ifndef MMGREP_GREP_LINES_H
#define MMGREP_GREP_LINES_H

#include <stdbool.h>
#include <stdint.h>

#include "grep-worker.h"

struct search
{
  struct grep_worker *w;        /* the thread's: output, matcher */
  char const *name;
  bool show_name;
  char *bufbeg;                 /* the window's start */
  uint64_t bufoffset;           /* its offset in the input */
  char *lastnl;                 /* lines are counted up to here */
  intmax_t totalnl;             /* the number of lines before LASTNL */
  char *lastout;                /* the end of the last line printed */
  intmax_t pending;             /* after-context lines still to print */
  intmax_t outleft;             /* lines -m still allows */
  char *last_sel_end;           /* once grepbuf stopped for -m's
                                   count, -q, -l or -L, the end of the
                                   last selected line; or NULL: then */
  uint64_t after_last_match;    /* its offset, from an earlier window */
  bool done_on_match;           /* stop at the first selected line */
  bool out_quiet;               /* print no lines */
  intmax_t nlines_first_null;   /* selected lines before binary, or -1 */
  bool encoding_error_output;
  /* The engine failed (matcher.h): the search stops, and fails.  */
  bool engine_failed;
  int offset_width;             /* -T: the width of numbers */
  /* --json: the input's messages; the offset of the end of line that
     grep-search.c added to a last line without one (or UINT64_MAX),
     and the end of the last line printed.  */
  struct json_file json;
  uint64_t added_eol;
  uint64_t json_last_end;
};

/* Count the lines up to P, forward from S->lastnl, or back from it
   (a context line before the slice counted last).  */
void nlscan (struct search *s, char const *p);

/* Print the after-context lines still pending, up to LIM.  */
void prpending (struct search *s, char *lim);

/* Where the before-context of the selected line at BEG starts: up to
   -B lines back, but not into what was printed already (S->lastout);
   BEG when nothing is printed.  */
char *context_start (struct search const *s, char *beg);

/* The selected lines BEG..LIM: print them with their context.  Return
   how many were selected.  */
intmax_t prtext (struct search *s, char *beg, char *lim);

/* Search the text lines BEG..LIM and print what follows them of the
   context; add the lines selected to *NLINES.  Return whether the
   search of this input is over.  */
bool search_lines (struct search *s, char *beg, char *lim,
                   intmax_t *nlines);

#endif /* MMGREP_GREP_LINES_H */
