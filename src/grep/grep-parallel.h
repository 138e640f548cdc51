/* grep-parallel.h -- -r on several cores, output in the walk's order.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_GREP_PARALLEL_H
#define MMGREP_GREP_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>

#include "grep-worker.h"

/* A pool of threads that search the files of a walk, printing in the
   walk's order.  Owned by the main thread.  */
struct grep_pool;

/* A pool whose results go to MAIN, the main thread's worker (its
   output, its status, its input state), and which searches there what
   it does not hand to a thread.  No thread starts until there are
   files enough.  */
struct grep_pool *grep_pool_new (struct grep_worker *main);

/* The main thread's worker of P.  */
struct grep_worker *grep_pool_main (struct grep_pool const *p);

/* Whether files of a walk are worth handing to grep_pool_file: there
   are several CPUs (or opt.threads says so), and the options leave
   something to gain (not -q, not --line-buffered).  */
bool grep_pool_enabled (struct grep_pool const *p);

/* Search the regular file ACCPATH relative to the directory DIRFD, or
   PATH relative to the working directory, shown as NAME, as
   grep_file_at does, perhaps in another thread; its output, messages
   and effect on the exit status come in the order of the calls.
   NEW_DIR: the file may be in another directory than the last one.  */
void grep_pool_file (struct grep_pool *p, int dirfd, char const *accpath,
                     char const *path, char const *name, bool command_line,
                     bool show_name, bool new_dir);

/* Print what the files handed over so far have to print: before
   anything else is printed.  */
void grep_pool_drain (struct grep_pool *p);

/* Drain, end the threads, and free P.  */
void grep_pool_free (struct grep_pool *p);

#endif /* MMGREP_GREP_PARALLEL_H */
