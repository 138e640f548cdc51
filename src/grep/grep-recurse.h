/* grep-recurse.h -- -r and -R: walk directories.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_GREP_RECURSE_H
#define MMGREP_GREP_RECURSE_H

#include <stdbool.h>

#include "grep.h"

struct exclude;

/* Search every file under the directory DIR, skipping the files that
   EXCLUDED_FILES and the directories that EXCLUDED_DIRS exclude (each
   may be NULL).  Show "./" in front of names unless OMIT_DOT_SLASH (DIR
   is the implicit "."); prefix lines with file names when SHOW_NAMES.
   Return false if something could not be walked (reported unless
   -s).  */
bool grep_recurse (char const *dir, bool omit_dot_slash,
                   struct exclude *excluded_files,
                   struct exclude *excluded_dirs, bool show_names);

/* In mmgrep.c: search the file PATH relative to the directory DIRFD,
   shown as NAME.  REGULAR says that its directory entry says it is a
   regular file: it is then searched without a stat first, where
   nothing needs one.  */
void grep_file_at (int dirfd, char const *path, char const *name,
                   bool command_line, bool show_name, bool regular);

/* In mmgrep.c: whether a line was selected, and whether there was
   trouble, for the exit status (per thread: grep-parallel.c gathers
   what its workers found).  */
extern thread_local bool matched_any;
extern thread_local bool error_seen;

#endif /* MMGREP_GREP_RECURSE_H */
