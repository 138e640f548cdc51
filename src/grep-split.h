/* grep-split.h -- search part of a large input in another thread.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   With -c, a large mapped file is counted by two threads: the main
   thread searches the first half while a worker counts the second with
   its own matcher (grep-search.c).  The worker's count is used only if
   its part turned out to be plain text, as the main thread's was;
   otherwise the main thread searches the second half itself, so that
   the answer is always the one-thread answer.  */

#ifndef MMGREP_GREP_SPLIT_H
#define MMGREP_GREP_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "matcher.h"

/* Count what is selected in BEG..LIM (whole lines), looking for NULs
   up to END; return the count, or -1 when the part holds a NUL.  */
typedef intmax_t (*split_count_fn) (struct matcher *m, char *beg,
                                    char *lim, char *end);

/* Whether an input of SIZE bytes is worth splitting here: at least
   SPLIT_MIN bytes (or what the environment variable MMGREP_SPLIT_MIN
   says, for the tests), more than one processor online, and the
   environment variable MMGREP_THREADS not set to 1.  */
enum { SPLIT_MIN = 32 * 1024 * 1024 };
bool split_wanted (size_t size);

/* Start COUNT (BEG, LIM, END) in a new thread, with a clone of M.
   NULL when no thread could be started.  */
struct split *split_start (split_count_fn count, struct matcher const *m,
                           char *beg, char *lim, char *end);

/* Wait for the thread; return what COUNT returned, and free SP.  */
intmax_t split_finish (struct split *sp);

#endif /* MMGREP_GREP_SPLIT_H */
