/* errors.c -- test of mmu_error_detail.
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

/* What this checks, and why: after a call the library itself refuses,
   mmu_error_detail gives Python's message for it; after a failed
   system call it gives NULL (Python's OSError), even when a refusal
   came just before; and the detail belongs to the calling thread, so
   a failure in another thread does not overwrite it.  Link with
   -pthread.  */

#include <dejagnu.h>
#define TEST_NAME "errors"
#include "test-util.h"

#include <pthread.h>

static const char *other_detail;

static void *
other_thread (void *arg)
{
  mmu_map *m = arg;
  mmu_seek (m, -1, SEEK_SET);           /* "seek out of range" */
  other_detail = mmu_error_detail ();
  return NULL;
}

int
main (void)
{
  tu_init ();
  mmu_map *m = mmu_open (-1, 10, NULL);

  CHECK_ERR (mmu_get (m, 10), ERANGE, "IndexError is ERANGE");
  tu_check_detail ("mmap index out of range", "detail of an IndexError");
  CHECK_ERR (mmu_read_byte ((mmu_seek (m, 10, SEEK_SET), m)), EINVAL,
             "ValueError is EINVAL");
  tu_check_detail ("read byte out of range", "detail of a ValueError");

  pthread_t t;
  pthread_create (&t, NULL, other_thread, m);
  pthread_join (t, NULL);
  tu_check (other_detail != NULL && strcmp (other_detail, "seek out of range") == 0,
            "the other thread has its own detail");
  tu_check_detail ("read byte out of range", "the detail is per thread");

  CHECK_NULL (mmu_open (9999, 10, NULL), EBADF, "a failed system call");
  tu_check_detail (NULL, "no detail after a failed system call");

  mmu_close (m);
  CHECK_ERR (mmu_tell (m) == 0 ? mmu_seek (m, 0, SEEK_SET) : 0, EBADF,
             "closed is EBADF");
  tu_check_detail ("mmap closed or invalid", "detail of a closed map");
  mmu_free (m);
  totals ();
  return 0;
}
