/* map.c -- construction and lifetime of a map.
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
#include <unistd.h>

#include "mmu-internal.h"

#if !defined MAP_ANONYMOUS && defined MAP_ANON
# define MAP_ANONYMOUS MAP_ANON
#endif

#define MMU__KNOWN_EXTRA \
  (MMU_ALLOW_EMPTY | MMU_ANY_OFFSET | MMU_PREALLOCATE | MMU_POPULATE \
   | MMU_NO_GUARD)

unsigned char mmu__empty[1];

/* The flags to add to M's flags when mapping it at open: MAP_POPULATE
   for MMU_POPULATE where configure found it (else mmu_open touches the
   pages afterwards).  */
static int
open_flags (const mmu_map *m)
{
#if HAVE_DECL_MAP_POPULATE
  if (m->extra & MMU_POPULATE)
    return MAP_POPULATE;
#else
  (void) m;
#endif
  return 0;
}

/* The flags that choose where a map is placed.  The library owns the
   address of every map (it unmaps it, moves it with mremap, and tells
   the fault guard where it is), so a caller may not choose it: with
   MAP_FIXED a map could even land at address 0, which means closed.  */
#if HAVE_DECL_MAP_FIXED_NOREPLACE
# define MMU__PLACING_FLAGS (MAP_FIXED | MAP_FIXED_NOREPLACE)
#else
# define MMU__PLACING_FLAGS MAP_FIXED
#endif

/* Turn OPTS into the FLAGS and PROT to give mmap, for a map M of the
   descriptor FD.  Return 0, or -1 with errno set.  */
static int
resolve_options (const struct mmu_options *o, int fd, mmu_map *m)
{
  int flags = o->flags ? o->flags : MAP_SHARED;
  int prot = o->prot ? o->prot : PROT_READ | PROT_WRITE;

  if (flags & MMU__PLACING_FLAGS)
    return mmu__fail (EINVAL, "mmap flags may not place the map "
                      "(MAP_FIXED, MAP_FIXED_NOREPLACE)");
#ifdef MAP_ANONYMOUS
  /* MAP_ANONYMOUS would map memory instead of the file, which resize
     would still change: refused.  With FD -1 it says what FD says.  */
  if (flags & MAP_ANONYMOUS)
    {
      if (fd != -1)
        return mmu__fail (EINVAL, "mmap flags MAP_ANONYMOUS with a file "
                          "descriptor");
      flags &= ~MAP_ANONYMOUS;
      if (flags == 0)
        flags = MAP_SHARED;
    }
#else
  (void) fd;
#endif
  for (size_t i = 0; i < sizeof o->reserved / sizeof o->reserved[0]; i++)
    if (o->reserved[i] != 0)
      return mmu__fail (EINVAL, "mmu_options reserved words must be zero");
  if (o->extra & ~MMU__KNOWN_EXTRA)
    return mmu__fail (EINVAL, "unknown mmu_options extra bits");
  switch (o->access)
    {
    case MMU_ACCESS_DEFAULT:
      break;
    case MMU_ACCESS_READ:
    case MMU_ACCESS_WRITE:
    case MMU_ACCESS_COPY:
      if (flags != MAP_SHARED || prot != (PROT_READ | PROT_WRITE))
        return mmu__fail (EINVAL,
                          "mmap can't specify both access and flags, prot.");
      flags = o->access == MMU_ACCESS_COPY ? MAP_PRIVATE : MAP_SHARED;
      prot = (o->access == MMU_ACCESS_READ
              ? PROT_READ : PROT_READ | PROT_WRITE);
      break;
    default:
      return mmu__fail (EINVAL, "mmap invalid access parameter.");
    }
  m->flags = flags;
  m->prot = prot;
  m->access = o->access;
  m->readonly = !(prot & PROT_WRITE);
  m->untracked = o->untracked;
  m->extra = o->extra;
  m->offset = o->offset;
  return 0;
}

