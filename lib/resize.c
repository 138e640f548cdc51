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
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
  /* The access in effect, not only the one asked for: a DEFAULT map
     without PROT_WRITE is READ, and a private map of a file is COPY;
     resizing either would change a file the map may not write.  A
     private anonymous map has no file: it may change its length.  */
  if (m->access == MMU_ACCESS_READ || m->access == MMU_ACCESS_COPY
      || m->readonly || (!m->anonymous && (m->flags & MAP_PRIVATE)))
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

/* Map NEWSIZE bytes of M afresh, with the DELTA bytes before them, and
   return the address of the mapping, or MAP_FAILED.  */
static void *
map_new (const mmu_map *m, size_t newsize)
{
  if (m->fd < 0)
    return mmap (NULL, newsize, m->prot, m->flags | MAP_ANONYMOUS, -1, 0);
  return mmap (NULL, newsize + m->delta, m->prot, m->flags, m->fd,
               (off_t) (mmu__file_offset (m) - m->delta));
}

/* Give M a new mapping of NEWSIZE bytes in another place, copying the
   bytes of an anonymous or private map, and unmap the old one.  Return
   0, or -1 with errno set (M then keeps its old mapping).  */
static int
replace (mmu_map *m, size_t newsize)
{
  bool copy = m->fd < 0 || (m->flags & MAP_PRIVATE) || m->anonymous;

  void *p = map_new (m, newsize);
  if (p == MAP_FAILED)
    return mmu__sysfail ();
  if (copy)
    {
      /* Still guarded: the old map stays registered while read.  */
      unsigned long g = mmu__guard_begin (m);
      memcpy ((unsigned char *) p + m->delta, m->data,
              newsize < m->size ? newsize : m->size);
      if (mmu__guard_end (m, g))
        {
          munmap (p, newsize + m->delta);
          return mmu__fail (EFAULT, MMU__MSG_FAULT);
        }
    }
  hide (m);
  munmap (mmu__map_base (m), mmu__map_len (m));
  m->data = (unsigned char *) p + m->delta;
  m->size = newsize;
  show (m);
  return 0;
}

/* Give M its new mapping of NEWSIZE bytes.  Return 0, or -1 with errno
   set (M then keeps its old mapping).  */
static int
remap (mmu_map *m, size_t newsize)
{
  void *p;

  if (m->size == 0)
    {
      /* An empty map (MMU_ALLOW_EMPTY) has nothing mapped yet.  */
      p = map_new (m, newsize);
      if (p == MAP_FAILED)
        return mmu__sysfail ();
      hide (m);
      m->data = (unsigned char *) p + m->delta;
      m->size = newsize;
      show (m);
      return 0;
    }
  bool shared_file = m->fd >= 0 && !m->anonymous && !(m->flags & MAP_PRIVATE);
  /* A shared map of a file that the fault guard patched after its file
     shrank is no longer all the file's: the patch is anonymous memory
     (and a mapping of its own, which mremap cannot move together with
     the rest).  The file holds every byte such a map should show: map
     it afresh, whole.  */
  if (shared_file
      && atomic_load_explicit (&m->faults, memory_order_relaxed) != 0)
    return replace (m, newsize);
#if HAVE_MREMAP && HAVE_DECL_MREMAP_MAYMOVE
  hide (m);
  p = mremap (mmu__map_base (m), mmu__map_len (m), newsize + m->delta,
              MREMAP_MAYMOVE);
  if (p != MAP_FAILED)
    {
      m->data = (unsigned char *) p + m->delta;
      m->size = newsize;
    }
  int e = errno;
  show (m);
  if (p != MAP_FAILED)
    return 0;
  if (!shared_file)
    {
      errno = e;
      return mmu__sysfail ();
    }
  /* A shared map of a file that mremap cannot move or grow where it
     is (ENOMEM, or EFAULT when a fault came between the check above
     and mremap): the file holds its bytes, map it afresh.  */
#else
  if (newsize < m->size)
    {
      /* Without mremap a map shrinks where it is, as mremap would
         shrink it: the whole pages past its new end are unmapped.  Its
         bytes and address stay, and so does the sharing of a shared
         anonymous map with the children forked before it shrank (a
         new mapping would be this process's alone).  */
      uintptr_t pg = (uintptr_t) mmu_pagesize ();
      uintptr_t base = (uintptr_t) mmu__map_base (m);
      uintptr_t keep = ((uintptr_t) m->delta + newsize + pg - 1) & ~(pg - 1);
      uintptr_t all = ((uintptr_t) mmu__map_len (m) + pg - 1) & ~(pg - 1);
      hide (m);
      int r = keep < all ? munmap ((void *) (base + keep), all - keep) : 0;
      int e = errno;
      if (r == 0)
        m->size = newsize;
      show (m);
      if (r != 0)
        {
          errno = e;
          return mmu__sysfail ();
        }
      return 0;
    }
#endif
  return replace (m, newsize);
}

