/* edit.c -- test of mmu_insert and mmu_delete.
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

/* What this checks, and why: seed 002 cuts bytes out of a map by move
   + resize; insert and delete do it in one call.  Inserting at the
   start, the middle and the end, zeros (DATA NULL), bytes taken from
   the map itself, and enough to move the map; deleting at the start,
   the middle and the end: each time the map, and the file read with
   read(2), hold what was built by hand.  The cursor stays where it was
   unless it would be past the new end (then it is put at the end).
   Refusals follow mmu_resize's order (EBADF, EBUSY, EINVAL untracked,
   EACCES READ/COPY/read-only/private file map), then EINVAL for the
   arguments (offset past the length, a count past the end, deleting
   the whole map), and change nothing.  As resize does, the file of a
   map of part of a file is set to end with the map.  Anonymous maps,
   private and shared, are edited too.  */

#include <dejagnu.h>
#define TEST_NAME "edit"
#include "test-util.h"

#include <sys/mman.h>

static char path[PATH_MAX];

/* Do M, and its file when FILE, hold exactly WANT?  */
static bool
holds (mmu_map *m, const char *want, bool file)
{
  size_t n = strlen (want);
  char buf[256];
  if (mmu_len (m) != n
      || mmu_get_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, buf, sizeof buf) != (ssize_t) n
      || memcmp (buf, want, n) != 0)
    return false;
  if (!file)
    return true;
  return tu_file_size (path) == (long long) n
         && tu_read_file (path, buf, sizeof buf) == (ssize_t) n
         && memcmp (buf, want, n) == 0;
}

