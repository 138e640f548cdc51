/* resize.c -- changing the length of a map and its file.
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
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mmu-internal.h"

#if !defined MAP_ANONYMOUS && defined MAP_ANON
# define MAP_ANONYMOUS MAP_ANON
#endif

int
mmu__check_resizable (const mmu_map *m)
{
  MMU__CHECK_OPEN (m, -1);
  if (m->exports > 0)
    return mmu__fail (EBUSY, "mmap can't resize with extant buffers exported.");
  if (m->untracked)
    return mmu__fail (EINVAL, "mmap can't resize with trackfd=False.");
  if (m->access == MMU_ACCESS_READ || m->access == MMU_ACCESS_COPY)
    return mmu__fail (EACCES,
                      "mmap can't resize a readonly or copy-on-write memory map.");
  return 0;
}

int
mmu__check_newsize (const mmu_map *m, size_t newsize)
{
  if (newsize == 0 || newsize > (size_t) SSIZE_MAX
      || (uint64_t) newsize > (uint64_t) INT64_MAX - m->offset)
    return mmu__fail (EINVAL, "new size out of range");
  if (m->fd < 0 && !(m->flags & MAP_PRIVATE) && newsize > m->size)
    return mmu__fail (EINVAL,
                      "mmap: can't expand a shared anonymous mapping");
  return 0;
}

/* Hide and show M to the fault guard around a move (see guard.c).  */
static void
hide (mmu_map *m)
{
  if (m->guard_slot >= 0)
    mmu__guard_hide (m);
}

static void
show (mmu_map *m)
{
  if (m->guard_slot >= 0)
    mmu__guard_show (m);
}

/* Give M its new mapping of NEWSIZE bytes.  Return 0, or -1 with errno
   set (M then keeps its old mapping).  */
static int
remap (mmu_map *m, size_t newsize)
{
#if HAVE_MREMAP && HAVE_DECL_MREMAP_MAYMOVE
  hide (m);
  void *p = mremap (m->data, m->size, newsize, MREMAP_MAYMOVE);
  if (p != MAP_FAILED)
    {
      m->data = p;
      m->size = newsize;
    }
  show (m);
  return p == MAP_FAILED ? mmu__sysfail () : 0;
#else
  bool copy = m->fd < 0 || (m->flags & MAP_PRIVATE);
  void *p;

  if (m->fd < 0)
    p = mmap (NULL, newsize, m->prot, m->flags | MAP_ANONYMOUS, -1, 0);
  else
    p = mmap (NULL, newsize, m->prot, m->flags, m->fd, (off_t) m->offset);
  if (p == MAP_FAILED)
    return mmu__sysfail ();
  if (copy)
    {
      /* Still guarded: the old map stays registered while read.  */
      unsigned long g = mmu__guard_begin (m);
      memcpy (p, m->data, newsize < m->size ? newsize : m->size);
      if (mmu__guard_end (m, g))
        {
          munmap (p, newsize);
          return mmu__fail (EFAULT, MMU__MSG_FAULT);
        }
    }
  hide (m);
  munmap (m->data, m->size);
  m->data = p;
  m->size = newsize;
  show (m);
  return 0;
#endif
}

int
mmu__resize (mmu_map *m, size_t newsize)
{
  if (m->fd >= 0
      && ftruncate (m->fd, (off_t) (m->offset + newsize)) != 0)
    return mmu__sysfail ();
  return remap (m, newsize);
}

int
mmu_resize (mmu_map *m, size_t newsize)
{
  if (mmu__check_resizable (m) != 0 || mmu__check_newsize (m, newsize) != 0)
    return -1;
  return mmu__resize (m, newsize);
}
