/* grep-split.h -- search part of a large input in another thread.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   A large mapped file is searched by two threads: the main thread
   searches the first half while a worker searches the second with its
   own matcher, counting the lines selected or noting where they are
   (grep-search.c); the main thread prints them when it gets there.
   The worker's results are used only if its part turned out to be
   plain text, as the main thread's was; otherwise the main thread
   searches the second half itself, so that the output is always the
   one-thread output.  */

#ifndef MMGREP_GREP_SPLIT_H
#define MMGREP_GREP_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "matcher.h"

/* The work of the thread: search with M (the thread's own matcher)
   what ARG says.  */
typedef void (*split_fn) (struct matcher *m, void *arg);

/* Whether an input of SIZE bytes is worth splitting here: at least
   SPLIT_MIN bytes (or what the environment variable MMGREP_SPLIT_MIN
   says, for the tests), and more than one processor online.  The
   environment variable MMGREP_THREADS set to 1 keeps one thread, set
   to more splits whatever the processors.  */
enum { SPLIT_MIN = 32 * 1024 * 1024 };
bool split_wanted (size_t size);

/* Start FN (M', ARG) in a new thread, M' a clone of M.  NULL when no
   thread could be started.  */
struct split *split_start (split_fn fn, struct matcher const *m,
                           void *arg);

/* Wait for the thread to end, and free SP.  */
void split_finish (struct split *sp);

#endif /* MMGREP_GREP_SPLIT_H */