static void
test_insert (void)
{
  int fd = tu_file ("0123456789", 10, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  mmu_seek (m, 5, SEEK_SET);
  tu_check (mmu_insert (m, 3, "abc", 3) == 0 && holds (m, "012abc3456789", true),
            "insert in the middle of a file map");
  tu_check (mmu_tell (m) == 5, "insert does not move the cursor");
  tu_check (mmu_insert (m, 0, "<", 1) == 0 && holds (m, "<012abc3456789", true),
            "insert at the start");
  tu_check (mmu_insert (m, 14, ">>", 2) == 0 && holds (m, "<012abc3456789>>", true),
            "insert at the end");
  tu_check (mmu_insert (m, 1, NULL, 2) == 0 && mmu_len (m) == 18
            && mmu_get (m, 1) == 0 && mmu_get (m, 2) == 0 && mmu_get (m, 3) == '0',
            "insert zeros with DATA NULL");
  mmu_delete (m, 1, 2);
  const void *line;
  mmu_seek (m, 4, SEEK_SET);
  mmu_readline (m, &line);      /* a pointer into the map: "abc..." */
  mmu_seek (m, 5, SEEK_SET);
  tu_check (mmu_insert (m, 1, line, 3) == 0 && holds (m, "<abc012abc3456789>>", true),
            "insert bytes taken from the map itself");
  tu_check (mmu_insert (m, 0, "", 0) == 0 && holds (m, "<abc012abc3456789>>", true),
            "insert of 0 bytes changes nothing");

  /* Enough to move the map.  */
  size_t big = 5 * tu_page () + 3;
  char *buf = malloc (big);
  memset (buf, 'x', big);
  tu_check (mmu_insert (m, 2, buf, big) == 0 && mmu_len (m) == big + 19
            && mmu_get (m, 1) == 'a' && mmu_get (m, 2) == 'x'
            && mmu_get (m, (ssize_t) big + 1) == 'x'
            && mmu_get (m, (ssize_t) big + 2) == 'b'
            && tu_file_size (path) == (long long) (big + 19),
            "insert pages, the map grows and moves");
  tu_check (mmu_delete (m, 2, big) == 0 && holds (m, "<abc012abc3456789>>", true),
            "delete pages, the map shrinks");
  free (buf);

  /* Refusals change nothing.  */
  CHECK_ERR (mmu_insert (m, 20, "z", 1), EINVAL, "insert past the length");
  tu_check_detail ("insert offset out of range", "insert past the length detail");
  CHECK_ERR (mmu_insert (m, SIZE_MAX, "z", 1), EINVAL, "insert at SIZE_MAX");
  CHECK_ERR (mmu_insert (m, 0, "z", SIZE_MAX), EINVAL, "insert of SIZE_MAX bytes");
  CHECK_ERR (mmu_insert (m, 0, NULL, (size_t) SSIZE_MAX), EINVAL,
             "insert making the map too large");
  tu_check_detail ("new size out of range", "insert too large detail");
  void *p = mmu_acquire (m, NULL);
  CHECK_ERR (mmu_insert (m, 99, "z", 1), EBUSY,
             "insert while acquired: EBUSY before the offset");
  CHECK_ERR (mmu_delete (m, 0, 1), EBUSY, "delete while acquired");
  (void) p;
  mmu_release (m);
  tu_check (holds (m, "<abc012abc3456789>>", true), "refused inserts change nothing");
  mmu_free (m);
  close (fd);
  unlink (path);
}

static void
test_delete (void)
{
  int fd = tu_file ("0123456789", 10, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  mmu_seek (m, 2, SEEK_SET);
  tu_check (mmu_delete (m, 3, 4) == 0 && holds (m, "012789", true),
            "delete in the middle of a file map");
  tu_check (mmu_tell (m) == 2, "delete does not move a cursor before the cut");
  mmu_seek (m, 5, SEEK_SET);
  tu_check (mmu_delete (m, 0, 1) == 0 && holds (m, "12789", true),
            "delete at the start");
  tu_check (mmu_tell (m) == 5, "a cursor at the new end stays");
  tu_check (mmu_delete (m, 3, 2) == 0 && holds (m, "127", true),
            "delete at the end");
  tu_check (mmu_tell (m) == 3, "a cursor past the new end is put at the end");
  tu_check (mmu_delete (m, 3, 0) == 0 && mmu_delete (m, 1, 0) == 0
            && holds (m, "127", true), "delete of 0 bytes changes nothing");

  CHECK_ERR (mmu_delete (m, 2, 2), EINVAL, "delete past the end");
  tu_check_detail ("delete offset or count out of range", "delete past the end detail");
  CHECK_ERR (mmu_delete (m, 4, 0), EINVAL, "delete at an offset past the length");
  CHECK_ERR (mmu_delete (m, 1, SIZE_MAX), EINVAL, "delete of SIZE_MAX bytes");
  CHECK_ERR (mmu_delete (m, 0, 3), EINVAL, "delete of the whole map");
  tu_check_detail ("new size out of range", "delete of the whole map detail");
  tu_check (holds (m, "127", true) && mmu_tell (m) == 3, "refused deletes change nothing");

  mmu_close (m);
  CHECK_ERR (mmu_insert (m, 0, "z", 1), EBADF, "insert on a closed map");
  CHECK_ERR (mmu_delete (m, 0, 1), EBADF, "delete on a closed map");
  mmu_free (m);
  CHECK_ERR (mmu_insert (NULL, 0, "z", 1), EBADF, "insert on NULL");
  close (fd);
  unlink (path);
}

static void
test_modes (void)
{
  int fd = tu_file ("0123456789", 10, path);
  struct mmu_options o[] = {
    { .access = MMU_ACCESS_READ },
    { .access = MMU_ACCESS_COPY },
    { .prot = PROT_READ },
    { .flags = MAP_PRIVATE },
  };
  const char *what[] = { "READ", "COPY", "PROT_READ", "MAP_PRIVATE file" };
  for (size_t i = 0; i < 4; i++)
    {
      mmu_map *m = mmu_open (fd, 0, &o[i]);
      char msg[80];
      errno = 0;
      int r1 = mmu_insert (m, 0, "z", 1);
      int e1 = errno;
      errno = 0;
      int r2 = mmu_delete (m, 0, 1);
      int e2 = errno;
      snprintf (msg, sizeof msg, "insert and delete on a %s map: EACCES", what[i]);
      tu_check (r1 == -1 && e1 == EACCES && r2 == -1 && e2 == EACCES
                && holds (m, "0123456789", true), msg);
      mmu_free (m);
    }
  struct mmu_options rd = { .access = MMU_ACCESS_READ };
  mmu_map *m = mmu_open (fd, 0, &rd);
  CHECK_ERR (mmu_insert (m, 99, "z", 1), EACCES, "insert on READ: EACCES before the offset");
  mmu_free (m);
  struct mmu_options un = { .untracked = true };
  m = mmu_open (fd, 0, &un);
  CHECK_ERR (mmu_insert (m, 0, "z", 1), EINVAL, "insert on an untracked map");
  tu_check_detail ("mmap can't resize with trackfd=False.", "insert untracked detail");
  CHECK_ERR (mmu_delete (m, 0, 1), EINVAL, "delete on an untracked map");
  mmu_free (m);
  struct mmu_options wr = { .access = MMU_ACCESS_WRITE };
  m = mmu_open (fd, 0, &wr);
  tu_check (mmu_insert (m, 10, "ab", 2) == 0 && mmu_delete (m, 0, 2) == 0
            && holds (m, "23456789ab", true), "insert and delete on a WRITE map");
  mmu_free (m);
  close (fd);
  unlink (path);

  /* A map of part of a file: as resize, the file ends with the map.  */
  fd = tu_file ("0123456789ABCDEFGHIJ", 20, path);
  m = mmu_open (fd, 10, NULL);
  tu_check (mmu_insert (m, 10, "!", 1) == 0 && holds (m, "0123456789!", true),
            "insert into a map of part of a file cuts the file at the map's end");
  mmu_free (m);
  close (fd);
  unlink (path);

  /* Anonymous maps.  */
  struct mmu_options priv = { .flags = MAP_PRIVATE };
  m = mmu_open (-1, 4, &priv);
  mmu_set_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, "wxyz", 4);
  tu_check (mmu_insert (m, 2, "--", 2) == 0 && holds (m, "wx--yz", false)
            && mmu_delete (m, 0, 3) == 0 && holds (m, "-yz", false),
            "insert and delete on a private anonymous map");
  mmu_free (m);
  m = mmu_open (-1, 4, NULL);
  mmu_set_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, "wxyz", 4);
  tu_check (mmu_delete (m, 1, 2) == 0 && holds (m, "wz", false),
            "delete on a shared anonymous map");
  if (mmu_have ("memfd_create"))
    tu_check (mmu_insert (m, 1, "ab", 2) == 0 && holds (m, "wabz", false),
              "insert on a shared anonymous map (memfd)");
  else
    CHECK_ERR (mmu_insert (m, 1, "ab", 2), EINVAL,
               "insert on a shared anonymous map without memfd");
  mmu_free (m);
}

int
main (void)
{
  tu_init ();
  test_insert ();
  test_delete ();
  test_modes ();
  totals ();
  return 0;
}
