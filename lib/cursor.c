/* cursor.c -- the file face: the cursor, read, write, size.
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
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mmu-internal.h"

/* The bytes from the cursor to the end (0 when a shrink left the
   cursor past the end).  */
static size_t
remaining (const mmu_map *m)
{
  return m->pos < m->size ? m->size - m->pos : 0;
}

size_t
mmu_tell (const mmu_map *m)
{
  return m == NULL || m->data == NULL ? 0 : m->pos;
}

int64_t
mmu_seek (mmu_map *m, int64_t pos, int whence)
{
  int64_t base;

  MMU__CHECK_OPEN (m, -1);
  switch (whence)
    {
    case SEEK_SET:
      base = 0;
      break;
    case SEEK_CUR:
      base = (int64_t) m->pos;
      break;
    case SEEK_END:
      base = (int64_t) m->size;
      break;
    default:
      return mmu__fail (EINVAL, "unknown seek type");
    }
  if ((pos > 0 && base > INT64_MAX - pos)
      || base + pos < 0 || (uint64_t) (base + pos) > m->size)
    return mmu__fail (EINVAL, "seek out of range");
  m->pos = (size_t) (base + pos);
  return base + pos;
}

bool
mmu_seekable (const mmu_map *m)
{
  (void) m;
  return true;
}

ssize_t
mmu_read (mmu_map *m, void *buf, size_t n)
{
  MMU__CHECK_OPEN (m, -1);
  size_t rest = remaining (m);
  if (n > rest)
    n = rest;
  if (n > 0)
    {
      unsigned long g = mmu__guard_begin (m);
      memcpy (buf, m->data + m->pos, n);
      if (mmu__guard_end (m, g))
        return mmu__fail (EFAULT, MMU__MSG_FAULT);
    }
  m->pos += n;
  return (ssize_t) n;
}

int
mmu_read_byte (mmu_map *m)
{
  MMU__CHECK_OPEN (m, -1);
  if (remaining (m) == 0)
    return mmu__fail (EINVAL, "read byte out of range");
  unsigned long g = mmu__guard_begin (m);
  int v = ((volatile const unsigned char *) m->data)[m->pos];
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  m->pos++;
  return v;
}

ssize_t
mmu_readline (mmu_map *m, const void **line)
{
  MMU__CHECK_OPEN (m, -1);
  size_t rest = remaining (m);
  const unsigned char *start = m->data + m->pos;
  *line = start;
  if (rest == 0)
    return 0;
  unsigned long g = mmu__guard_begin (m);
  const unsigned char *eol = memchr (start, '\n', rest);
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  size_t n = eol ? (size_t) (eol - start) + 1 : rest;
  m->pos += n;
  return (ssize_t) n;
}

ssize_t
mmu_write (mmu_map *m, const void *buf, size_t n)
{
  MMU__CHECK_OPEN (m, -1);
  if (m->readonly)
    return mmu__fail (EACCES, MMU__MSG_READONLY);
  /* A cursor past the end (after a shrink) refuses even 0 bytes, as
     Python does.  */
  if (m->pos > m->size || n > remaining (m))
    return mmu__fail (EINVAL, "data out of range");
  if (n > 0)
    {
      unsigned long g = mmu__guard_begin (m);
      memcpy (m->data + m->pos, buf, n);
      if (mmu__guard_end (m, g))
        return mmu__fail (EFAULT, MMU__MSG_FAULT);
    }
  m->pos += n;
  return (ssize_t) n;
}

int
mmu_write_byte (mmu_map *m, unsigned char byte)
{
  MMU__CHECK_OPEN (m, -1);
  if (m->readonly)
    return mmu__fail (EACCES, MMU__MSG_READONLY);
  if (remaining (m) == 0)
    return mmu__fail (EINVAL, "write byte out of range");
  unsigned long g = mmu__guard_begin (m);
  ((volatile unsigned char *) m->data)[m->pos] = byte;
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  m->pos++;
  return 0;
}

int64_t
mmu_size (mmu_map *m)
{
  struct stat st;

  MMU__CHECK_OPEN (m, -1);
  if (m->untracked)
    {
      errno = EBADF;            /* Python: fstat of no descriptor */
      return mmu__sysfail ();
    }
  if (m->fd < 0)
    return (int64_t) m->size;
  if (fstat (m->fd, &st) != 0)
    return mmu__sysfail ();
  return (int64_t) st.st_size;
}
