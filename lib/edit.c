/* edit.c -- inserting and deleting bytes: move + resize.
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
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mmu-internal.h"

/* Design.  Seed 002 cuts bytes out of a map by moving what follows
   them down and shrinking the map, and inserts by growing it and moving
   the tail up.  mmu_insert and mmu_delete do exactly that, with every
   check of mmu_resize done before anything changes: insert grows first
   (a failed growth changes nothing) and then moves; delete moves first
   and shrinks afterwards, so the bytes it keeps are never cut off.  */

/* Check that M may be edited: the checks of mmu_resize, which refuse
   a map whose bytes or file may not be written (a DEFAULT map with
   PROT_READ, or a private map of a file, as READ or COPY).  */
static int
check_edit (const mmu_map *m)
{
  return mmu__check_resizable (m);
}

/* The cursor does not move, unless it is past the new end: then it is
   put at the end.  */
static void
clamp_cursor (mmu_map *m)
{
  if (m->pos > m->size)
    m->pos = m->size;
}

int
mmu_insert (mmu_map *m, size_t offset, const void *data, size_t n)
{
  if (check_edit (m) != 0)
    return -1;
  size_t old = m->size;
  if (offset > old)
    return mmu__fail (EINVAL, "insert offset out of range");
  if (n > (size_t) SSIZE_MAX - old)
    return mmu__fail (EINVAL, "new size out of range");
  if (n == 0)
    return 0;
  if (mmu__check_newsize (m, old + n) != 0)
    return -1;

  /* DATA inside the map would move with it: copy it first.  */
  void *copy = NULL;
  const unsigned char *d = data;
  if (d != NULL && (uintptr_t) d < (uintptr_t) (m->data + old)
      && (uintptr_t) m->data < (uintptr_t) (d + n))
    {
      copy = malloc (n);
      if (copy == NULL)
        return mmu__sysfail ();
      unsigned long g = mmu__guard_begin (m);
      memcpy (copy, d, n);
      if (mmu__guard_end (m, g))
        {
          free (copy);
          return mmu__fail (EFAULT, MMU__MSG_FAULT);
        }
      d = copy;
    }

  if (mmu__resize (m, old + n) != 0)
    {
      int e = errno;
      free (copy);
      errno = e;
      return -1;
    }
  unsigned long g = mmu__guard_begin (m);
  memmove (m->data + offset + n, m->data + offset, old - offset);
  if (d != NULL)
    memcpy (m->data + offset, d, n);
  else
    memset (m->data + offset, 0, n);
  bool faulted = mmu__guard_end (m, g);
  free (copy);
  clamp_cursor (m);
  if (faulted)
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return 0;
}

int
mmu_delete (mmu_map *m, size_t offset, size_t n)
{
  if (check_edit (m) != 0)
    return -1;
  size_t old = m->size;
  if (offset > old || n > old - offset)
    return mmu__fail (EINVAL, "delete offset or count out of range");
  if (n == 0)
    return 0;
  if (mmu__check_newsize (m, old - n) != 0)
    return -1;

  unsigned long g = mmu__guard_begin (m);
  memmove (m->data + offset, m->data + offset + n, old - offset - n);
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  if (mmu__resize (m, old - n) != 0)
    return -1;
  clamp_cursor (m);
  return 0;
}
