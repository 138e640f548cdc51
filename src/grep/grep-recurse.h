/* grep-recurse.h -- -r and -R: walk directories.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_GREP_RECURSE_H
#define MMGREP_GREP_RECURSE_H

#include <stdbool.h>

#include "grep-parallel.h"
#include "grep-worker.h"

struct exclude;

/* Search every file under the directory DIR, skipping the files that
   EXCLUDED_FILES and the directories that EXCLUDED_DIRS exclude (each
   may be NULL; matched against the base name of what the walk finds,
   not against DIR itself), with POOL's threads when it has some (its main worker
   searches the rest).  Show "./" in front of names unless
   OMIT_DOT_SLASH (DIR is the implicit "."); prefix lines with file
   names when SHOW_NAMES.  Return false if something could not be
   walked (reported unless -s).  */
bool grep_recurse (struct grep_pool *pool, char const *dir,
                   bool omit_dot_slash, struct exclude *excluded_files,
                   struct exclude *excluded_dirs, bool show_names);

#endif /* MMGREP_GREP_RECURSE_H */