/* Check LENGTH against the file FD, as Python does, and return in
   *LENGTH the length to map.  With EMPTY (MMU_ALLOW_EMPTY), an empty
   file, or an OFFSET at its end, give a length of 0 instead of EINVAL.
   Return 0, or -1 with errno set.  */
static int
check_file (int fd, uint64_t offset, size_t *length, bool empty)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    return mmu__sysfail ();
  if (!S_ISREG (st.st_mode))
    {
      /* mmap decides; it refuses a length of 0 whatever the file, and
         a pipe, a directory or a device has no size to fill it.  */
      if (*length == 0)
        {
          errno = EINVAL;
          return mmu__sysfail ();
        }
      return 0;
    }
  uint64_t fsize = (uint64_t) st.st_size;
  if (*length == 0)
    {
      if (empty && offset == fsize)
        return 0;
      if (fsize == 0)
        return mmu__fail (EINVAL, "cannot mmap an empty file");
      if (offset >= fsize)
        return mmu__fail (EINVAL, "mmap offset is greater than file size");
      if (fsize - offset > (uint64_t) SSIZE_MAX)
        return mmu__fail (EINVAL, "mmap length is too large");
      *length = (size_t) (fsize - offset);
    }
  else if (offset > fsize || fsize - offset < *length)
    return mmu__fail (EINVAL, "mmap length is greater than file size");
  return 0;
}

/* Map the anonymous memory of M, LENGTH bytes.  A shared map that may
   be resized lives on a memfd, so that it can grow and stay shared
   with children.  Return 0, or -1 with errno set.  */
static int
map_anonymous (mmu_map *m, size_t length)
{
  void *p;

#if HAVE_MEMFD_CREATE
  if (!(m->flags & MAP_PRIVATE) && !m->untracked)
    {
      int mfd = memfd_create ("mmap-util", MFD_CLOEXEC);
      if (mfd >= 0)
        {
          if (ftruncate (mfd, (off_t) length) != 0)
            {
              int e = errno;
              close (mfd);
              errno = e;
              return mmu__sysfail ();
            }
          p = mmap (NULL, length, m->prot, m->flags | open_flags (m),
                    mfd, 0);
          if (p == MAP_FAILED)
            {
              int e = errno;
              close (mfd);
              errno = e;
              return mmu__sysfail ();
            }
          m->data = p;
          m->fd = mfd;
          return 0;
        }
      if (errno != ENOSYS)
        return mmu__sysfail ();
    }
#endif
  p = mmap (NULL, length, m->prot, m->flags | MAP_ANONYMOUS | open_flags (m),
            -1, 0);
  if (p == MAP_FAILED)
    return mmu__sysfail ();
  m->data = p;
  return 0;
}

/* Map LENGTH bytes of FD for M, and keep a descriptor unless untracked.
   With MMU_ANY_OFFSET, an unaligned offset is aligned down and the
   difference hidden in M->delta; with MMU_ALLOW_EMPTY, a length of 0
   maps nothing.  Return 0, or -1 with errno set; on failure nothing is
   left.  */
static int
map_file (mmu_map *m, int fd, size_t length)
{
  long gran = mmu_allocation_granularity ();

  /* Python's order: the offset's sign, the file (fstat: EBADF; an
     empty file, a length past the end), and only then what mmap itself
     refuses (an unaligned offset, a length of 0).  */
  if (m->offset > (uint64_t) INT64_MAX)
    return mmu__fail (EINVAL, "memory mapped offset must be positive");
  if (check_file (fd, m->offset, &length,
                  (m->extra & MMU_ALLOW_EMPTY) != 0) != 0)
    return -1;
  if (gran > 0 && m->offset % (uint64_t) gran != 0)
    {
      if (!(m->extra & MMU_ANY_OFFSET))
        {
          errno = EINVAL;       /* what mmap itself says: an OSError */
          return mmu__sysfail ();
        }
      m->delta = (size_t) (m->offset % (uint64_t) gran);
    }
  void *p = mmu__empty;
  if (length > 0)
    {
      p = mmap (NULL, length + m->delta, m->prot, m->flags | open_flags (m),
                fd, (off_t) (m->offset - m->delta));
      if (p == MAP_FAILED)
        return mmu__sysfail ();
    }
  if (!m->untracked)
    {
      int dfd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
      if (dfd < 0)
        {
          int e = errno;
          if (length > 0)
            munmap (p, length + m->delta);
          errno = e;
          return mmu__sysfail ();
        }
      m->fd = dfd;
    }
  m->data = (unsigned char *) p + (length > 0 ? m->delta : 0);
  m->size = length;
  return 0;
}

