/* name.c -- test of mmu_set_name.
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

/* What this checks, and why: many kernels refuse PR_SET_VMA_ANON_NAME
   at run time even where the headers define it, so mmu_set_name has
   two right answers: 0, and then /proc/self/maps shows [anon:NAME] for
   the map (checked when /proc is there), or ENOTSUP with the library's
   detail.  Whichever path this kernel takes is checked, and the other
   is reported as UNSUPPORTED.  Whatever the kernel, the library refuses
   a map of a file and a name the kernel would refuse (too long, not
   printable, one of \ ` $ [ ]) with EINVAL, and a closed map with
   EBADF, before asking.  */

#include <dejagnu.h>
#define TEST_NAME "name"
#include "test-util.h"

#include <sys/mman.h>

/* Does /proc/self/maps have a line with WHAT?  -1 without /proc.  */
static int
maps_has (const char *what)
{
  FILE *f = fopen ("/proc/self/maps", "r");
  if (f == NULL)
    return -1;
  char line[512];
  int found = 0;
  while (fgets (line, sizeof line, f) != NULL)
    if (strstr (line, what) != NULL)
      found = 1;
  fclose (f);
  return found;
}

/* Name M NAME and check the answer is one of the two right ones.
   Return 1 if the kernel named it, 0 if ENOTSUP, -1 on a wrong
   answer.  */
static int
try_name (mmu_map *m, const char *name, const char *what)
{
  errno = 0;
  int r = mmu_set_name (m, name);
  int e = errno;
  if (r == 0)
    {
      pass ("name: %s: named", what);
      return 1;
    }
  if (r == -1 && e == ENOTSUP && mmu_error_detail () != NULL)
    {
      pass ("name: %s: ENOTSUP (%s)", what, mmu_error_detail ());
      return 0;
    }
  fail ("name: %s: returned %d, errno %s", what, r, strerror (e));
  return -1;
}

int
main (void)
{
  tu_init ();
  size_t pg = tu_page ();
  struct mmu_options priv = { .flags = MAP_PRIVATE };
  mmu_map *m = mmu_open (-1, 3 * pg, &priv);

  int named = try_name (m, "mmu-name-test", "a private anonymous map");
  if (named == 1)
    {
      int has = maps_has ("[anon:mmu-name-test]");
      if (has < 0)
        untested ("name: no /proc/self/maps to read the name from");
      else
        tu_check (has == 1, "/proc/self/maps shows the name");
      tu_check (mmu_set_name (m, NULL) == 0, "remove the name");
      if (has >= 0)
        tu_check (maps_has ("[anon:mmu-name-test]") == 0,
                  "/proc/self/maps no longer shows the name");
      char longest[80];
      memset (longest, 'n', 79);
      longest[79] = '\0';
      tu_check (mmu_set_name (m, longest) == 0, "a name of 79 bytes");
    }
  else if (named == 0)
    {
      untested ("name: names are refused here (kernel or build): /proc/self/maps not checked");
      tu_check (mmu_have ("prctl") && mmu_have ("PR_SET_VMA_ANON_NAME")
                ? strcmp (mmu_error_detail (), "the kernel does not name this map") == 0
                : strcmp (mmu_error_detail (), "naming maps not supported on this system") == 0,
                "the ENOTSUP detail says who refused");
      CHECK_ERR (mmu_set_name (m, NULL), ENOTSUP, "removing a name where names are refused");
    }

  char toolong[81];
  memset (toolong, 'n', 80);
  toolong[80] = '\0';
  CHECK_ERR (mmu_set_name (m, toolong), EINVAL, "a name of 80 bytes");
  tu_check_detail ("invalid map name", "bad name detail");
  CHECK_ERR (mmu_set_name (m, "a[b"), EINVAL, "a name with [");
  CHECK_ERR (mmu_set_name (m, "a$b"), EINVAL, "a name with $");
  CHECK_ERR (mmu_set_name (m, "a\\b"), EINVAL, "a name with a backslash");
  CHECK_ERR (mmu_set_name (m, "tab\there"), EINVAL, "a name with a tab");
  CHECK_ERR (mmu_set_name (m, "caf\xc3\xa9"), EINVAL, "a name beyond ASCII");
  tu_check (mmu_get (m, 0) == 0 && mmu_set (m, 1, 7) == 0 && mmu_get (m, 1) == 7,
            "a named map is used as before");
  mmu_close (m);
  CHECK_ERR (mmu_set_name (m, "x"), EBADF, "name a closed map");
  mmu_free (m);
  CHECK_ERR (mmu_set_name (NULL, "x"), EBADF, "name NULL");

  m = mmu_open (-1, pg, NULL);
  try_name (m, "mmu-name-shared", "a shared anonymous map");
  mmu_free (m);

  char path[PATH_MAX];
  int fd = tu_pattern_file (pg, path);
  m = mmu_open (fd, 0, NULL);
  CHECK_ERR (mmu_set_name (m, "x"), EINVAL, "name a map of a file");
  tu_check_detail ("only anonymous maps can be named", "name a file map detail");
  CHECK_ERR (mmu_set_name (m, "a[b"), EINVAL, "name a map of a file with a bad name");
  mmu_free (m);
  close (fd);
  unlink (path);
  totals ();
  return 0;
}
