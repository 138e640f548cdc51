/* fork.c -- test of maps shared with child processes.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published
   by the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   Lesser General Public License for more details.

   You should have received a copy of the GNU Lesser General Public
   License along with this program.  If not, see
   <https://www.gnu.org/licenses/>.  */

/* What this checks, and why: a MAP_SHARED anonymous map is shared with
   the children forked after it (Python's documented parent/child
   example), also after mmu_resize grew it (the map lives on a memfd
   where the system has memfd_create), while a private map is not; a
   child forked before the map shrank still shares what is left (without
   mremap too: the library then unmaps the pages past the new end, and
   never copies a shared anonymous map into a new one, which would be
   the parent's alone).  The child reports through its exit status
   only.  */

#define wait dejagnu_wait_
#include <dejagnu.h>
#undef wait
#define TEST_NAME "fork"
#include "test-util.h"

#include <sys/mman.h>
#include <sys/wait.h>

/* Run CHILD in a child process; return its exit status, -1 if it did
   not exit normally.  */
static int
in_child (int (*child) (mmu_map *), mmu_map *m)
{
  pid_t pid = fork ();
  if (pid == 0)
    _exit (child (m));
  int st;
  if (pid < 0 || waitpid (pid, &st, 0) != pid || !WIFEXITED (st))
    return -1;
  return WEXITSTATUS (st);
}

static int
child_readline (mmu_map *m)
{
  const void *line;
  mmu_seek (m, 0, SEEK_SET);
  ssize_t n = mmu_readline (m, &line);
  return n == 13 && memcmp (line, "Hello world!\0", 13) == 0 ? 0 : 1;
}

static int
child_write (mmu_map *m)
{
  mmu_seek (m, 0, SEEK_SET);
  return mmu_write (m, "from child", 10) == 10 ? 0 : 1;
}

static int
child_write_end (mmu_map *m)
{
  return mmu_set (m, -1, 'Z') == 0 && mmu_set (m, -2, 'Y') == 0 ? 0 : 1;
}

int
main (void)
{
  char buf[16] = { 0 };
  tu_init ();

  /* Python's example: the child reads what the parent wrote.  */
  mmu_map *m = mmu_open (-1, 13, NULL);
  mmu_write (m, "Hello world!", 12);
  tu_check (in_child (child_readline, m) == 0, "child reads the parent's line");

  /* The parent sees what the child wrote.  */
  tu_check (in_child (child_write, m) == 0
            && mmu_get_slice (m, 0, 10, 1, buf, sizeof buf) == 10
            && memcmp (buf, "from child", 10) == 0, "parent sees the child's write");

  /* Again after growing the map.  */
  size_t big = 3 * tu_page ();
  if (mmu_resize (m, big) == 0)
    {
      tu_check (in_child (child_write_end, m) == 0
                && mmu_get (m, -1) == 'Z' && mmu_get (m, -2) == 'Y',
                "parent sees the child's write after a resize");
      tu_check (mmu_get_slice (m, 0, 10, 1, buf, sizeof buf) == 10
                && memcmp (buf, "from child", 10) == 0, "resize kept the shared data");
    }
  else
    untested ("fork: shared anonymous growth (no memfd_create)");
  mmu_free (m);

  /* A child forked before a shrink writes; the parent sees it.  */
  m = mmu_open (-1, big, NULL);
  int go[2];
  if (m != NULL && pipe (go) == 0)
    {
      mmu_set (m, 0, 'p');
      pid_t pid = fork ();
      if (pid == 0)
        {
          char c;
          close (go[1]);
          _exit (read (go[0], &c, 1) == 1 && mmu_get (m, 0) == 'p'
                 && mmu_set (m, 1, 'c') == 0 ? 0 : 1);
        }
      close (go[0]);
      bool shrunk = mmu_resize (m, 2) == 0;
      int st = -1;
      bool child_ok = pid > 0 && write (go[1], "", 1) == 1
                      && waitpid (pid, &st, 0) == pid && WIFEXITED (st)
                      && WEXITSTATUS (st) == 0;
      close (go[1]);
      tu_check (shrunk && child_ok && mmu_len (m) == 2 && mmu_get (m, 0) == 'p'
                && mmu_get (m, 1) == 'c',
                "a shrunk shared map is still shared with an older child");
    }
  else
    fail ("fork: a shared anonymous map and a pipe");
  mmu_free (m);

  /* A private map is not shared.  */
  struct mmu_options pr = { .flags = MAP_PRIVATE };
  m = mmu_open (-1, 13, &pr);
  mmu_write (m, "parent", 6);
  tu_check (in_child (child_write, m) == 0
            && mmu_get_slice (m, 0, 6, 1, buf, sizeof buf) == 6
            && memcmp (buf, "parent", 6) == 0, "a private map is not shared");
  mmu_free (m);
  totals ();
  return 0;
}
