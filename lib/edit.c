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
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#if HAVE_LINUX_FALLOC_H
# include <linux/falloc.h>
#endif

#include "mmu-internal.h"

#if HAVE_FALLOCATE && HAVE_DECL_FALLOC_FL_INSERT_RANGE \
    && HAVE_DECL_FALLOC_FL_COLLAPSE_RANGE
# define MMU_SHIFT_BLOCKS 1
#else
# define MMU_SHIFT_BLOCKS 0
#endif

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

/* The fast path of mmu_insert and mmu_delete: where the file system
   shifts a file's blocks itself (fallocate's FALLOC_FL_INSERT_RANGE
   and FALLOC_FL_COLLAPSE_RANGE, on ext4 and XFS), nothing moves through
   memory.  It is taken for a shared map of a file that ends where the
   map ends, when the N bytes at OFFSET are whole blocks of the file
   system, and not at the end (where there is nothing to shift).
   INSERT makes a hole of N zero bytes at OFFSET; otherwise the N bytes
   there are cut out.  Then the map gets its new length.  Return 0 when
   done, 1 when not taken (the caller moves the bytes: the file system
   cannot, or the map is not such a map), -1 with errno when the file
   system refused for another reason (ENOSPC, EIO): M and its file are
   then as they were.  */
static int
shift_blocks (mmu_map *m, size_t offset, size_t n, bool insert)
{
#if MMU_SHIFT_BLOCKS
  if (m->fd < 0 || m->anonymous || (m->flags & MAP_PRIVATE)
      || (m->extra & MMU_PREALLOCATE)
      || atomic_load_explicit (&m->faults, memory_order_relaxed) != 0)
    return 1;
  struct stat st;
  if (fstat (m->fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_blksize <= 0)
    return 1;
  uint64_t base = mmu__file_offset (m);
  uint64_t pos = base + offset;
  uint64_t blk = (uint64_t) st.st_blksize;
  if ((uint64_t) st.st_size != base + m->size || pos % blk != 0
      || n % blk != 0 || offset + (insert ? 0 : n) >= m->size)
    return 1;
  int mode = insert ? FALLOC_FL_INSERT_RANGE : FALLOC_FL_COLLAPSE_RANGE;
  if (fallocate (m->fd, mode, (off_t) pos, (off_t) n) != 0)
    {
      /* Not on this file system, or not for these ranges: the copy.  */
      if (errno == EOPNOTSUPP || errno == EINVAL || errno == ENOSYS
          || errno == EPERM || errno == ENODEV || errno == ETXTBSY)
        return 1;
      return mmu__sysfail ();
    }
  /* The file has its new size: the map follows (mmu__resize only
     remaps, as the file already ends where the map will).  */
  size_t newsize = insert ? m->size + n : m->size - n;
  if (mmu__resize (m, newsize) != 0)
    {
      int e = errno;
      int undo = insert ? FALLOC_FL_COLLAPSE_RANGE : FALLOC_FL_INSERT_RANGE;
      if (fallocate (m->fd, undo, (off_t) pos, (off_t) n) != 0)
        {
          /* Keep the errno of the remap.  */
        }
      errno = e;
      return -1;
    }
  return 0;
#else
  (void) m;
  (void) offset;
  (void) n;
  (void) insert;
  return 1;
#endif
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

  /* The file system shifts the blocks, or the bytes move here.  */
  int by_hand = shift_blocks (m, offset, n, true);
  if (by_hand < 0 || (by_hand > 0 && mmu__resize (m, old + n) != 0))
    {
      int e = errno;
      free (copy);
      errno = e;
      return -1;
    }
  unsigned long g = mmu__guard_begin (m);
  if (by_hand)
    memmove (m->data + offset + n, m->data + offset, old - offset);
  if (d != NULL)
    memcpy (m->data + offset, d, n);
  else if (by_hand)
    memset (m->data + offset, 0, n);   /* a shifted hole reads as zeros */
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

  int by_hand = shift_blocks (m, offset, n, false);
  if (by_hand < 0)
    return -1;
  if (by_hand)
    {
      unsigned long g = mmu__guard_begin (m);
      memmove (m->data + offset, m->data + offset + n, old - offset - n);
      if (mmu__guard_end (m, g))
        return mmu__fail (EFAULT, MMU__MSG_FAULT);
      if (mmu__resize (m, old - n) != 0)
        return -1;
    }
  clamp_cursor (m);
  return 0;
}
