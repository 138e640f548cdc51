/* residency.c -- populating, counting resident bytes, locking.
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

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mmu-internal.h"

/* Design.  The four functions take a byte range of the map, START and
   LENGTH, the way the rest of the library does: START past the length
   is EINVAL, LENGTH is clamped to the end (SIZE_MAX: to the end).  The
   system calls want whole pages, so the range is widened to the pages
   it touches; the map's own mapping always covers them, also when
   MMU_ANY_OFFSET put the start of the map inside a page.  */

/* The range [*FROM, *TO) of addresses of the bytes of M asked for.
   Return 0, or -1 with errno set.  */
static int
byte_range (const mmu_map *m, size_t start, size_t length,
            uintptr_t *from, uintptr_t *to)
{
  MMU__CHECK_OPEN (m, -1);
  if (start > m->size)
    return mmu__fail (EINVAL, "start out of range");
  if (length > m->size - start)
    length = m->size - start;
  *from = (uintptr_t) (m->data + start);
  *to = *from + length;
  return 0;
}

static uintptr_t
page_size (void)
{
  return (uintptr_t) mmu_pagesize ();
}

static uintptr_t
page_down (uintptr_t a)
{
  return a & ~(page_size () - 1);
}

#if HAVE_MINCORE || HAVE_MLOCK
static uintptr_t
page_up (uintptr_t a)
{
  return (a + page_size () - 1) & ~(page_size () - 1);
}
#endif

int
mmu__touch (mmu_map *m, size_t start, size_t length)
{
  uintptr_t from = 0, to = 0;

  if (byte_range (m, start, length, &from, &to) != 0)
    return -1;
  /* A private writable map is written, so that its pages are its own
     (as MAP_POPULATE does); writing a shared map would dirty its pages
     and race with other writers, so it is only read.  */
  bool write = !m->readonly && (m->flags & MAP_PRIVATE);
  unsigned long g = mmu__guard_begin (m);
  for (uintptr_t a = from; a < to; a = page_down (a) + page_size ())
    {
      volatile unsigned char *p = (volatile unsigned char *) a;
      unsigned char c = *p;
      if (write)
        *p = c;
    }
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return 0;
}

int
mmu_populate (mmu_map *m, size_t start, size_t length)
{
  return mmu__touch (m, start, length);
}

ssize_t
mmu_resident (const mmu_map *m, size_t start, size_t length)
{
  uintptr_t from = 0, to = 0;

  if (byte_range (m, start, length, &from, &to) != 0)
    return -1;
#if HAVE_MINCORE
  enum { CHUNK = 1024 };
  unsigned char vec[CHUNK];
  uintptr_t pg = page_size ();
  size_t count = 0;
  for (uintptr_t a = page_down (from); a < to; )
    {
      size_t pages = (page_up (to) - a) / pg;
      if (pages > CHUNK)
        pages = CHUNK;
      if (mincore ((void *) a, pages * pg, (void *) vec) != 0)
        return mmu__sysfail ();
      for (size_t i = 0; i < pages; i++, a += pg)
        if (vec[i] & 1)
          {
            uintptr_t lo = a < from ? from : a;
            uintptr_t hi = a + pg > to ? to : a + pg;
            count += hi - lo;
          }
    }
  return (ssize_t) count;
#else
  (void) from;
  (void) to;
  return mmu__fail (ENOTSUP, "mincore not supported on this system");
#endif
}

/* Lock (LOCK) or unlock the pages under bytes START .. START+LENGTH
   of M.  */
static int
lock_range (mmu_map *m, size_t start, size_t length, bool lock)
{
  uintptr_t from = 0, to = 0;

  if (byte_range (m, start, length, &from, &to) != 0)
    return -1;
#if HAVE_MLOCK
  if (from < to)
    {
      void *addr = (void *) page_down (from);
      size_t len = page_up (to) - page_down (from);
      if ((lock ? mlock (addr, len) : munlock (addr, len)) != 0)
        return mmu__sysfail ();
    }
  return 0;
#else
  (void) from;
  (void) to;
  (void) lock;
  return mmu__fail (ENOTSUP, "mlock not supported on this system");
#endif
}

int
mmu_lock (mmu_map *m, size_t start, size_t length)
{
  return lock_range (m, start, length, true);
}

int
mmu_unlock (mmu_map *m, size_t start, size_t length)
{
  return lock_range (m, start, length, false);
}
