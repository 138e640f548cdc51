/* residency.c -- test of mmu_populate, mmu_resident, mmu_lock and
   mmu_unlock.
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

/* What this checks, and why: a private anonymous map starts with no
   page in memory; mmu_populate of a range at unaligned bounds brings
   exactly the pages it touches in, which mmu_resident (mincore) counts
   in bytes, clipped to the range asked for; a shared file map is all
   resident after populate; mmu_lock makes every page resident (or is
   refused with the system's EPERM or ENOMEM, which is reported, not
   hidden), mmu_unlock undoes it.  START past the length is EINVAL,
   START at the length an empty range, LENGTH is clamped; a closed map
   is EBADF; populating pages cut from the file is EFAULT.  Where the
   build lacks mincore or mlock, ENOTSUP is checked instead.  */

#include <dejagnu.h>
#define TEST_NAME "residency"
#include "test-util.h"

#include <sys/mman.h>

#define PAGES 8

/* AddressSanitizer replaces mlock with a function that does nothing.  */
#if defined __SANITIZE_ADDRESS__
# define UNDER_ASAN 1
#elif defined __has_feature
# if __has_feature (address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

static void
test_anonymous (bool have_mincore)
{
  size_t pg = tu_page ();
  struct mmu_options priv = { .flags = MAP_PRIVATE };
  mmu_map *m = mmu_open (-1, PAGES * pg, &priv);

  if (have_mincore)
    {
      tu_check (mmu_resident (m, 0, SIZE_MAX) == 0,
                "an untouched private anonymous map has nothing resident");
      tu_check (mmu_populate (m, pg + 1, 2 * pg) == 0, "populate pages 1 to 3");
      tu_check (mmu_resident (m, 0, SIZE_MAX) == (ssize_t) (3 * pg),
                "populate brought in exactly the 3 pages it touched");
      tu_check (mmu_resident (m, pg + 1, 2 * pg) == (ssize_t) (2 * pg),
                "resident counts bytes of the range only");
      tu_check (mmu_resident (m, 2 * pg - 3, 5) == 5, "resident of 5 bytes across pages");
      tu_check (mmu_resident (m, 0, pg) == 0 && mmu_resident (m, 4 * pg, 99 * pg) == 0,
                "pages not touched are not resident");
      tu_check (mmu_resident (m, PAGES * pg, 10) == 0,
                "resident at the length is an empty range");
      tu_check (mmu_get (m, 0) == 0, "populate keeps the bytes (zeros)");
    }
  else
    {
      CHECK_ERR (mmu_resident (m, 0, SIZE_MAX), ENOTSUP, "resident without mincore");
      tu_check (mmu_populate (m, pg + 1, 2 * pg) == 0, "populate without mincore");
    }
  CHECK_ERR (mmu_populate (m, PAGES * pg + 1, 1), EINVAL, "populate past the length");
  tu_check_detail ("start out of range", "populate past the length detail");
  CHECK_ERR (mmu_resident (m, SIZE_MAX, 1), EINVAL, "resident at SIZE_MAX");
  CHECK_ERR (mmu_lock (m, PAGES * pg + 1, 0), EINVAL, "lock past the length");
  CHECK_ERR (mmu_unlock (m, SIZE_MAX, SIZE_MAX), EINVAL, "unlock past the length");
  tu_check (mmu_populate (m, PAGES * pg, 5) == 0, "populate an empty range at the length");

  mmu_set (m, 5, 42);
  errno = 0;
  int r = mmu_lock (m, 0, SIZE_MAX);
  int e = errno;
  if (!mmu_have ("mlock"))
    tu_check (r == -1 && e == ENOTSUP, "lock without mlock: ENOTSUP");
  else if (r == 0)
    {
      pass ("residency: lock the whole map");
      if (have_mincore && !UNDER_ASAN)
        tu_check (mmu_resident (m, 0, SIZE_MAX) == (ssize_t) (PAGES * pg),
                  "a locked map is all resident");
      else if (have_mincore)
        untested ("residency: AddressSanitizer ignores mlock: residency after lock not checked");
      tu_check (mmu_get (m, 5) == 42, "lock keeps the bytes");
      tu_check (mmu_lock (m, 3, 1) == 0, "lock a range again");
      tu_check (mmu_unlock (m, 0, SIZE_MAX) == 0, "unlock the whole map");
      tu_check (mmu_unlock (m, pg, 1) == 0, "unlock pages not locked");
    }
  else if (e == EPERM || e == ENOMEM)
    {
      pass ("residency: lock refused by the system: %s", strerror (e));
      tu_check (mmu_error_detail () == NULL, "a refused lock is the system's errno");
      tu_check (mmu_unlock (m, 0, SIZE_MAX) == 0,
                "unlock after a refused lock succeeds");
    }
  else
    fail ("residency: lock failed with %s", strerror (e));

  mmu_close (m);
  CHECK_ERR (mmu_populate (m, 0, 1), EBADF, "populate on a closed map");
  CHECK_ERR (mmu_resident (m, 0, 1), EBADF, "resident on a closed map");
  CHECK_ERR (mmu_lock (m, 0, 1), EBADF, "lock on a closed map");
  CHECK_ERR (mmu_unlock (m, 0, 1), EBADF, "unlock on a closed map");
  mmu_free (m);
  CHECK_ERR (mmu_resident (NULL, 0, 1), EBADF, "resident of NULL");
}

static void
test_file (bool have_mincore)
{
  size_t pg = tu_page ();
  char path[PATH_MAX];
  int fd = tu_pattern_file (PAGES * pg, path);

  mmu_map *m = mmu_open (fd, 0, NULL);
  tu_check (mmu_populate (m, 0, SIZE_MAX) == 0, "populate a shared file map");
  if (have_mincore)
    tu_check (mmu_resident (m, 0, SIZE_MAX) == (ssize_t) (PAGES * pg),
              "a populated file map is all resident");
  char buf[4];
  tu_check (tu_read_file (path, buf, 4) == 4 && memcmp (buf, "abcd", 4) == 0
            && mmu_get (m, (ssize_t) pg) == 'a' + (int) (pg % 26),
            "populate changes no byte");
  mmu_free (m);

  struct mmu_options r = { .access = MMU_ACCESS_READ };
  m = mmu_open (fd, 0, &r);
  tu_check (mmu_populate (m, 1, SIZE_MAX) == 0, "populate a READ map");
  mmu_free (m);

  /* Pages cut from the file.  */
  m = mmu_open (fd, 0, NULL);
  if (ftruncate (fd, (off_t) pg) == 0)
    {
      CHECK_ERR (mmu_populate (m, 0, SIZE_MAX), EFAULT,
                 "populate pages cut from the file: EFAULT");
      tu_check (mmu_faulted (m), "populate marks the map faulted");
    }
  else
    untested ("residency: cannot cut the file");
  mmu_free (m);
  close (fd);
  unlink (path);
}

int
main (void)
{
  tu_init ();
  bool have_mincore = mmu_have ("mincore");
  if (!have_mincore)
    untested ("residency: no mincore: resident is checked for ENOTSUP only");
  test_anonymous (have_mincore);
  test_file (have_mincore);
  totals ();
  return 0;
}