/* Unmap M and close its descriptor, whatever its state.  */
static void
release_resources (mmu_map *m)
{
  if (m->data != NULL)
    {
      if (m->guard_slot >= 0)
        mmu__guard_unregister (m);
      if (m->size > 0)
        munmap (mmu__map_base (m), mmu__map_len (m));
      m->data = NULL;
    }
  if (m->fd >= 0)
    {
      close (m->fd);
      m->fd = -1;
    }
}

mmu_map *
mmu_open (int fd, size_t length, const struct mmu_options *opts)
{
  static const struct mmu_options defaults;
  const struct mmu_options *o = opts ? opts : &defaults;

  mmu__clear_detail ();
  if (length > (size_t) SSIZE_MAX)
    {
      mmu__fail (EINVAL, "memory mapped length must be positive");
      return NULL;
    }
  mmu_map *m = calloc (1, sizeof *m);
  if (m == NULL)
    {
      mmu__sysfail ();
      return NULL;
    }
  m->fd = -1;
  m->guard_slot = -1;
  atomic_init (&m->faults, 0);
  if (resolve_options (o, fd, m) != 0)
    goto fail;
  if (fd == -1)
    {
      m->anonymous = true;
      /* mmap checks the alignment of the offset of anonymous memory,
         and then ignores it; so does the library (Python keeps it, and
         shows it).  */
      long gran = mmu_allocation_granularity ();
      if (gran > 0 && m->offset % (uint64_t) gran != 0
          && !(m->extra & MMU_ANY_OFFSET))
        {
          errno = EINVAL;
          mmu__sysfail ();
          goto fail;
        }
      if (length == 0)
        {
          errno = EINVAL;       /* mmap's own answer to a length 0 */
          mmu__sysfail ();
          goto fail;
        }
      if (map_anonymous (m, length) != 0)
        goto fail;
      m->size = length;
    }
  else if (map_file (m, fd, length) != 0)
    goto fail;

  if (!(m->extra & MMU_NO_GUARD) && mmu__guard_register (m) != 0)
    goto fail;
#if !HAVE_DECL_MAP_POPULATE
  if ((m->extra & MMU_POPULATE) && mmu__touch (m, 0, m->size) != 0)
    goto fail;
#endif
  return m;

 fail:
  {
    int e = errno;
    release_resources (m);
    free (m);
    errno = e;
    return NULL;
  }
}

int
mmu_close (mmu_map *m)
{
  mmu__clear_detail ();
  if (m == NULL)
    return mmu__fail (EBADF, MMU__MSG_CLOSED);
  if (m->data == NULL)
    return 0;
  if (m->exports > 0)
    return mmu__fail (EBUSY, "cannot close exported pointers exist");
  release_resources (m);
  return 0;
}

bool
mmu_closed (const mmu_map *m)
{
  return m == NULL || m->data == NULL;
}

void
mmu_free (mmu_map *m)
{
  if (m == NULL)
    return;
  int e = errno;
  release_resources (m);
  free (m);
  errno = e;
}

enum mmu_access
mmu_access_mode (const mmu_map *m)
{
  if (m == NULL)
    return MMU_ACCESS_DEFAULT;
  if (m->access != MMU_ACCESS_DEFAULT)
    return m->access;
  if (m->readonly)
    return MMU_ACCESS_READ;
  if (m->flags & MAP_PRIVATE)
    return MMU_ACCESS_COPY;
  return MMU_ACCESS_WRITE;
}

uint64_t
mmu_offset (const mmu_map *m)
{
  return m == NULL ? 0 : m->offset;
}
