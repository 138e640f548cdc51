/* grep-recurse.c -- -r and -R: walk directories with gnulib's fts, in
   directory order as GNU grep does.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   -r follows symbolic links on the command line only, and skips the
   ones it meets; -R follows all.  Devices, FIFOs and sockets met on
   the way are skipped unless -D read.  */

#include <config.h>

#include "cli.h"
#include "grep-recurse.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "exclude.h"
#include "fts_.h"
#include "grep-file.h"
#include "grep-parallel.h"
#include "grep.h"

#ifndef PATH_MAX
# define PATH_MAX 1024
#endif

/* What fts_info ENT (FTS_NSOK: not stat'ed) would have had with a
   stat, as far as the walk cares: FTS_F for a regular file, FTS_SL for
   a symbolic link (not followed: FTS_NOSTAT skips the stat only then),
   FTS_DEFAULT for another file.  */
static int
nsok_info (FTS *fts, FTSENT *ent)
{
  mode_t mode = ent->fts_statp->st_mode;
  if (!(mode & S_IFMT))
    {
      /* The directory did not say; fts always does, but be sure.  */
      struct stat st;
      if (fstatat (fts->fts_cwd_fd, ent->fts_accpath, &st,
                   AT_SYMLINK_NOFOLLOW) != 0)
        return FTS_NSOK;        /* opening it will say what is wrong */
      mode = st.st_mode;
    }
  return S_ISREG (mode) ? FTS_F : S_ISLNK (mode) ? FTS_SL : FTS_DEFAULT;
}

bool
grep_recurse (struct grep_pool *pool, char const *dir, bool omit_dot_slash,
              struct exclude *excluded_files,
              struct exclude *excluded_dirs, bool show_names)
{
  bool ok = true;
  bool parallel = grep_pool_enabled (pool);
  /* Whether the walk may have changed directories since the last
     regular file: not between two files in a row.  */
  bool new_dir = true;
  char *argv[2] = { (char *) dir, NULL };
  /* FTS_NOSTAT: as in grep, the type of most files comes from the
     directory entry (fts_info FTS_NSOK), not from a stat of each.  */
  int options = FTS_CWDFD | FTS_NOSTAT | FTS_TIGHT_CYCLE_CHECK
                | (opt.follow_all ? FTS_LOGICAL
                                  : FTS_PHYSICAL | FTS_COMFOLLOW);
  FTS *fts = fts_open (argv, options, NULL);
  if (!fts)
    {
      if (!opt.suppress_errors)
        error (0, errno, "%s", dir);
      return false;
    }
  FTSENT *ent;
  while ((ent = fts_read (fts)))
    {
      char const *name = ent->fts_path;
      int info = ent->fts_info;
      if (info == FTS_NSOK)
        info = nsok_info (fts, ent);
      if (info != FTS_F)
        new_dir = true;
      if (omit_dot_slash && name[0] == '.' && name[1] == '/')
        name += 2;
      /* As in grep, what the walk finds is matched by its base name
         only, whatever it is: a directory that cannot be read or that
         makes a loop too, and a file that cannot be stat'ed.  */
      if (ent->fts_level > FTS_ROOTLEVEL && info != FTS_DP)
        {
          bool is_dir = info == FTS_D || info == FTS_DC || info == FTS_DNR;
          struct exclude *ex = is_dir ? excluded_dirs : excluded_files;
          if (ex && excluded_file_name (ex, ent->fts_name))
            {
              if (info == FTS_D)
                fts_set (fts, ent, FTS_SKIP);
              continue;
            }
        }
      switch (info)
        {
        case FTS_D:
          break;
        case FTS_DC:
          /* Messages come after the output of the files before.  */
          grep_pool_drain (pool);
          if (!opt.suppress_errors)
            error (0, 0, _("%s: warning: recursive directory loop"), name);
          break;
        case FTS_DNR:
        case FTS_ERR:
        case FTS_NS:
          grep_pool_drain (pool);
          if (!opt.suppress_errors)
            error (0, ent->fts_errno, "%s", name);
          ok = false;
          break;
        case FTS_DP:
        case FTS_SL:
          break;
        case FTS_F:
        case FTS_DEFAULT:
        case FTS_NSOK:
        case FTS_SLNONE:        /* opening it fails, as in grep */
          if (info == FTS_DEFAULT && opt.devices != DEVICES_READ)
            break;
          /* A regular file may be searched by another thread; other
             files here and now.  */
          if (parallel && info == FTS_F
              && ent->fts_pathlen < PATH_MAX)
            {
              grep_pool_file (pool, fts->fts_cwd_fd, ent->fts_accpath,
                              ent->fts_path, name,
                              ent->fts_level == FTS_ROOTLEVEL,
                              show_names, new_dir);
              new_dir = false;
            }
          else
            {
              grep_pool_drain (pool);
              grep_file_at (grep_pool_main (pool), fts->fts_cwd_fd,
                            ent->fts_accpath, name,
                            ent->fts_level == FTS_ROOTLEVEL, show_names,
                            info == FTS_F);
            }
          break;
        default:
          break;
        }
    }
  int read_errno = errno;
  grep_pool_drain (pool);
  if (read_errno != 0)
    {
      if (!opt.suppress_errors)
        error (0, read_errno, _("fts_read"));
      ok = false;
    }
  if (fts_close (fts) != 0)
    {
      if (!opt.suppress_errors)
        error (0, errno, "%s", dir);
      ok = false;
    }
  return ok;
}
