/* search.c -- find and rfind over a map.
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

#include "memfind.h"
#include "mmu-internal.h"

/* Clamp a Python find bound I against LEN.  */
static size_t
clamp (ssize_t i, size_t len)
{
  if (i < 0)
    {
      if ((size_t) -(i + 1) >= len)
        return 0;
      return len - (size_t) -(i + 1) - 1;
    }
  return (size_t) i > len ? len : (size_t) i;
}

/* The search of M[START:END] for SUB, forward or REVERSE.  */
static ssize_t
gfind (const mmu_map *m, const void *sub, size_t sublen,
       ssize_t start, ssize_t end, bool reverse)
{
  MMU__CHECK_OPEN (m, -1);
  size_t a = start == MMU_OMIT ? (m->pos < m->size ? m->pos : m->size)
                               : clamp (start, m->size);
  size_t b = end == MMU_OMIT ? m->size : clamp (end, m->size);

  errno = 0;
  if (b < a || sublen > b - a)
    return -1;

  const unsigned char *hay = m->data + a;
  const unsigned char *p;
  unsigned long g = mmu__guard_begin (m);
  p = (reverse ? mmu__memrfind (hay, b - a, sub, sublen)
       : mmu__memfind (hay, b - a, sub, sublen));
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  if (p == NULL)
    {
      errno = 0;
      return -1;
    }
  return (ssize_t) (p - m->data);
}

ssize_t
mmu_find (const mmu_map *m, const void *sub, size_t sublen)
{
  return gfind (m, sub, sublen, MMU_OMIT, MMU_OMIT, false);
}

ssize_t
mmu_find_range (const mmu_map *m, const void *sub, size_t sublen,
                ssize_t start, ssize_t end)
{
  return gfind (m, sub, sublen, start, end, false);
}

ssize_t
mmu_rfind (const mmu_map *m, const void *sub, size_t sublen)
{
  return gfind (m, sub, sublen, MMU_OMIT, MMU_OMIT, true);
}

ssize_t
mmu_rfind_range (const mmu_map *m, const void *sub, size_t sublen,
                 ssize_t start, ssize_t end)
{
  return gfind (m, sub, sublen, start, end, true);
}
