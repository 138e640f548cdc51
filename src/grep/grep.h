/* grep.h -- what the parts of mmgrep share: its options and exit statuses.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_GREP_H
#define MMGREP_GREP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses, as GNU grep's (exit-status.h): EXIT_MATCH when a
   line was selected, EXIT_NOMATCH when none was, EXIT_TROUBLE.  */
#include "exit-status.h"

enum binary_files { BINARY_BINARY, BINARY_TEXT, BINARY_WITHOUT_MATCH };
enum directories { DIRECTORIES_READ, DIRECTORIES_SKIP, DIRECTORIES_RECURSE };
enum devices { DEVICES_READ_COMMAND_LINE, DEVICES_READ, DEVICES_SKIP };
enum list_files { LIST_NONE, LIST_MATCHING, LIST_NONMATCHING };

/* The options, as main parsed them from the command line and the
   environment.  Set before any thread starts, read-only after: every
   thread reads the same.  What a thread changes is in its worker
   (grep-worker.h).  */
struct grep_options
{
  bool invert;                  /* -v */
  bool count;                   /* -c */
  enum list_files list;         /* -l, -L */
  bool quiet;                   /* -q */
  /* Standard output is /dev/null: as in grep, each file is searched
     as with -q (up to its first selected line, with no message that
     it is binary), but without exiting at the first.  */
  bool dev_null_output;
  bool suppress_errors;         /* -s */
  bool line_numbers;            /* -n */
  bool byte_offsets;            /* -b */
  int with_filenames;           /* -H: 1, -h: 0, unset: -1 */
  char const *label;            /* --label */
  intmax_t max_count;           /* -m; INTMAX_MAX when unset */
  intmax_t before, after;       /* -B, -A */
  bool context;                 /* -A, -B or -C was given, even 0 */
  char const *group_separator;  /* NULL: none */
  bool only_matching;           /* -o */
  bool json;                    /* --json (grep-json.h) */
  enum binary_files binary_files;
  char eol;                     /* '\n', or '\0' with -z */
  bool null_after_name;         /* -Z */
  bool align_tabs;              /* -T */
  bool color;                   /* --color resolved */
  bool line_buffered;
  enum directories directories;
  enum devices devices;
  bool follow_all;              /* -R */
  bool dereference_args;        /* -r: the operands only */
  bool multibyte;               /* MB_CUR_MAX > 1 */
  /* No empty line can be selected (the patterns do not match one, or
     do with -v): in binary data, runs of NULs (holes in a sparse file)
     need not be read (grep-input.h).  */
  bool skip_empty_lines;
  /* Threads to search with: MMGREP_THREADS, or 0 to let the number of
     processors decide.  */
  int threads;
};

extern struct grep_options opt;

#endif /* MMGREP_GREP_H */
