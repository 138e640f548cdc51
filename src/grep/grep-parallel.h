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

/* Whether files of a walk are to be handed to grep_parallel_file:
   there are several CPUs (or MMGREP_THREADS says so), and the options
   leave something to gain (not -q, not --line-buffered).  */
bool grep_parallel_enabled (void);

/* Search the regular file ACCPATH relative to the directory DIRFD, or
   PATH relative to the working directory, shown as NAME, as
   grep_file_at does, perhaps in a worker thread; its output, messages
   and effect on the exit status come in the order of the calls.
   NEW_DIR: the file may be in another directory than the last one.  */
void grep_parallel_file (int dirfd, char const *accpath, char const *path,
                         char const *name, bool command_line,
                         bool show_name, bool new_dir);

/* Print what the files handed over so far have to print: before
   anything else is printed.  */
void grep_parallel_drain (void);

/* Drain, and end the workers.  */
void grep_parallel_finish (void);

/* Whether worker threads run: then the other cores are busy, and no
   other thread may compile patterns (see grep-split.c).  */
extern bool grep_parallel_running;

#endif /* MMGREP_GREP_PARALLEL_H */
