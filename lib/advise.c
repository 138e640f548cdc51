/* advise.c -- advice to the kernel about a map.
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
mmu_madvise (mmu_map *m, int advice)
{
  return mmu_madvise_range (m, advice, 0, mmu_len (m));
}

int
mmu_madvise_range (mmu_map *m, int advice, size_t start, size_t length)
{
  MMU__CHECK_OPEN (m, -1);
  if (start >= m->size)
    return mmu__fail (EINVAL, "madvise start out of bounds");
  if (length > (size_t) SSIZE_MAX)
    return mmu__fail (EINVAL, "madvise length invalid");
  if (length > m->size - start)
    length = m->size - start;
#if HAVE_MADVISE || HAVE_POSIX_MADVISE
  unsigned char *addr = m->data + start;
  if (m->extra & MMU_ANY_OFFSET)
    {
      /* The map may start inside a page: align down, hiding it.  */
      uintptr_t pg = (uintptr_t) mmu_pagesize ();
      size_t before = (size_t) ((uintptr_t) addr & (pg - 1));
      addr -= before;
      length += before;
    }
#endif
#if HAVE_MADVISE
  if (madvise (addr, length, advice) != 0)
    return mmu__sysfail ();
  return 0;
#elif HAVE_POSIX_MADVISE
  int err = posix_madvise (addr, length, advice);
  if (err != 0)
    {
      errno = err;
      return mmu__sysfail ();
    }
  return 0;
#else
  (void) advice;
  (void) length;
  return mmu__fail (ENOTSUP, "madvise not supported on this system");
#endif
}
