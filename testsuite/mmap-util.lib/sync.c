/* sync.c -- test of mmu_flush and mmu_flush_range.
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

/* What this checks, and why: flush writes a WRITE map back (MS_SYNC by
   default; MS_ASYNC and MS_INVALIDATE accepted), refuses a range past
   the length with Python's message, passes msync's own EINVAL for an
   unaligned offset (an OSError: no detail), and does nothing for READ
   and COPY maps, as Python.  */

#include <dejagnu.h>
#define TEST_NAME "sync"
#include "test-util.h"

#include <sys/mman.h>

int
main (void)
{
  char path[PATH_MAX], buf[8] = { 0 };
  size_t pg = tu_page ();
  tu_init ();
  int fd = tu_pattern_file (2 * pg, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  mmu_write (m, "flushed", 7);
  tu_check (mmu_flush (m) == 0, "flush a WRITE map");
  tu_check (tu_read_file (path, buf, 7) == 7 && memcmp (buf, "flushed", 7) == 0,
            "flushed data is in the file");
  tu_check (mmu_flush_range (m, pg, pg, 0) == 0, "flush_range the second page");
  tu_check (mmu_flush_range (m, 0, 10, MS_ASYNC) == 0, "flush_range MS_ASYNC");
  tu_check (mmu_flush_range (m, 0, 10, MS_SYNC | MS_INVALIDATE) == 0,
            "flush_range MS_INVALIDATE");
  tu_check (mmu_flush_range (m, 2 * pg, 0, 0) == 0, "flush_range empty at the end");
  CHECK_ERR (mmu_flush_range (m, pg, pg + 1, 0), EINVAL, "flush_range past the length");
  tu_check_detail ("flush values out of range", "flush_range past the length detail");
  CHECK_ERR (mmu_flush_range (m, 2 * pg + 1, 0, 0), EINVAL, "flush_range offset past the length");
  CHECK_ERR (mmu_flush_range (m, SIZE_MAX, 2, 0), EINVAL, "flush_range offset SIZE_MAX");
  CHECK_ERR (mmu_flush_range (m, 1, 10, 0), EINVAL, "flush_range unaligned offset");
  tu_check_detail (NULL, "flush_range unaligned offset is msync's own");
  mmu_free (m);

  struct mmu_options r = { .access = MMU_ACCESS_READ };
  m = mmu_open (fd, 0, &r);
  tu_check (mmu_flush (m) == 0, "flush a READ map");
  tu_check (mmu_flush_range (m, 1, 10, 0) == 0, "flush_range a READ map does nothing");
  CHECK_ERR (mmu_flush_range (m, 0, 3 * pg, 0), EINVAL,
             "flush_range a READ map past the length");
  mmu_free (m);
  struct mmu_options c = { .access = MMU_ACCESS_COPY };
  m = mmu_open (fd, 0, &c);
  mmu_write (m, "private", 7);
  tu_check (mmu_flush (m) == 0, "flush a COPY map");
  tu_check (tu_read_file (path, buf, 7) == 7 && memcmp (buf, "flushed", 7) == 0,
            "flush of a COPY map leaves the file");
  mmu_close (m);
  CHECK_ERR (mmu_flush (m), EBADF, "flush a closed map");
  mmu_free (m);

  m = mmu_open (-1, 100, NULL);
  tu_check (mmu_flush (m) == 0, "flush an anonymous map");
  mmu_free (m);
  close (fd);
  unlink (path);
  totals ();
  return 0;
}
