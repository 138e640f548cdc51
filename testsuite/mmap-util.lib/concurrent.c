/* concurrent.c -- test of the calls that may run at once on one map.
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

/* What this checks, and why: the manual says which calls may run at
   the same time on one map without a lock (readers and byte writers,
   see "Types and conventions").  Here several threads share one map of
   a file: each reads a region nobody writes with every reader (get,
   get_slice, the typed gets, find_range and rfind_range, find at the
   cursor within a range, len, tell, size, flush, madvise, resident,
   the predicates), and writes its own region with every byte writer
   (set, set_slice, the typed puts, move), checking what it reads and
   what it wrote, and that each detail is its own thread's.  Every
   result must be right.  Run under Valgrind's Helgrind
   (valgrind --tool=helgrind --error-exitcode=1
   testsuite/mmap-util.lib/concurrent), or built with
   -fsanitize=thread, a data race inside the library on the map object
   is reported: those calls must only read it.  Link with -pthread.  */

#include <dejagnu.h>
#define TEST_NAME "concurrent"
#include "test-util.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>

#define THREADS 4
#define SHARED (32 * 1024)      /* the region every thread reads */
#define OWN (8 * 1024)          /* each thread's own region */
#define ROUNDS 200

static mmu_map *map;
static char path[PATH_MAX];

/* What one thread found wrong, 0 when nothing: set by the thread,
   read after the join.  */
static int errors[THREADS];

static unsigned char
shared_byte (size_t i)
{
  return (unsigned char) ('a' + (i * 7 + i / 26) % 26);
}

static void *
worker (void *arg)
{
  int t = (int) (intptr_t) arg;
  size_t own = SHARED + (size_t) t * OWN;
  int *err = &errors[t];
  unsigned char buf[64], pat[64];

  for (int r = 0; r < ROUNDS; r++)
    {
      /* Readers, on the shared region.  */
      size_t at = ((size_t) r * 131 + (size_t) t * 977) % (SHARED - 64);
      if (mmu_get (map, (ssize_t) at) != shared_byte (at))
        *err |= 1;
      if (mmu_get_slice (map, (ssize_t) at, (ssize_t) at + 64, 1, buf,
                         sizeof buf) != 64)
        *err |= 2;
      for (size_t i = 0; i < 64; i++)
        {
          pat[i] = shared_byte (at + i);
          if (buf[i] != pat[i])
            *err |= 2;
        }
      uint64_t u;
      if (mmu_get_uint (map, at, 8, MMU_LITTLE, &u) != 0
          || (u & 0xff) != pat[0] || (u >> 56) != pat[7])
        *err |= 4;
      ssize_t f = mmu_find_range (map, pat, 16, (ssize_t) at, SHARED);
      if (f < 0 || (size_t) f > at)
        *err |= 8;
      f = mmu_rfind_range (map, pat, 16, 0, (ssize_t) at + 16);
      if (f < 0 || (size_t) f > at)
        *err |= 8;
      /* The cursor stays at 0: a find from it, bounded.  */
      if (mmu_find_range (map, pat, 8, MMU_OMIT, SHARED) < 0)
        *err |= 16;
      if (mmu_len (map) != SHARED + THREADS * OWN || mmu_tell (map) != 0
          || mmu_size (map) != SHARED + THREADS * OWN
          || mmu_closed (map) || !mmu_writable (map) || mmu_faulted (map)
          || mmu_offset (map) != 0
          || mmu_access_mode (map) != MMU_ACCESS_WRITE)
        *err |= 32;
      if (r % 50 == 0
          && (mmu_flush_range (map, 0, SHARED, 0) != 0
              || (mmu_madvise (map, MADV_NORMAL) != 0
                  && (errno != ENOTSUP || tu_have_advice ()))
              || (mmu_resident (map, 0, SHARED) < 0
                  && (errno != ENOTSUP || mmu_have ("mincore")))))
        *err |= 64;

      /* Byte writers, on this thread's own region.  */
      unsigned char v = (unsigned char) (r + t);
      if (mmu_set (map, (ssize_t) own, v) != 0
          || mmu_get (map, (ssize_t) own) != v)
        *err |= 128;
      memset (buf, v ^ 0x55, 32);
      if (mmu_set_slice (map, (ssize_t) own + 64, (ssize_t) own + 96, 1,
                         buf, 32) != 0
          || mmu_move (map, own + 128, own + 64, 32) != 0
          || mmu_get (map, (ssize_t) own + 159) != (v ^ 0x55))
        *err |= 256;
      if (mmu_put_uint (map, own + 256, 4, MMU_BIG, (uint64_t) r * 1000) != 0
          || mmu_get_uint (map, own + 256, 4, MMU_BIG, &u) != 0
          || u != (uint64_t) r * 1000)
        *err |= 512;
      if (mmu_put_float (map, own + 300, 8, MMU_NATIVE, r / 4.0) != 0)
        *err |= 512;

      /* Each thread has its own detail.  */
      if (mmu_get (map, (ssize_t) (SHARED + THREADS * OWN) + t) != -1
          || errno != ERANGE || mmu_error_detail () == NULL
          || mmu_find_range (map, "\1\2\3", 3, 0, SHARED) != -1
          || mmu_error_detail () != NULL)
        *err |= 1024;
    }
  return NULL;
}

int
main (void)
{
  size_t len = SHARED + THREADS * OWN;
  unsigned char *content = malloc (len);
  pthread_t th[THREADS];

  tu_init ();
  for (size_t i = 0; i < len; i++)
    content[i] = i < SHARED ? shared_byte (i) : 0;
  int fd = tu_file (content, len, path);
  free (content);
  map = mmu_open (fd, 0, NULL);
  close (fd);
  if (map == NULL)
    {
      fail ("concurrent: open the shared map");
      totals ();
      return 0;
    }
  int started = 0;
  for (int t = 0; t < THREADS; t++)
    if (pthread_create (&th[t], NULL, worker, (void *) (intptr_t) t) == 0)
      started++;
    else
      break;
  for (int t = 0; t < started; t++)
    pthread_join (th[t], NULL);
  tu_check (started == THREADS, "every thread started");
  int all = 0;
  for (int t = 0; t < started; t++)
    all |= errors[t];
  tu_check (!(all & 2), "concurrent get_slice reads the shared region");
  tu_check (!(all & 1), "concurrent get reads the shared region");
  tu_check (!(all & 4), "concurrent typed gets");
  tu_check (!(all & 8), "concurrent find_range and rfind_range");
  tu_check (!(all & 16), "concurrent finds from the cursor");
  tu_check (!(all & 32), "concurrent predicates and size");
  tu_check (!(all & 64), "concurrent flush, madvise and resident");
  tu_check (!(all & 128), "concurrent set in own regions");
  tu_check (!(all & 256), "concurrent set_slice and move in own regions");
  tu_check (!(all & 512), "concurrent typed puts in own regions");
  tu_check (!(all & 1024), "each thread has its own detail");

  unsigned char back[8];
  bool same = true;
  for (int t = 0; t < THREADS; t++)
    {
      size_t own = SHARED + (size_t) t * OWN;
      unsigned char v = (unsigned char) (ROUNDS - 1 + t);
      if (mmu_flush (map) != 0)
        same = false;
      int f = open (path, O_RDONLY);
      if (f < 0 || pread (f, back, 1, (off_t) own) != 1 || back[0] != v)
        same = false;
      if (f >= 0)
        close (f);
    }
  tu_check (same, "the last bytes each thread wrote reach the file");
  mmu_free (map);
  unlink (path);
  totals ();
  return 0;
}
