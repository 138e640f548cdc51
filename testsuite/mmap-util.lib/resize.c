/* resize.c -- test of mmu_resize.
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

/* What this checks, and why: resize changes the map and its file (grow:
   sparse zeros; shrink: cut), keeps the cursor, works for private and
   shared anonymous maps (the shared one lives on a memfd where the
   system has memfd_create), and refuses in the contract's order (EBADF,
   EBUSY, EINVAL untracked, EACCES READ/COPY, EINVAL size) before
   anything changes: both the map and the file are checked unchanged
   after each refusal.  */

#include <dejagnu.h>
#define TEST_NAME "resize"
#include "test-util.h"

#include <sys/mman.h>

static char path[PATH_MAX];

static void
test_file (void)
{
  size_t pg = tu_page ();
  char buf[16] = { 0 };
  int fd = tu_file ("0123456789", 10, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  mmu_seek (m, 7, SEEK_SET);
  tu_check (mmu_resize (m, 3 * pg + 5) == 0, "grow a file map");
  tu_check (mmu_len (m) == 3 * pg + 5, "grown length");
  tu_check (tu_file_size (path) == (long long) (3 * pg + 5), "the file grew");
  tu_check (mmu_tell (m) == 7, "the cursor does not move on growth");
  tu_check (mmu_get (m, 9) == '9' && mmu_get (m, 10) == 0 && mmu_get (m, -1) == 0,
            "old bytes kept, new bytes zero");
  tu_check (mmu_set (m, -1, 'E') == 0, "write at the new end");
  tu_check (mmu_resize (m, 4) == 0 && mmu_len (m) == 4, "shrink a file map");
  tu_check (tu_file_size (path) == 4 && tu_read_file (path, buf, 10) == 4
            && memcmp (buf, "0123", 4) == 0, "the file shrank");
  tu_check (mmu_tell (m) == 7, "the cursor does not move on shrink");
  tu_check (mmu_read (m, buf, 10) == 0, "read with the cursor past the end");
  CHECK_ERR (mmu_write_byte (m, 'x'), EINVAL, "write_byte with the cursor past the end");
  tu_check (mmu_seek (m, 0, SEEK_END) == 4, "seek after shrink");
  mmu_free (m);

  /* An offset: the file is cut at offset + NEWSIZE.  */
  close (fd);
  unlink (path);
  int fd2 = tu_pattern_file (2 * pg, path);
  struct mmu_options o = { .offset = pg };
  m = mmu_open (fd2, 0, &o);
  tu_check (mmu_resize (m, 10) == 0 && tu_file_size (path) == (long long) (pg + 10),
            "resize with an offset sizes the file to offset + newsize");
  mmu_free (m);
  close (fd2);
  unlink (path);
}

/* Check that a refused resize left M and the file alone.  */
static void
unchanged (mmu_map *m, size_t len, long long fsize, const char *msg)
{
  char buf[200];
  snprintf (buf, sizeof buf, "%s: nothing changed", msg);
  tu_check (mmu_len (m) == len && (fsize < 0 || tu_file_size (path) == fsize), buf);
}

static void
test_order (void)
{
  int fd = tu_file ("0123456789", 10, path);
  struct mmu_options ro = { .access = MMU_ACCESS_READ, .untracked = true };
  mmu_map *m = mmu_open (fd, 0, &ro);

  /* Everything wrong at once: each check in turn.  */
  mmu_acquire (m, NULL);
  CHECK_ERR (mmu_resize (m, 0), EBUSY, "order: EBUSY first");
  unchanged (m, 10, 10, "order: EBUSY");
  mmu_release (m);
  CHECK_ERR (mmu_resize (m, 0), EINVAL, "order: untracked before access");
  tu_check_detail ("mmap can't resize with trackfd=False.", "order: untracked detail");
  unchanged (m, 10, 10, "order: untracked");
  mmu_free (m);

  struct mmu_options r = { .access = MMU_ACCESS_READ };
  m = mmu_open (fd, 0, &r);
  CHECK_ERR (mmu_resize (m, 0), EACCES, "order: READ before the size");
  tu_check_detail ("mmap can't resize a readonly or copy-on-write memory map.",
                   "order: READ detail");
  unchanged (m, 10, 10, "order: READ");
  mmu_free (m);

  struct mmu_options c = { .access = MMU_ACCESS_COPY };
  m = mmu_open (fd, 0, &c);
  CHECK_ERR (mmu_resize (m, 20), EACCES, "COPY map");
  unchanged (m, 10, 10, "COPY map");
  mmu_free (m);

  m = mmu_open (fd, 0, NULL);
  CHECK_ERR (mmu_resize (m, 0), EINVAL, "size 0");
  tu_check_detail ("new size out of range", "size 0 detail");
  unchanged (m, 10, 10, "size 0");
  CHECK_ERR (mmu_resize (m, (size_t) SSIZE_MAX + 1), EINVAL, "size too large");
  unchanged (m, 10, 10, "size too large");
  mmu_close (m);
  CHECK_ERR (mmu_resize (m, 5), EBADF, "closed map first");
  mmu_free (m);
  close (fd);
  unlink (path);
}

static void
test_anonymous (void)
{
  size_t pg = tu_page ();
  struct mmu_options pr = { .flags = MAP_PRIVATE };
  mmu_map *m = mmu_open (-1, 10, &pr);

  mmu_write (m, "private", 7);
  tu_check (mmu_resize (m, 2 * pg) == 0 && mmu_len (m) == 2 * pg,
            "grow a private anonymous map");
  char buf[8] = { 0 };
  tu_check (mmu_get_slice (m, 0, 7, 1, buf, 7) == 7 && strcmp (buf, "private") == 0
            && mmu_get (m, -1) == 0, "private anonymous: data kept, zeros added");
  tu_check (mmu_resize (m, 3) == 0 && mmu_len (m) == 3 && mmu_get (m, 2) == 'i',
            "shrink a private anonymous map");
  tu_check (mmu_tell (m) == 7, "anonymous resize keeps the cursor");
  mmu_free (m);

  m = mmu_open (-1, 10, NULL);
  mmu_write (m, "shared", 6);
  int r = mmu_resize (m, 2 * pg);
  if (r == 0)
    {
      pass ("resize: grow a shared anonymous map");
      memset (buf, 0, sizeof buf);
      tu_check (mmu_get_slice (m, 0, 6, 1, buf, 6) == 6 && strcmp (buf, "shared") == 0
                && mmu_get (m, -1) == 0 && mmu_set (m, -1, 1) == 0,
                "shared anonymous: data kept, zeros added");
      tu_check (mmu_size (m) == (int64_t) (2 * pg), "size of a grown shared anonymous map");
    }
  else if (errno == EINVAL)
    untested ("resize: grow a shared anonymous map (no memfd_create)");
  else
    fail ("resize: grow a shared anonymous map");
  tu_check (mmu_resize (m, 4) == 0 && mmu_len (m) == 4, "shrink a shared anonymous map");
  mmu_free (m);

  struct mmu_options u = { .untracked = true };
  m = mmu_open (-1, 10, &u);
  CHECK_ERR (mmu_resize (m, 20), EINVAL, "untracked anonymous map");
  mmu_free (m);
}

int
main (void)
{
  tu_init ();
  test_file ();
  test_order ();
  test_anonymous ();
  totals ();
  return 0;
}
