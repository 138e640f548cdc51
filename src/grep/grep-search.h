/* grep-search.h -- search one input: lines, context, binary data.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_GREP_SEARCH_H
#define MMGREP_GREP_SEARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "grep-worker.h"

/* In worker W, search the open FD (status ST, or NULL for a regular file not
   stat'ed: see grep_input_open), shown as NAME, printing what the
   options ask for (lines, -c's count, -l/-L's name).  Return the
   number of selected lines, or -1 after an error that was reported
   (unless -s) on stderr.  A FD of STDIN_FILENO is standard input: its
   search starts at its offset, and leaves the offset where GNU grep
   would.  */
intmax_t grep_search (struct grep_worker *w, int fd, struct stat const *st,
                      char const *name, bool show_name);

#endif /* MMGREP_GREP_SEARCH_H */
