/* guard.c -- the fault guard: SIGBUS on a shrunk file becomes EFAULT.
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
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mmu-internal.h"

#if !defined MAP_ANONYMOUS && defined MAP_ANON
# define MAP_ANONYMOUS MAP_ANON
#endif

/* Design.

   A file truncated under a shared mapping makes the next access to the
   vanished pages raise SIGBUS.  The first guarded mmu_open installs
   handle_sigbus (keeping the previous action).  On a fault at an
   address inside a live guarded map, the handler maps anonymous zero
   pages (MAP_FIXED, the map's protection, MAP_PRIVATE) from the faulting
   page to the end of the map, bumps the map's fault counter and
   returns: the access resumes and reads zeros (a write lands in
   anonymous memory, not in the file).  Each library function reads the
   counter before and after its access (mmu__guard_begin/end, two
   relaxed loads) and fails with EFAULT when it changed; mmu_faulted
   tells callers who scanned the map through mmu_acquire's pointer.  A
   SIGBUS outside every guarded map goes to the previous action.

   The registry is a list of blocks of slots.  Blocks are allocated
   under LOCK, published with an atomic store of the previous block's
   NEXT, and never freed, so the handler can walk them at any time.  A
   slot holds a copy of its map's address, length and protection and an
   atomic pointer to the map, NULL when the slot is free.  Writers
   (register, unregister, hide, show) hold LOCK; the handler never
   takes it.

   A slot must never describe memory its map no longer owns: another
   map may be placed there, and the handler would patch it in the name
   of the wrong map.  So a map leaves the registry before munmap, and
   mmu_resize hides its slot before mremap moves the map and shows it
   again afterwards.

   The handler announces itself in a slot by incrementing its READERS
   count, then loads MAP; a remover stores NULL into MAP, then waits
   until READERS is 0.  With sequentially consistent atomics, either
   the handler sees NULL, or the remover sees the handler and waits for
   it: the handler never touches a map being freed.  The wait is short
   (a handler does one mmap) and cannot deadlock: the handler never
   waits.  All atomics used are lock-free here, hence async-signal-safe;
   mmap and sigaction are system calls.

   The handler runs without SA_NODEFER: a fault inside the handler
   itself (or inside a previous handler it calls) then kills the process
   instead of recursing; a SIGBUS sent while the default action is
   being restored is delivered when the handler returns.  */

_Static_assert (ATOMIC_POINTER_LOCK_FREE == 2 && ATOMIC_LONG_LOCK_FREE == 2
                && ATOMIC_INT_LOCK_FREE == 2,
                "the fault guard needs lock-free atomics");

#define SLOTS_PER_BLOCK 64

struct slot
{
  _Atomic (mmu_map *) map;      /* NULL: free, or being changed */
  atomic_uintptr_t start;       /* the map's address */
  atomic_size_t len;            /* its length */
  atomic_int prot;              /* its protection */
  atomic_uint readers;          /* handlers looking at this slot */
  bool used;                    /* taken (under LOCK) */
};

struct block
{
  struct slot slots[SLOTS_PER_BLOCK];
  _Atomic (struct block *) next;
};

static struct block first_block;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool installed;                  /* under LOCK */
static struct sigaction previous;       /* written before installing */
static uintptr_t pagesize;              /* likewise */

/* Cover the vanished pages of the slot S, whose map M contains ADDR,
   with zeros.  Return true on success.  */
