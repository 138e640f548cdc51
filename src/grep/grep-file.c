/* grep-file.c -- search one file: open it, check it, search it (see
   grep-file.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cli.h"
#include "grep-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "grep-output.h"
#include "grep-search.h"
#include "grep.h"

/* The status of stdout, to tell when an input is the output: a
   process-wide fact, learnt before any thread starts.  */
static struct stat out_stat;
static bool out_stat_ok;

void
grep_file_setup (void)
{
  /* As in grep, an input is compared with the output only when that
     is a regular file.  */
  out_stat_ok = (fstat (STDOUT_FILENO, &out_stat) == 0
                 && S_ISREG (out_stat.st_mode));
}

void
grep_fd (struct grep_worker *w, int fd, struct stat const *st,
         char const *name, bool show_name)
{
  /* As in grep: only when the output could feed the input without
     end; not when nothing is printed but a count or names, nor with
     -m 1, which stops at the first line.  */
  if (st && out_stat_ok && S_ISREG (st->st_mode) && !opt.quiet
      && opt.list == LIST_NONE && !opt.count && 1 < opt.max_count
      && st->st_ino == out_stat.st_ino && st->st_dev == out_stat.st_dev)
    {
      if (!opt.suppress_errors)
        output_error (&w->out, 0, _("%s: input file is also the output"),
                      name);
      w->error_seen = true;
      return;
    }
  intmax_t count = grep_search (w, fd, st, name, show_name);
  if (count < 0)
    w->error_seen = true;
  else if (count > 0)
    {
      w->matched_any = true;
      if (opt.quiet)
        exit (EXIT_MATCH);
    }
}

void
grep_file_at (struct grep_worker *w, int dirfd, char const *path,
              char const *name, bool command_line, bool show_name,
              bool regular)
{
  /* A device to skip is opened without blocking (a FIFO without a
     writer would block the open), and skipped once fstat says what it
     is; as in grep.  */
  bool skip_devices = (opt.devices == DEVICES_SKIP
                       || (opt.devices == DEVICES_READ_COMMAND_LINE
                           && !command_line));
  bool nonblock = skip_devices && !regular;
  int flags = O_RDONLY | O_NOCTTY | (nonblock ? O_NONBLOCK : 0);
  int fd = openat (dirfd, path, flags);
  if (fd < 0)
    {
      if (!opt.suppress_errors)
        output_error (&w->out, errno, "%s", name);
      w->error_seen = true;
      return;
    }
  /* The status of a file that its directory says is regular is wanted
     only to compare it with the output's (a regular file), and for -T:
     otherwise the input layer learns its size from the first read,
     which spares a system call for each file of a tree.  */
  struct stat st;
  struct stat const *stp = &st;
  if (regular && !out_stat_ok && !opt.align_tabs)
    stp = NULL;
  else if (fstat (fd, &st) != 0)
    {
      if (!opt.suppress_errors)
        output_error (&w->out, errno, "%s", name);
      w->error_seen = true;
      close (fd);
      return;
    }
  bool device = stp && (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode)
                        || S_ISSOCK (st.st_mode) || S_ISFIFO (st.st_mode));
  if (device && skip_devices)
    {
      close (fd);
      return;
    }
  if (nonblock)
    {
      int fl = fcntl (fd, F_GETFL);
      if (fl < 0 || fcntl (fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
        {
          if (!opt.suppress_errors)
            output_error (&w->out, errno, "%s", name);
          w->error_seen = true;
          close (fd);
          return;
        }
    }
  grep_fd (w, fd, stp, name, show_name);
  if (close (fd) != 0)
    {
      if (!opt.suppress_errors)
        output_error (&w->out, errno, "%s", name);
      w->error_seen = true;
    }
}
