/* sync.c -- flushing a map to its file.
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

#include "mmu-internal.h"

int
mmu_flush (mmu_map *m)
{
  return mmu_flush_range (m, 0, mmu_len (m), 0);
}

int
mmu_flush_range (mmu_map *m, size_t offset, size_t size, int flags)
{
  MMU__CHECK_OPEN (m, -1);
  if (offset > m->size || m->size - offset < size)
    return mmu__fail (EINVAL, "flush values out of range");
  /* Python's rule: a READ or COPY map has nothing to write back, and a
     DEFAULT map without PROT_WRITE is READ (Python turns its access
     into READ); a DEFAULT private map goes to msync, which writes
     nothing.  A size of 0 goes to msync all the same, which checks
     OFFSET, as Python does; a map of length 0 has no pages at all.  */
  if (m->access == MMU_ACCESS_READ || m->access == MMU_ACCESS_COPY
      || m->readonly || m->size == 0)
    return 0;
#if HAVE_MSYNC
  if (flags == 0)
    flags = MS_SYNC;
  unsigned char *addr = m->data + offset;
  if (m->extra & MMU_ANY_OFFSET)
    {
      /* The map may start inside a page: align down, hiding it.  */
      uintptr_t pg = (uintptr_t) mmu_pagesize ();
      size_t before = (size_t) ((uintptr_t) addr & (pg - 1));
      addr -= before;
      size += before;
    }
  if (msync (addr, size, flags) != 0)
    return mmu__sysfail ();
  return 0;
#else
  (void) flags;
  return mmu__fail (ENOTSUP, "flush not supported on this system");
#endif
}
