/* grep-split.h -- search part of a large input in another thread.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   A large mapped file is searched by two threads: the main thread
   searches the first half while another thread searches the second
   with a worker of its own (grep-worker.h), counting the lines selected or noting where they are
   (grep-search.c); the main thread prints them when it gets there.
   The worker's results are used only if its part turned out to be
   plain text, as the main thread's was; otherwise the main thread
   searches the second half itself, so that the output is always the
   one-thread output.  */

#ifndef MMGREP_GREP_SPLIT_H
#define MMGREP_GREP_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "grep-worker.h"

/* The work of the thread: search with W (the thread's own worker)
   what ARG says.  */
typedef void (*split_fn) (struct grep_worker *w, void *arg);

/* Whether worker W should split an input of SIZE bytes: W may split,
   the input has at least SPLIT_MIN bytes (or what the environment
   variable MMGREP_SPLIT_MIN says, for the tests), and more than one
   processor is online.  opt.threads (MMGREP_THREADS) set to 1 keeps
   one thread, set to more splits whatever the processors.  */
enum { SPLIT_MIN = 32 * 1024 * 1024 };
bool split_wanted (struct grep_worker const *w, size_t size);

/* Start FN (W', ARG) in a new thread, W' a worker of its own with W's
   matcher.  NULL when no thread could be started.  */
struct split *split_start (split_fn fn, struct grep_worker const *w,
                           void *arg);

/* Wait for the thread to end, and free SP.  */
void split_finish (struct split *sp);

#endif /* MMGREP_GREP_SPLIT_H */
