/* threads.c -- test of the fault guard under concurrent opens and closes.
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

/* What this checks, and why: the guard's registry of maps is read by
   the SIGBUS handler while other threads open and close maps (which
   add and remove registry slots, and grow the registry past its first
   block).  Here several threads open and close batches of guarded maps
   in a loop (resizing them, which updates their slots) while another
   thread faults again and again on maps whose file it truncates; every
   fault must come back as EFAULT, with no crash, no deadlock and no
   lost map.  Link with -pthread.  */

#include <dejagnu.h>
#define TEST_NAME "threads"
#include "test-util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#define OPENERS 3
#define BATCH 40
#define ROUNDS 60
#define FAULTS 150

static atomic_int open_failures;
static atomic_int faults_ok;
static atomic_bool stop;

static void *
opener (void *arg)
{
  mmu_map *maps[BATCH];
  (void) arg;
  for (int r = 0; r < ROUNDS || !atomic_load (&stop); r++)
    {
      for (int i = 0; i < BATCH; i++)
        {
          struct mmu_options o = { .flags = i % 2 ? MAP_PRIVATE : 0 };
          maps[i] = mmu_open (-1, 4096, &o);
          if (maps[i] == NULL || mmu_set (maps[i], 0, 1) != 0)
            atomic_fetch_add (&open_failures, 1);
          /* A resize updates the map's registry slot.  */
          else if (mmu_resize (maps[i], i % 2 ? 8192 : 2048) != 0
                   || mmu_get (maps[i], 0) != 1)
            atomic_fetch_add (&open_failures, 1);
        }
      for (int i = 0; i < BATCH; i++)
        {
          if (maps[i] != NULL && mmu_close (maps[i]) != 0)
            atomic_fetch_add (&open_failures, 1);
          mmu_free (maps[i]);
        }
      if (r > 100000)
        break;
    }
  return NULL;
}

static void *
faulter (void *arg)
{
  char path[PATH_MAX];
  size_t pg = tu_page ();
  (void) arg;
  for (int i = 0; i < FAULTS; i++)
    {
      int fd = tu_pattern_file (2 * pg, path);
      mmu_map *m = mmu_open (fd, 0, NULL);
      if (m != NULL && ftruncate (fd, 0) == 0)
        {
          errno = 0;
          if (mmu_get (m, (ssize_t) pg) == -1 && errno == EFAULT && mmu_faulted (m))
            atomic_fetch_add (&faults_ok, 1);
        }
      mmu_free (m);
      close (fd);
      unlink (path);
    }
  atomic_store (&stop, true);
  return NULL;
}

int
main (void)
{
  pthread_t o[OPENERS], f;
  tu_init ();
  for (int i = 0; i < OPENERS; i++)
    pthread_create (&o[i], NULL, opener, NULL);
  pthread_create (&f, NULL, faulter, NULL);
  pthread_join (f, NULL);
  for (int i = 0; i < OPENERS; i++)
    pthread_join (o[i], NULL);
  tu_check (atomic_load (&faults_ok) == FAULTS,
            "every fault during concurrent opens gave EFAULT");
  tu_check (atomic_load (&open_failures) == 0,
            "concurrent opens and closes all succeeded");
  totals ();
  return 0;
}
