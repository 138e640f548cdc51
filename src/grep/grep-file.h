/* grep-file.h -- search one file: open it, check it, search it.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Below the command line (mmgrep.c), the walk (grep-recurse.c) and the
   thread pool (grep-parallel.c), above the search of its bytes
   (grep-search.h): what grep does with each file it is given or finds,
   devices skipped, the input that is also the output refused, and the
   outcome noted in the worker for the exit status.  */

#ifndef MMGREP_GREP_FILE_H
#define MMGREP_GREP_FILE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "grep-worker.h"

/* Learn what stdout is, to tell when an input is also the output.
   Once, before any file is searched.  */
void grep_file_setup (void);

/* Search the file at PATH (relative to DIRFD), named NAME in messages
   and output (shown when SHOW_NAME), in worker W.  COMMAND_LINE when
   it is an operand (for -D read's default); REGULAR when its directory
   entry said it is a regular file (it need not be stat'ed then).  */
void grep_file_at (struct grep_worker *w, int dirfd, char const *path,
                   char const *name, bool command_line, bool show_name,
                   bool regular);

/* Search FD, open on NAME, whose status is ST (NULL for a regular file
   not stat'ed), in worker W.  */
void grep_fd (struct grep_worker *w, int fd, struct stat const *st,
              char const *name, bool show_name);

#endif /* MMGREP_GREP_FILE_H */
