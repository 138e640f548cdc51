/* move.c -- test of mmu_move.
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

/* What this checks, and why: move copies COUNT bytes inside the map
   with overlapping ranges handled in both directions (memmove), and
   refuses, as Python does, ranges past the length ("source,
   destination, or count out of range") and read-only maps, leaving the
   bytes untouched.  */

#include <dejagnu.h>
#define TEST_NAME "move"
#include "test-util.h"

static int
is (mmu_map *m, const char *want)
{
  char out[32] = { 0 };
  mmu_get_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, out, sizeof out);
  return strcmp (out, want) == 0;
}

int
main (void)
{
  char path[PATH_MAX];
  tu_init ();
  int fd = tu_file ("0123456789", 10, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  tu_check (mmu_move (m, 0, 5, 5) == 0 && is (m, "5678956789"), "move disjoint");
  mmu_set_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, "0123456789", 10);
  tu_check (mmu_move (m, 2, 0, 6) == 0 && is (m, "0101234589"),
            "move overlapping forward");
  mmu_set_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, "0123456789", 10);
  tu_check (mmu_move (m, 0, 2, 6) == 0 && is (m, "2345676789"),
            "move overlapping backward");
  mmu_set_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, "0123456789", 10);
  tu_check (mmu_move (m, 3, 3, 7) == 0 && is (m, "0123456789"), "move onto itself");
  tu_check (mmu_move (m, 10, 0, 0) == 0, "move 0 bytes at the end");
  tu_check (mmu_move (m, 0, 9, 1) == 0 && is (m, "9123456789"), "move the last byte");
  mmu_set_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, "0123456789", 10);
  CHECK_ERR (mmu_move (m, 5, 0, 6), EINVAL, "move destination past the end");
  tu_check_detail ("source, destination, or count out of range", "move out of range detail");
  CHECK_ERR (mmu_move (m, 0, 5, 6), EINVAL, "move source past the end");
  CHECK_ERR (mmu_move (m, 11, 0, 0), EINVAL, "move destination beyond the length");
  CHECK_ERR (mmu_move (m, 0, 0, SIZE_MAX), EINVAL, "move count SIZE_MAX");
  CHECK_ERR (mmu_move (m, SIZE_MAX, 0, 2), EINVAL, "move destination SIZE_MAX");
  tu_check (is (m, "0123456789"), "refused moves change nothing");
  char buf[11] = { 0 };
  mmu_move (m, 0, 8, 2);
  tu_check (tu_read_file (path, buf, 10) == 10 && strcmp (buf, "8923456789") == 0,
            "move reaches the file");
  mmu_free (m);

  struct mmu_options r = { .access = MMU_ACCESS_READ };
  m = mmu_open (fd, 0, &r);
  CHECK_ERR (mmu_move (m, 0, 1, 1), EACCES, "move on a READ map");
  CHECK_ERR (mmu_move (m, 0, 1, 100), EACCES, "move on a READ map: EACCES before range");
  mmu_close (m);
  CHECK_ERR (mmu_move (m, 0, 1, 1), EBADF, "move on a closed map");
  mmu_free (m);
  close (fd);
  unlink (path);
  totals ();
  return 0;
}
