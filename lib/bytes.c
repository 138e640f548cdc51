/* bytes.c -- the byte-array face: indexing, slices, the buffer.
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

#include "mmu-internal.h"

#define MSG_INDEX "mmap index out of range"

ssize_t
mmu__slice (size_t length, ssize_t *start, ssize_t *stop, ssize_t *step)
{
  ssize_t len = (ssize_t) length;
  ssize_t st = *step == MMU_OMIT ? 1 : *step;

  if (st == 0)
    return mmu__fail (EINVAL, "slice step cannot be zero");
  if (st < -SSIZE_MAX)
    st = -SSIZE_MAX;
  /* Omitted bounds; MMU_OMIT is also PTRDIFF_MIN, so an omitted STOP of
     a negative step is already right.  */
  ssize_t a = *start == MMU_OMIT ? (st < 0 ? SSIZE_MAX : 0) : *start;
  ssize_t b = *stop == MMU_OMIT ? (st < 0 ? MMU_OMIT : SSIZE_MAX) : *stop;

  if (a < 0)
    {
      a = a < -len ? -1 : a + len;
      if (a < 0)
        a = st < 0 ? -1 : 0;
    }
  else if (a >= len)
    a = st < 0 ? len - 1 : len;
  if (b < 0)
    {
      b = b < -len ? -1 : b + len;
      if (b < 0)
        b = st < 0 ? -1 : 0;
    }
  else if (b >= len)
    b = st < 0 ? len - 1 : len;

  *start = a;
  *stop = b;
  *step = st;
  if (st < 0)
    return b < a ? (a - b - 1) / -st + 1 : 0;
  return a < b ? (b - a - 1) / st + 1 : 0;
}

size_t
mmu_len (const mmu_map *m)
{
  return m == NULL || m->data == NULL ? 0 : m->size;
}

/* Turn a Python index into an offset of M; -1 with ERANGE when it is
   out of range.  */
static ssize_t
adjust_index (const mmu_map *m, ssize_t index)
{
  size_t len = m->size;

  if (index < 0)
    {
      if ((size_t) -(index + 1) >= len)
        return mmu__fail (ERANGE, MSG_INDEX);
      return (ssize_t) (len - (size_t) -(index + 1) - 1);
    }
  if ((size_t) index >= len)
    return mmu__fail (ERANGE, MSG_INDEX);
  return index;
}

int
mmu_get (const mmu_map *m, ssize_t index)
{
  MMU__CHECK_OPEN (m, -1);
  ssize_t at = adjust_index (m, index);
  if (at < 0)
    return -1;
  unsigned long g = mmu__guard_begin (m);
  int v = ((volatile const unsigned char *) m->data)[at];
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return v;
}

int
mmu_set (mmu_map *m, ssize_t index, unsigned char byte)
{
  MMU__CHECK_OPEN (m, -1);
  if (m->readonly)
    return mmu__fail (EACCES, MMU__MSG_READONLY);
  ssize_t at = adjust_index (m, index);
  if (at < 0)
    return -1;
  unsigned long g = mmu__guard_begin (m);
  ((volatile unsigned char *) m->data)[at] = byte;
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return 0;
}

ssize_t
mmu_get_slice (const mmu_map *m, ssize_t start, ssize_t stop,
               ssize_t step, void *out, size_t outsize)
{
  MMU__CHECK_OPEN (m, -1);
  ssize_t n = mmu__slice (m->size, &start, &stop, &step);
  if (n < 0 || out == NULL)
    return n;
  if ((size_t) n > outsize)
    return mmu__fail (ERANGE, "output buffer too small for the slice");

  unsigned char *o = out;
  unsigned long g = mmu__guard_begin (m);
  if (step == 1)
    memcpy (o, m->data + start, (size_t) n);
  else
    {
      /* Unsigned, so that the step past the last byte of a huge STEP
         wraps instead of overflowing; it is never used.  */
      size_t cur = (size_t) start;
      for (ssize_t i = 0; i < n; i++, cur += (size_t) step)
        o[i] = m->data[cur];
    }
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return n;
}

int
mmu_set_slice (mmu_map *m, ssize_t start, ssize_t stop,
               ssize_t step, const void *src, size_t srclen)
{
  MMU__CHECK_OPEN (m, -1);
  if (m->readonly)
    return mmu__fail (EACCES, MMU__MSG_READONLY);
  ssize_t n = mmu__slice (m->size, &start, &stop, &step);
  if (n < 0)
    return -1;
  if ((size_t) n != srclen)
    return mmu__fail (ERANGE, "mmap slice assignment is wrong size");
  if (n == 0)
    return 0;

  const unsigned char *s = src;
  unsigned long g = mmu__guard_begin (m);
  if (step == 1)
    memcpy (m->data + start, s, (size_t) n);
  else
    {
      size_t cur = (size_t) start;      /* as in mmu_get_slice */
      for (ssize_t i = 0; i < n; i++, cur += (size_t) step)
        m->data[cur] = s[i];
    }
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return 0;
}

void *
mmu_acquire (mmu_map *m, size_t *len)
{
  MMU__CHECK_OPEN (m, NULL);
  m->exports++;
  if (len != NULL)
    *len = m->size;
  return m->data;
}

int
mmu_release (mmu_map *m)
{
  mmu__clear_detail ();
  if (m == NULL || m->exports == 0)
    return mmu__fail (EINVAL, "mmap buffer released without acquire");
  m->exports--;
  return 0;
}

bool
mmu_writable (const mmu_map *m)
{
  return m != NULL && m->data != NULL && !m->readonly;
}
