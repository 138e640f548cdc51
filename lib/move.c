/* move.c -- moving bytes inside a map.
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
#include <string.h>

#include "mmu-internal.h"

int
mmu_move (mmu_map *m, size_t dest, size_t src, size_t count)
{
  MMU__CHECK_OPEN (m, -1);
  if (m->readonly)
    return mmu__fail (EACCES, MMU__MSG_READONLY);
  if (dest > m->size || src > m->size
      || m->size - dest < count || m->size - src < count)
    return mmu__fail (EINVAL, "source, destination, or count out of range");
  if (count == 0)
    return 0;
  unsigned long g = mmu__guard_begin (m);
  memmove (m->data + dest, m->data + src, count);
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return 0;
}