#if !HAVE_POSIX_FALLOCATE || defined EOPNOTSUPP
/* Write zeros into the file FD from the offset FROM until TO.  Return
   0 or an errno value.  */
static int
write_zeros (int fd, uint64_t from, uint64_t to)
{
  static const char zeros[64 * 1024];

  while (from < to)
    {
      size_t n = to - from < sizeof zeros ? (size_t) (to - from) : sizeof zeros;
      ssize_t w = pwrite (fd, zeros, n, (off_t) from);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return w < 0 ? errno : ENOSPC;
      from += (uint64_t) w;
    }
  return 0;
}
#endif

/* Reserve the blocks of the file FD between the offsets FROM and TO
   (MMU_PREALLOCATE), so that a full disk says ENOSPC now rather than SIGBUS when the new
   pages are first written.  posix_fallocate where configure found it
   and the file system supports it, else zeros written past the end of
   the file.  On failure the file keeps its size.  Return 0, or -1 with
   errno set.  */
static int
reserve (int fd, uint64_t from, uint64_t to)
{
  struct stat st;
  int err;

  if (fstat (fd, &st) != 0)
    return mmu__sysfail ();
  uint64_t before = (uint64_t) st.st_size;
#if HAVE_POSIX_FALLOCATE
  err = posix_fallocate (fd, (off_t) from, (off_t) (to - from));
# ifdef EOPNOTSUPP
  /* A file system without fallocate; the arguments are valid, so
     EINVAL means the same (POSIX.1-2008).  */
  if (err == EOPNOTSUPP || err == EINVAL)
    err = write_zeros (fd, before > from ? before : from, to);
# endif
#else
  err = write_zeros (fd, before > from ? before : from, to);
#endif
  if (err != 0)
    {
      if (before < to && ftruncate (fd, (off_t) before) != 0)
        {
          /* Keep the errno of the reservation.  */
        }
      errno = err;
      return mmu__sysfail ();
    }
  return 0;
}

int
mmu__resize (mmu_map *m, size_t newsize)
{
  size_t old = m->size;
  uint64_t base = mmu__file_offset (m);
  struct stat st;

  if (m->fd < 0)
    return remap (m, newsize);
  if (newsize < old)
    {
      /* Shrink the map first, then the file: if the file cannot be
         cut, the map gets its length back, and the file is as it
         was.  */
      if (remap (m, newsize) != 0)
        return -1;
      if (ftruncate (m->fd, (off_t) (base + newsize)) != 0)
        {
          int e = errno;
          remap (m, old);
          errno = e;
          return mmu__sysfail ();
        }
      return 0;
    }

  if (fstat (m->fd, &st) != 0)
    return mmu__sysfail ();
  if ((uint64_t) st.st_size >= base + newsize)
    {
      /* The file already has the bytes: grow the map first, then cut
         what the file has past it (Python's rule); if the file cannot
         be cut, the map gets its length back.  */
      if (remap (m, newsize) != 0)
        return -1;
      if ((uint64_t) st.st_size > base + newsize
          && ftruncate (m->fd, (off_t) (base + newsize)) != 0)
        {
          int e = errno;
          remap (m, old);
          errno = e;
          return mmu__sysfail ();
        }
      return 0;
    }

  /* Grow the file first (the new pages of the map must have bytes
     under them), then the map; if the map cannot grow, the file gets
     its old size back.  */
  if ((m->extra & MMU_PREALLOCATE)
      && reserve (m->fd, base + old, base + newsize) != 0)
    return -1;
  if (ftruncate (m->fd, (off_t) (base + newsize)) != 0)
    {
      int e = errno;
      if (ftruncate (m->fd, st.st_size) != 0)
        {
          /* Keep the first errno.  */
        }
      errno = e;
      return mmu__sysfail ();
    }
  if (remap (m, newsize) != 0)
    {
      int e = errno;
      const char *detail = mmu_error_detail ();
      if (ftruncate (m->fd, st.st_size) != 0)
        {
          /* Keep the errno of the remap.  */
        }
      errno = e;
      return detail ? mmu__fail (e, detail) : mmu__sysfail ();
    }
  return 0;
}

int
mmu_resize (mmu_map *m, size_t newsize)
{
  if (mmu__check_resizable (m) != 0 || mmu__check_newsize (m, newsize) != 0)
    return -1;
  return mmu__resize (m, newsize);
}
