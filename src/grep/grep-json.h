/* grep-json.h -- mmgrep --json: ripgrep's JSON Lines messages.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   With --json, each input that has a line to print gets a "begin"
   message, one "match" or "context" message per line, and an "end"
   message with its statistics; the program ends with a "summary".
   The fields and their order are ripgrep 13's (rg --json), so that
   what reads rg's output reads mmgrep's.  Data that is valid UTF-8 is
   {"text":...}, other data {"bytes":BASE64}.  */

#ifndef MMGREP_GREP_JSON_H
#define MMGREP_GREP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "grep-output.h"

/* What ripgrep's "stats" object counts.  */
struct json_stats
{
  uint64_t elapsed_ns;
  intmax_t searches;
  intmax_t searches_with_match;
  uint64_t bytes_searched;
  uint64_t bytes_printed;
  intmax_t matched_lines;
  intmax_t matches;
};

/* The state of one input's messages (in its struct search).  */
struct json_file
{
  struct timespec start;
  bool begun;                   /* its "begin" is printed */
  int64_t binary_offset;        /* where binary data starts, or -1 */
  struct json_stats stats;
  /* The message being made.  */
  char *buf;
  size_t len, alloc;
};

/* A submatch: its bytes START..END in the line.  */
struct json_submatch
{
  size_t start, end;
};

/* Start the messages of an input: note the time.  */
void json_file_start (struct json_file *f);

/* Print the line LINE (LEN bytes, its end of line included) at
   OFFSET in the input NAME, its LINE_NUMBER, as a "match" (SELECTED)
   or "context" message with its N submatches SUB; print the input's
   "begin" first, if not done yet.  */
void json_line (struct grep_sink *out, struct json_file *f,
                char const *name, char const *line, size_t len,
                intmax_t line_number, uint64_t offset, bool selected,
                struct json_submatch const *sub, size_t n);

/* End the messages of the input NAME, BYTES_SEARCHED bytes long as
   far as searched, in which the search selected lines (MATCHED) or
   not: print its "end", if its "begin" was printed, and add its
   statistics to TOTAL.  A binary input whose selected lines were not
   printed gets its "begin" and "end" all the same, the "end" with its
   binary_offset.  Free what F holds.  */
void json_file_end (struct grep_sink *out, struct json_file *f,
                    char const *name, uint64_t bytes_searched,
                    bool matched, struct json_stats *total);

/* Add the statistics B to A.  */
void json_stats_add (struct json_stats *a, struct json_stats const *b);

/* Print the "summary" of TOTAL, the program having started at
   START.  */
void json_summary (struct grep_sink *out, struct json_stats const *total,
                   struct timespec const *start);

#endif /* MMGREP_GREP_JSON_H */
