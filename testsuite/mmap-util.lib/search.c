/* search.c -- test of find and rfind.
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

/* What this checks, and why: find and rfind take START and END as
   Python's slice bounds (negative from the end, clamped, MMU_OMIT for
   None: the cursor for START, the length for END), find an empty
   needle at the clamped START (rfind: END), find nothing when END is
   before START, and say "not found" with -1 and errno 0, so that a
   caller can tell it from an error (-1 and errno set).  The expected
   values were produced by CPython's mmap.  */

#include <dejagnu.h>
#define TEST_NAME "search"
#include "test-util.h"

#define O MMU_OMIT

struct find_case
{
  const char *sub;
  ssize_t start, end;
  ssize_t find, rfind;
};

static const struct find_case cases[] = {
  { "abc", O, O, 0, 8 },
  { "abc", 1, O, 4, 8 },
  { "abc", -8, O, 4, 8 },
  { "abc", -100, O, 0, 8 },
  { "abc", 4, 7, 4, 4 },
  { "abc", 4, 6, -1, -1 },
  { "abc", 0, -5, 0, 4 },
  { "abc", -5, -1, 8, 8 },
  { "abc", -5, 100, 8, 8 },
  { "abc", 20, 30, -1, -1 },
  { "Z", 11, 12, 11, 11 },
  { "Z", -1, O, 11, 11 },
  { "", O, O, 0, 12 },
  { "", 3, O, 3, 12 },
  { "", -2, O, 10, 12 },
  { "", 50, O, 12, 12 },
  { "", 5, 2, -1, -1 },
  { "", -100, -50, 0, 0 },
  { "", 2, -3, 2, 9 },
  { "abcXabcYabcZ!", O, O, -1, -1 },
  { "q", O, O, -1, -1 },
  { "c", 3, 3, -1, -1 },
};

static void
bound (char *buf, size_t size, ssize_t v)
{
  if (v == O)
    snprintf (buf, size, "OMIT");
  else
    snprintf (buf, size, "%zd", v);
}

int
main (void)
{
  char path[PATH_MAX], msg[160], s[32], e[32];
  tu_init ();
  int fd = tu_file ("abcXabcYabcZ", 12, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const struct find_case *c = &cases[i];
      size_t n = strlen (c->sub);
      bound (s, sizeof s, c->start);
      bound (e, sizeof e, c->end);

      errno = 12345;
      ssize_t r = mmu_find_range (m, c->sub, n, c->start, c->end);
      int err = errno;
      snprintf (msg, sizeof msg, "find \"%s\" range %s %s", c->sub, s, e);
      tu_check (r == c->find && (r >= 0 || err == 0), msg);

      errno = 12345;
      r = mmu_rfind_range (m, c->sub, n, c->start, c->end);
      err = errno;
      snprintf (msg, sizeof msg, "rfind \"%s\" range %s %s", c->sub, s, e);
      tu_check (r == c->rfind && (r >= 0 || err == 0), msg);
    }

  /* Omitted bounds: the cursor.  */
  tu_check (mmu_find (m, "abc", 3) == 0, "find from the start");
  tu_check (mmu_rfind (m, "abc", 3) == 8, "rfind from the start");
  mmu_seek (m, 5, SEEK_SET);
  tu_check (mmu_find (m, "abc", 3) == 8, "find from the cursor");
  tu_check (mmu_rfind (m, "abc", 3) == 8, "rfind from the cursor");
  tu_check (mmu_find (m, "", 0) == 5, "find empty from the cursor");
  tu_check (mmu_rfind (m, "", 0) == 12, "rfind empty from the cursor");
  tu_check (mmu_find_range (m, "abc", 3, O, 11) == 8
            && mmu_find_range (m, "abc", 3, O, 10) == -1,
            "find with START omitted and an END");
  tu_check (mmu_tell (m) == 5, "find does not move the cursor");
  mmu_seek (m, 12, SEEK_SET);
  errno = 1;
  tu_check (mmu_find (m, "abc", 3) == -1 && errno == 0,
            "find from the end: not found, errno 0");
  tu_check (mmu_find (m, "", 0) == 12, "find empty at the end");
  tu_check (mmu_rfind (m, "", 0) == 12, "rfind empty at the end");
  errno = 1;
  tu_check (mmu_rfind (m, "abc", 3) == -1 && errno == 0,
            "rfind from the end: not found, errno 0");

  mmu_close (m);
  CHECK_ERR (mmu_find (m, "a", 1), EBADF, "find on a closed map");
  tu_check_detail ("mmap closed or invalid", "find on a closed map detail");
  CHECK_ERR (mmu_rfind_range (m, "a", 1, 0, 3), EBADF, "rfind_range on a closed map");
  mmu_free (m);

  /* A larger map, the needle at the very end.  */
  size_t big = 3 * tu_page () + 7;
  char *buf = calloc (1, big);
  memcpy (buf + big - 5, "found", 5);
  memcpy (buf + 100, "found", 5);
  close (fd);
  unlink (path);
  fd = tu_file (buf, big, path);
  m = mmu_open (fd, 0, NULL);
  tu_check (mmu_find_range (m, "found", 5, 101, O) == (ssize_t) big - 5,
            "find at the very end of a large map");
  tu_check (mmu_rfind (m, "found", 5) == (ssize_t) big - 5, "rfind in a large map");
  tu_check (mmu_rfind_range (m, "found", 5, O, -1) == 100,
            "rfind with END cutting the last match");
  mmu_free (m);
  free (buf);
  close (fd);
  unlink (path);
  totals ();
  return 0;
}