static bool
patch (struct slot *s, mmu_map *m, uintptr_t addr)
{
  uintptr_t start = atomic_load (&s->start);
  uintptr_t page = addr & ~(pagesize - 1);
  uintptr_t end = start + atomic_load (&s->len);
  end = (end + pagesize - 1) & ~(pagesize - 1);
  void *p = mmap ((void *) page, end - page, atomic_load (&s->prot),
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (p == MAP_FAILED)
    return false;
  atomic_fetch_add (&m->faults, 1);
  return true;
}

/* Look for ADDR in the live guarded maps and patch it.  Return true if
   it was inside one of them and now is mapped again.  */
static bool
guard_fault (uintptr_t addr)
{
  for (struct block *b = &first_block; b != NULL; b = atomic_load (&b->next))
    for (int i = 0; i < SLOTS_PER_BLOCK; i++)
      {
        struct slot *s = &b->slots[i];
        if (atomic_load (&s->map) == NULL)
          continue;
        bool done = false;
        atomic_fetch_add (&s->readers, 1);
        mmu_map *m = atomic_load (&s->map);
        if (m != NULL)
          {
            uintptr_t start = atomic_load (&s->start);
            if (addr >= start && addr - start < atomic_load (&s->len))
              done = patch (s, m, addr);
          }
        atomic_fetch_sub (&s->readers, 1);
        if (done)
          return true;
      }
  return false;
}

/* Give a SIGBUS that is not ours to the previous action.  */
static void
chain (int sig, siginfo_t *info, void *ctx)
{
  bool sent = info == NULL || info->si_code <= 0;   /* kill, raise */

  if (previous.sa_flags & SA_SIGINFO)
    {
      previous.sa_sigaction (sig, info, ctx);
      return;
    }
  if (previous.sa_handler == SIG_IGN && sent)
    return;
  if (previous.sa_handler != SIG_IGN && previous.sa_handler != SIG_DFL)
    {
      previous.sa_handler (sig);
      return;
    }
  /* The default action: restore it.  A fault happens again when the
     handler returns; a sent signal, blocked while we run, is delivered
     then.  */
  struct sigaction dfl;
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  dfl.sa_flags = 0;
  sigaction (SIGBUS, &dfl, NULL);
  if (sent)
    raise (SIGBUS);
}

static void
handle_sigbus (int sig, siginfo_t *info, void *ctx)
{
  int saved = errno;

  if (info != NULL && info->si_code > 0
      && guard_fault ((uintptr_t) info->si_addr))
    {
      errno = saved;
      return;
    }
  chain (sig, info, ctx);
  errno = saved;
}

/* Install the handler once.  Called under LOCK.  Return 0 or -1.  */
static int
install (void)
{
  struct sigaction sa;

  if (installed)
    return 0;
  pagesize = (uintptr_t) sysconf (_SC_PAGESIZE);
  sa.sa_sigaction = handle_sigbus;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  if (sigaction (SIGBUS, &sa, &previous) != 0)
    return mmu__sysfail ();
  installed = true;
  return 0;
}

/* The slot at INDEX.  Called under LOCK.  */
static struct slot *
slot_at (int index)
{
  struct block *b = &first_block;
  for (; index >= SLOTS_PER_BLOCK; index -= SLOTS_PER_BLOCK)
    b = atomic_load (&b->next);
  return &b->slots[index];
}

/* Copy the place of M into S and publish it.  */
static void
publish (struct slot *s, mmu_map *m)
{
  atomic_store (&s->start, (uintptr_t) m->data);
  atomic_store (&s->len, m->size);
  atomic_store (&s->prot, m->prot);
  atomic_store (&s->map, m);
}

/* Hide S from the handler, and wait for those looking at it.  */
static void
retract (struct slot *s)
{
  atomic_store (&s->map, NULL);
  while (atomic_load (&s->readers) != 0)
    sched_yield ();
}

int
mmu__guard_register (mmu_map *m)
{
  int index = 0;
  int ret = 0;

  pthread_mutex_lock (&lock);
  if (install () != 0)
    {
      int e = errno;
      pthread_mutex_unlock (&lock);
      errno = e;
      return -1;
    }
  struct block *b = &first_block;
  for (;;)
    {
      int i;
      for (i = 0; i < SLOTS_PER_BLOCK && b->slots[i].used; i++)
        continue;
      if (i < SLOTS_PER_BLOCK)
        {
          index += i;
          break;
        }
      index += SLOTS_PER_BLOCK;
      struct block *next = atomic_load (&b->next);
      if (next == NULL)
        {
          next = calloc (1, sizeof *next);
          if (next == NULL)
            {
              ret = mmu__sysfail ();
              break;
            }
          atomic_store (&b->next, next);
        }
      b = next;
    }
  if (ret == 0)
    {
      struct slot *s = slot_at (index);
      s->used = true;
      m->guard_slot = index;
      publish (s, m);
    }
  int e = errno;
  pthread_mutex_unlock (&lock);
  errno = e;
  return ret;
}

void
mmu__guard_unregister (mmu_map *m)
{
  pthread_mutex_lock (&lock);
  struct slot *s = slot_at (m->guard_slot);
  retract (s);
  s->used = false;
  m->guard_slot = -1;
  pthread_mutex_unlock (&lock);
}

void
mmu__guard_hide (mmu_map *m)
{
  pthread_mutex_lock (&lock);
  retract (slot_at (m->guard_slot));
  pthread_mutex_unlock (&lock);
}

void
mmu__guard_show (mmu_map *m)
{
  pthread_mutex_lock (&lock);
  publish (slot_at (m->guard_slot), m);
  pthread_mutex_unlock (&lock);
}

bool
mmu_faulted (const mmu_map *m)
{
  return m != NULL
         && atomic_load_explicit (&m->faults, memory_order_relaxed) != 0;
}
