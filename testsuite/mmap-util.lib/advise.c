/* advise.c -- test of mmu_madvise and mmu_madvise_range.
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

/* What this checks, and why: madvise passes the advice to the kernel
   for the whole map or a range whose LENGTH is clamped to the end;
   START at or past the length is refused with Python's message, an
   unaligned START or an unknown advice are madvise's own EINVAL (no
   detail).  MADV_DONTNEED on a private anonymous map is observable:
   the pages read back as zeros (where the system has madvise itself:
   posix_madvise may ignore POSIX_MADV_DONTNEED).  Where configure found
   neither madvise nor posix_madvise (.ci/run builds so), the checks of
   the arguments still come first, and every call that passes them is
   refused with ENOTSUP and its detail, as the manual says.  */

#include <dejagnu.h>
#define TEST_NAME "advise"
#include "test-util.h"

#include <sys/mman.h>

int
main (void)
{
  char path[PATH_MAX];
  size_t pg = tu_page ();
  tu_init ();
  int fd = tu_pattern_file (3 * pg, path);
  mmu_map *m = mmu_open (fd, 0, NULL);

  bool adv = tu_have_advice ();
  CHECK_FEATURE (adv, mmu_madvise (m, MADV_NORMAL), TU_NO_MADVISE,
                 "madvise MADV_NORMAL");
  CHECK_FEATURE (adv, mmu_madvise (m, MADV_SEQUENTIAL), TU_NO_MADVISE,
                 "madvise MADV_SEQUENTIAL");
  CHECK_FEATURE (adv, mmu_madvise_range (m, MADV_WILLNEED, pg, pg),
                 TU_NO_MADVISE, "madvise_range one page");
  CHECK_FEATURE (adv, mmu_madvise_range (m, MADV_RANDOM, pg, SIZE_MAX / 2),
                 TU_NO_MADVISE, "madvise_range length clamped to the end");
  CHECK_ERR (mmu_madvise_range (m, MADV_NORMAL, 3 * pg, 1), EINVAL,
             "madvise_range start at the length");
  tu_check_detail ("madvise start out of bounds", "madvise start detail");
  CHECK_ERR (mmu_madvise_range (m, MADV_NORMAL, 5 * pg, 1), EINVAL,
             "madvise_range start past the length");
  CHECK_ERR (mmu_madvise_range (m, MADV_NORMAL, 0, SIZE_MAX), EINVAL,
             "madvise_range negative length");
  if (adv)
    {
      CHECK_ERR (mmu_madvise_range (m, MADV_NORMAL, 1, 10), EINVAL,
                 "madvise_range unaligned start");
      tu_check_detail (NULL, "madvise_range unaligned start is madvise's own");
      CHECK_ERR (mmu_madvise (m, 12345), EINVAL, "madvise unknown advice");
    }
  else
    {
      /* What only the system checks is never asked.  */
      CHECK_ERR (mmu_madvise_range (m, MADV_NORMAL, 1, 10), ENOTSUP,
                 "madvise_range unaligned start (not built: ENOTSUP)");
      tu_check_detail (TU_NO_MADVISE, "madvise not built: the detail says so");
      CHECK_ERR (mmu_madvise (m, 12345), ENOTSUP,
                 "madvise unknown advice (not built: ENOTSUP)");
    }
  mmu_close (m);
  CHECK_ERR (mmu_madvise (m, MADV_NORMAL), EBADF, "madvise a closed map");
  mmu_free (m);

  struct mmu_options pr = { .flags = MAP_PRIVATE };
  m = mmu_open (-1, 2 * pg, &pr);
  mmu_set (m, 0, 42);
  mmu_set (m, (ssize_t) pg, 43);
  if (mmu_have ("madvise"))
    tu_check (mmu_madvise_range (m, MADV_DONTNEED, 0, pg) == 0
              && mmu_get (m, 0) == 0 && mmu_get (m, (ssize_t) pg) == 43,
              "MADV_DONTNEED drops a private anonymous page");
  else
    untested ("advise: MADV_DONTNEED drops a private anonymous page (%s)",
              adv ? "posix_madvise only" : "no madvise");
  mmu_free (m);
  close (fd);
  unlink (path);
  totals ();
  return 0;
}
