/* mmu-internal.h -- the map object and the helpers shared by the library.
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

#ifndef MMU_INTERNAL_H
#define MMU_INTERNAL_H 1

#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmap-util.h"

/* The object behind mmu_map.  */
struct mmu_map
{
  unsigned char *data;          /* the mapping; NULL once closed */
  size_t size;                  /* its length in bytes */
  size_t pos;                   /* the cursor */
  uint64_t offset;              /* the file offset of DATA */
  size_t delta;                 /* bytes mapped before DATA (MMU_ANY_OFFSET):
                                   the mapping is DATA - DELTA, SIZE + DELTA
                                   bytes long; nothing is mapped while
                                   SIZE is 0 (DATA is then mmu__empty) */
  int fd;                       /* our descriptor (dup, memfd) or -1 */
  int flags;                    /* the flags given to mmap */
  int prot;                     /* the protection given to mmap */
  enum mmu_access access;       /* as asked for */
  bool readonly;                /* writes refused with EACCES */
  bool anonymous;               /* not backed by a caller's file */
  bool untracked;               /* Python's trackfd=False */
  unsigned int extra;           /* MMU_* option bits */
  size_t exports;               /* mmu_acquire count */
  int guard_slot;               /* registry slot, -1 when unguarded */
  atomic_ulong faults;          /* bumped by the SIGBUS handler */
};

/* Where DATA points while a map has length 0 (MMU_ALLOW_EMPTY): not
   NULL, which means closed, and never accessed (map.c).  */
extern unsigned char mmu__empty[1];

/* The start and the length of the mapping of M, which has a length
   above 0.  */
static inline void *
mmu__map_base (const mmu_map *m)
{
  return m->data - m->delta;
}

static inline size_t
mmu__map_len (const mmu_map *m)
{
  return m->size + m->delta;
}

/* The offset in M's descriptor of the byte 0 of M: the offset asked
   for, but 0 for anonymous memory (whose offset mmap ignores).  */
static inline uint64_t
mmu__file_offset (const mmu_map *m)
{
  return m->anonymous ? 0 : m->offset;
}

/* Errors (error.c).  Each sets errno and returns -1.  */

/* The library refuses: errno ERR, the detail Python's message MSG.  */
int mmu__fail (int err, const char *msg);

/* A system call failed: keep its errno, no detail.  */
int mmu__sysfail (void);

/* Forget the detail of an earlier call: every public function that can
   fail calls this first (MMU__CHECK_OPEN does), so that the detail is
   always that of the last such call.  */
void mmu__clear_detail (void);

/* Common messages.  */
#define MMU__MSG_CLOSED "mmap closed or invalid"
#define MMU__MSG_READONLY "mmap can't modify a readonly memory map."

/* Forget the detail of an earlier call, and fail with EBADF unless M
   is open.  */
#define MMU__CHECK_OPEN(m, ret)                        \
  do                                                   \
    {                                                  \
      mmu__clear_detail ();                            \
      if ((m) == NULL || (m)->data == NULL)            \
        {                                              \
          mmu__fail (EBADF, MMU__MSG_CLOSED);          \
          return ret;                                  \
        }                                              \
    }                                                  \
  while (0)

/* Slices (bytes.c).  */

/* Normalise START, STOP and STEP (MMU_OMIT: omitted) against LENGTH as
   Python's PySlice_Unpack and PySlice_AdjustIndices do.  Return the
   slice's length, or -1 with EINVAL for a zero step.  */
ssize_t mmu__slice (size_t length, ssize_t *start, ssize_t *stop,
                    ssize_t *step);

/* Resizing (resize.c).  */

/* Check that M may change its length at all, in the order of the
   contract of mmu_resize: EBADF, EBUSY, EINVAL (untracked), EACCES
   (READ or COPY access).  Return 0, or -1 with errno set.  */
int mmu__check_resizable (const mmu_map *m);

/* Check that M may become NEWSIZE bytes long: EINVAL for 0, too large,
   or growing a shared anonymous map without a memfd.  */
int mmu__check_newsize (const mmu_map *m, size_t newsize);

/* Give M, checked by both, the length NEWSIZE, and its file the size
   offset + NEWSIZE.  The cursor does not move.  Return 0, or -1 with
   errno set (the map then keeps its old place and length).  */
int mmu__resize (mmu_map *m, size_t newsize);

/* Residency (residency.c).  */

/* Fault in the pages of the LENGTH bytes of M at START (clamped to the
   end) by touching them under the guard.  Return 0, or -1 with errno
   EBADF, EINVAL (START past the length) or EFAULT.  */
int mmu__touch (mmu_map *m, size_t start, size_t length);

/* The fault guard (guard.c).  */

/* Register M with the guard, installing the SIGBUS handler first if
   needed.  Return 0, or -1 with errno set.  */
int mmu__guard_register (mmu_map *m);

/* Remove M from the registry; waits for handlers reading its slot.  */
void mmu__guard_unregister (mmu_map *m);

/* Hide M from the handler before a remap moves it (its old place may
   then be given to another map), and show it again, at its new place
   and length, afterwards.  */
void mmu__guard_hide (mmu_map *m);
void mmu__guard_show (mmu_map *m);

/* Around every access to the bytes of M: take the fault count before,
   and tell after whether a fault happened in between.  The signal
   fences keep the compiler from moving the access across the loads;
   they cost nothing at run time.  */
static inline unsigned long
mmu__guard_begin (const mmu_map *m)
{
  unsigned long g = atomic_load_explicit (&m->faults, memory_order_relaxed);
  atomic_signal_fence (memory_order_seq_cst);
  return g;
}

static inline bool
mmu__guard_end (const mmu_map *m, unsigned long g)
{
  atomic_signal_fence (memory_order_seq_cst);
  return atomic_load_explicit (&m->faults, memory_order_relaxed) != g;
}

/* The message of a guarded access that faulted.  */
#define MMU__MSG_FAULT "mmap file shrank under the map"

#endif /* MMU_INTERNAL_H */
