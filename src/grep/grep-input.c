/* grep-input.c -- how mmgrep gets the bytes of one input (see
   grep-input.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "grep-input.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grep.h"
#include "safe-read.h"
#include "xalloc.h"

/* MMGREP_USE_MAPPING comes from configure (--enable-mmgrep-mapping):
   1 once the library has its object model (mmu_open, mmu_madvise,
   mmu_acquire, mmu_release, mmu_faulted, mmu_free).  With 0, every
   input takes the read path.  */
#ifndef MMGREP_USE_MAPPING
# define MMGREP_USE_MAPPING 0
#endif

#if MMGREP_USE_MAPPING
# include "mmap-util.h"
#endif

/* GNU grep's buffer, simulated (grep 3.8's fillbuf, learned from how
   it reads).  Its size outlives each file, as grep's does.  It starts
   at INPUT_INITIAL_CHUNK plus a page and a word; when the data to keep
   leaves less than a page after it, it grows by half (at least enough,
   at most what the rest of a regular file needs); each read fills it
   to its end, in whole pages, from the page boundary after the kept
   data.  SIM_OFFSET is where in a page the buffer starts: 16 bytes in
   for a grown one (glibc's malloc maps large blocks); for the first
   one it depends on what was allocated before (1952 is what grep 3.8
   shows in a UTF-8 locale on Debian 12).  It lives in the reading
   thread's state (struct grep_input_state).  */
enum { SIM_PAGE = 4096, SIM_UWORD = 8 };

void
grep_input_state_init (struct grep_input_state *state)
{
  state->sim.bufalloc = INPUT_INITIAL_CHUNK + SIM_PAGE + SIM_UWORD;
  state->sim.offset = 1952;
  state->spare_heap = NULL;
  state->spare_heapsize = 0;
  state->short_read_ends = false;
}

/* Whether the regular file ST has fewer blocks than its size needs:
   it may have holes.  (A file of blocks enough may have a hole too,
   rarely, with its metadata blocks: its NULs are found when read.)  */
static bool
fewer_blocks (struct stat const *st)
{
  return (S_ISREG (st->st_mode) && st->st_size > 0
          && ((uintmax_t) st->st_blocks
              < ((uintmax_t) st->st_size + 511) / 512));
}

static size_t
sim_align (size_t n)
{
  return (n + SIM_PAGE - 1) / SIM_PAGE * SIM_PAGE;
}

static void
sim_reset (struct grep_input *in)
{
  struct grep_input_sim const *sim = &in->state->sim;
  in->sim_buflim = sim_align (sim->offset + 1) - sim->offset;
  in->sim_readbuf = in->sim_buflim;
  in->sim_read = 0;
  in->sim_data_end = 0;
  in->sim_floor = 0;
  in->sim_nstarts = 0;
  in->sim_gap_end = 0;
  in->sim_gap_save = 0;
}

#if MMGREP_USE_MAPPING
/* The simulation of IN reads a chunk from START on: remember where the
   last one started.  */
static void
sim_new_start (struct grep_input *in, uint64_t start)
{
  if (in->sim_nstarts == SIM_STARTS)
    {
      memmove (in->sim_starts, in->sim_starts + 1,
               (SIM_STARTS - 1) * sizeof *in->sim_starts);
      in->sim_nstarts--;
    }
  in->sim_starts[in->sim_nstarts++] = in->sim_start;
  in->sim_start = start;
}
#endif

/* The size of grep's next read, when it keeps SAVE bytes.  */
static size_t
sim_readsize (struct grep_input *in, size_t save)
{
  struct grep_input_sim *sim = &in->state->sim;
  size_t readbuf;
  if (SIM_PAGE <= sim->bufalloc - SIM_UWORD - in->sim_buflim)
    readbuf = in->sim_buflim;
  else
    {
      size_t need = save + 2 * SIM_PAGE + SIM_UWORD;
      if (need > sim->bufalloc)
        {
          size_t incr_min = need - sim->bufalloc;
          size_t n = sim->bufalloc + sim->bufalloc / 2;
          if (in->st_size >= 0 && (uint64_t) in->st_size >= in->sim_read)
            {
              size_t max = (in->st_size - in->sim_read) + save + SIM_PAGE
                           + SIM_UWORD;
              if (max < sim->bufalloc + incr_min)
                max = sim->bufalloc + incr_min;
              if (max < n)
                n = max;
            }
          if (n - sim->bufalloc < incr_min)
            n = sim->bufalloc + incr_min;
          sim->bufalloc = n;
          sim->offset = 16;
        }
      readbuf = sim_align (sim->offset + 1 + save) - sim->offset;
    }
  in->sim_readbuf = readbuf;
  size_t readsize = sim->bufalloc - SIM_UWORD - readbuf;
  return readsize - readsize % SIM_PAGE;
}

static void
sim_advance (struct grep_input *in, size_t n)
{
  in->sim_buflim = in->sim_readbuf + n;
  in->sim_read += n;
}

/* Whether the N bytes at P, N > 0, are all NULs.  */
static bool
all_zeros (char const *p, size_t n)
{
  return n && !*p && memcmp (p, p + 1, n - 1) == 0;
}

#if MMGREP_USE_MAPPING
/* What grep keeps when its data ends at END in BUF: the last partial
   line and BEFORE lines before it.  NUL_EOL: NULs end lines too (binary
   data): the last NUL is looked for first, for the last end of line
   only after it, which a hole makes quick.  Its memrchr (2% of a
   profile of `-c PM_RESUME' over 1 GB cached, 20,000 instructions of
   25.8 million on 64 MB) reads the end of a chunk of grep's before the
   search gets there: the time is the first read of that memory, which
   the search would pay (as slice_end's, grep-part.h).  */
static size_t
sim_save (char const *buf, size_t end, char eol, intmax_t before,
          bool nul_eol)
{
  char const *p = buf + end;
  char const *z = nul_eol && end ? memrchr (buf, '\0', end) : NULL;
  char const *from = z ? z + 1 : buf;
  char const *nl = buf + end > from
                   ? memrchr (from, eol, buf + end - from) : NULL;
  if (!nl)
    nl = z;
  p = nl ? nl + 1 : buf;
  for (intmax_t i = 0; i < before && p > buf; i++)
    do
      --p;
    while (p > buf && p[-1] != eol && !(nul_eol && !p[-1]));
  return buf + end - p;
}
#endif

/* The largest spare buffer kept for the next input.  */
enum { SPARE_HEAP_MAX = 4 * 1024 * 1024 };

void
grep_input_state_free (struct grep_input_state *state)
{
  free (state->spare_heap);
  state->spare_heap = NULL;
  state->spare_heapsize = 0;
}

/* Make room in the heap buffer for NEED bytes plus the two scratch
   bytes.  */
static void
reserve (struct grep_input *in, size_t need)
{
  if (need + 2 > in->heapsize)
    {
      size_t size = in->heapsize ? in->heapsize : INPUT_INITIAL_CHUNK + 2;
      while (size < need + 2)
        size = size / 2 * 3 + 2;
      char *heap = xrealloc (in->heap, size);
      if (in->buf == in->heap)
        in->buf = heap;
      in->heap = heap;
      in->heapsize = size;
    }
}

#if MMGREP_USE_MAPPING
/* Whether IN's file is to be read rather than mapped, for the tests
   only: MMGREP_TEST_COLD set to "read" reads every file that would be
   mapped ("map", or unset, maps it).

   A file out of the page cache is mapped too, with no advice of
   sequential reading: the page faults read around them, the system's
   readahead window at a time (8 MiB here), and grep_input_ahead asks
   for the next 16 MiB ahead of the search (MADV_WILLNEED).  `mmgrep -c
   PM_RESUME' on a file of 1 GB dropped from the page cache
   (bench/run-grep's cold row), medians of 11 runs alternated with
   ripgrep's, free page reporting off (bench/README): one thread, read
   with POSIX_FADV_SEQUENTIAL (mmgrep's route for it until 2026-12)
   0.513 s, mapped 0.502 s, ripgrep (which maps it) 0.504 s; two
   threads, the file split, read 0.528 s, mapped 0.476 s.  Both
   sequential advices slow the mapping down: MADV_SEQUENTIAL and
   POSIX_FADV_SEQUENTIAL 0.708 s, POSIX_FADV_SEQUENTIAL alone 0.740 s,
   neither 0.529 s (medians of 9 and 7, one thread).  More asked for
   ahead is slower too (all of each 16 MiB, in pieces of 8 MiB, which
   the kernel takes whole: 0.620 s), and nothing asked for the same
   (0.504 s, against 0.500 s; medians of 9): the disk is the limit
   there, about 2 GB/s, whether one reader or four read it (dd
   iflag=direct), and ripgrep reaches it too.  */
static bool
input_read_for_tests (void)
{
  char const *test = getenv ("MMGREP_TEST_COLD");
  return test && strcmp (test, "read") == 0;
}

/* Map IN's file, which is regular and INPUT_MAP_THRESHOLD bytes or
   more.  Return false when it cannot be (it is read then).  */
static bool
map_input (struct grep_input *in)
{
  if (input_read_for_tests ())
    return false;
  /* A private, writable view: the engines store a sentinel byte after
     the window for a while; that costs one copied page, and the file
     never changes.  */
  struct mmu_options opts = { 0 };
  opts.access = MMU_ACCESS_COPY;
  /* Standard input may start inside the file.  */
  opts.offset = in->start;
  if (in->start)
    opts.extra = MMU_ANY_OFFSET;
  mmu_map *m = mmu_open (in->fd, 0, &opts);
  if (!m)
    return false;
  size_t len;
  void *p = mmu_acquire (m, &len);
  if (!p)
    {
      mmu_free (m);
      return false;
    }
  in->map = m;
  in->mapbase = p;
  in->buf = p;
  in->maplen = len;
  in->mapped = true;
  in->len = 0;
  return true;
}
#endif

void
grep_input_open (struct grep_input *in, struct grep_input_state *state,
                 int fd, struct stat const *st, uint64_t start, char eol,
                 bool try_map)
{
  memset (in, 0, sizeof *in);
  in->state = state;
  in->fd = fd;
  in->eol = eol;
  in->start = start;
  /* The size of the input: what the file holds from START on.  */
  in->st_size = -1;
  if (st && S_ISREG (st->st_mode))
    in->st_size = (st->st_size >= 0 && (uint64_t) st->st_size > start
                   ? (int64_t) (st->st_size - start) : 0);
  in->size_unknown = !st;
  in->maybe_sparse = st && fewer_blocks (st);
  in->try_map = try_map;
  sim_reset (in);
  in->sim_open = state->sim;
  in->heap = state->spare_heap;
  in->heapsize = state->spare_heapsize;
  state->spare_heap = NULL;
  state->spare_heapsize = 0;
  reserve (in, 0);
  in->buf = in->heap;
#if MMGREP_USE_MAPPING
  /* A small file is read, as GNU grep reads it: cheaper than mapping
     it (mmap, madvise, munmap, and the library's fstat and descriptor
     of its own).  */
  if (try_map && in->st_size >= INPUT_MAP_THRESHOLD)
    map_input (in);
#endif
}

/* After the first read of IN, whose size was not known, of N bytes out
   of the WANT asked for: learn the size.  A short read is the whole
   file; otherwise ask the system, and map the file if it is very large
   (INPUT_LATE_MAP_THRESHOLD).  Return false (errno set) if the system
   cannot say.  */
static bool
learn_size (struct grep_input *in, size_t n, size_t want)
{
  in->size_unknown = false;
  if (n < want)
    {
      in->st_size = n;
      in->short_eof = in->state->short_read_ends;
      return true;
    }
  struct stat st;
  if (fstat (in->fd, &st) != 0)
    return false;
  in->st_size = S_ISREG (st.st_mode) ? st.st_size : -1;
  in->maybe_sparse = fewer_blocks (&st);
#if MMGREP_USE_MAPPING
  if (in->try_map && in->st_size >= INPUT_LATE_MAP_THRESHOLD
      && map_input (in))
    {
      /* The mapping starts at offset 0: what was read goes, and grep's
         reads are simulated over the mapping from the start.  */
      sim_reset (in);
      return true;
    }
#endif
  return true;
}

#if MMGREP_USE_MAPPING
enum { DROP_MIN = 1 << 20 };

/* Give back the whole pages of the mapping of IN in FROM..TO.  */
static void
drop_pages (struct grep_input const *in, uint64_t from, uint64_t to)
{
  uintptr_t page = sysconf (_SC_PAGESIZE);
  uintptr_t base = (uintptr_t) in->mapbase;
  uintptr_t lo = (base + from + page - 1) & -page;
  uintptr_t hi = (base + to) & -page;
  if (lo < hi)
    mmu_madvise_range (in->map, MADV_DONTNEED, lo - base, hi - lo);
}

/* The read-ahead of a mapped input: while the search is within
   AHEAD_LOW of what was asked for, the next AHEAD_STEP bytes are
   asked for (MADV_WILLNEED), unless they seem to be in the page
   cache: AHEAD_SAMPLES pages spread over them all are (mincore of a
   page each; asking about all 4,096 pages of a step cost a search of a
   warm file 8% of its time, in the kernel's look-ups).  A page fault
   reads ahead too, but synchronously, when the search reaches it.  */
enum { AHEAD_STEP = 16 << 20, AHEAD_LOW = 8 << 20, AHEAD_SAMPLES = 8 };

/* Whether the sample pages of N bytes at AT of the map M are all in
   the page cache.  */
static bool
ahead_cached (mmu_map const *m, size_t at, size_t n)
{
  size_t page = sysconf (_SC_PAGESIZE);
  for (int i = 0; i < AHEAD_SAMPLES; i++)
    {
      size_t off = at + n / AHEAD_SAMPLES * i;
      ssize_t res = mmu_resident (m, off, n - (off - at) < page
                                          ? n - (off - at) : page);
      if (res == 0)
        return false;
      if (res < 0)
        return true;
    }
  return true;
}

void
grep_input_ahead (struct grep_input const *in, size_t *ahead,
                  char const *p, char const *lim)
{
  char const *base = in->mapbase;
  if (!in->map || !(base <= p && p < lim && lim <= base + in->maplen))
    return;
  size_t at = p - base, end = lim - base;
  if (at + AHEAD_LOW < *ahead || *ahead >= end)
    return;
  if (*ahead < at)
    *ahead = at;
  size_t n = end - *ahead < AHEAD_STEP ? end - *ahead : AHEAD_STEP;
  if (!ahead_cached (in->map, *ahead, n))
    mmu_madvise_range (in->map, MADV_WILLNEED, *ahead, n);
  *ahead += n;
}

/* The pages a searcher of a mapped input has left behind, given back
   BEHIND_STEP at a time, but the last BEHIND_KEEP (context lines
   before a match look back): the page cache keeps them, a later look
   maps them again.  Without it, a search of a file of 1 GB is 1 GB
   resident (GNU grep: 2 MB).  */
enum { BEHIND_STEP = 16 << 20, BEHIND_KEEP = 1 << 20 };

void
grep_input_behind (struct grep_input const *in, size_t *dropped,
                   char const *p)
{
  char const *base = in->mapbase;
  if (!in->map || !(base <= p && p <= base + in->maplen))
    return;
  size_t at = p - base;
  if (!*dropped)
    {
      /* The first call: where this searcher starts.  */
      *dropped = at;
      return;
    }
  if (at < *dropped + BEHIND_STEP + BEHIND_KEEP)
    return;
  size_t to = at - BEHIND_KEEP;
  drop_pages (in, *dropped, to);
  *dropped = to;
}
#else
void
grep_input_behind (struct grep_input const *in _GL_UNUSED,
                   size_t *dropped _GL_UNUSED, char const *p _GL_UNUSED)
{
}

void
grep_input_ahead (struct grep_input const *in _GL_UNUSED,
                  size_t *ahead _GL_UNUSED, char const *p _GL_UNUSED,
                  char const *lim _GL_UNUSED)
{
}
#endif

#if MMGREP_USE_MAPPING
/* The pages of the mapping that were copied out, before IN->map_pos:
   give them back (the page cache keeps them), a MiB at least at a
   time, so that copying a file a chunk at a time, holes and all, does
   not make all of it resident, as grep's reads do not.  */
static void
drop_behind (struct grep_input *in)
{
  if (in->map_pos - in->map_dropped < DROP_MIN)
    return;
  drop_pages (in, in->map_dropped, in->map_pos);
  in->map_dropped = in->map_pos;
}

/* The bytes of the mapping after its first window (its last line,
   however long: the whole file when it has no end of line), copied to
   the heap buffer a chunk at a time, as the read path reads them: a
   line without end takes no more memory than there, and binary data
   whose NULs end lines (grep-search.c) takes little.  Keep KEEP..LEN
   of the window first.  Only what the file still holds, when it shrank
   (the bytes that vanished read as zeros).  Return the number of new
   bytes; set EOF with the last.  */
static ptrdiff_t
fill_tail (struct grep_input *in, size_t keep)
{
  size_t maplen = in->maplen;
  if (in->shrank || mmu_faulted (in->map))
    maplen = grep_input_cut (in);
  /* A hole is skipped as grep skips it: its read of a chunk that is
     all hole is skipped, and the rest of the hole (lseek's SEEK_DATA);
     a chunk that reaches the data after a hole is read whole, NULs and
     all.  One end of line ends what was kept before.  */
  bool skipped = false;
  if (in->skip_nuls && in->holes && in->map_pos >= in->data_end
      && in->map_pos < maplen)
    {
      uint64_t hole;
      uint64_t d = grep_input_next_data (in, in->map_pos, maplen, &hole);
      uint64_t chunk_end = (maplen - in->map_pos < INPUT_INITIAL_CHUNK
                            ? maplen : in->map_pos + INPUT_INITIAL_CHUNK);
      if (d >= chunk_end)
        {
          skipped = d > in->map_pos;
          in->map_pos = d;
        }
      in->data_end = hole;
    }
  size_t n = 0;
  size_t kept = in->len - keep;
  if (!in->holes)
    {
      /* grep's reads, simulated (and, when binary data began in the
         mapped window, from the end of the one that holds the first
         NUL, grep_input_skip_begins): the rest of the one the window
         ends in, then the next, those of nothing but NULs skipped once
         they may be: what is kept is followed by the next read.  */
      if (in->sim_read < in->map_pos && in->map_pos > 0)
        grep_input_chunk_start (in, in->map_pos - 1, in->sim_before);
      if (in->map_pos < in->sim_read)
        n = (in->map_pos < maplen
             ? (in->sim_read < maplen ? in->sim_read : maplen) - in->map_pos
             : 0);
      else if (in->map_pos < maplen)
        {
          size_t readsize = sim_readsize (in, kept);
          for (;;)
            {
              n = (maplen - in->map_pos < readsize
                   ? maplen - in->map_pos : readsize);
              if (!n || !in->skip_reads || !in->skip_nuls
                  || in->map_pos < in->skip_from
                  || !all_zeros (in->mapbase + in->map_pos, n))
                break;
              in->map_pos += n;
              in->sim_read = in->map_pos;
              in->sim_gap_end = in->map_pos;
              in->sim_gap_save = kept;
              skipped = true;
              /* The NULs read to know it: given back as they go.  */
              drop_behind (in);
            }
          sim_new_start (in, in->map_pos);
          sim_advance (in, n);
        }
    }
  else if (in->map_pos < maplen)
    n = (maplen - in->map_pos < INPUT_INITIAL_CHUNK
         ? maplen - in->map_pos : INPUT_INITIAL_CHUNK);
  reserve (in, kept + skipped + n);
  if (in->buf + keep != in->heap)
    memmove (in->heap, in->buf + keep, kept);
  in->buf = in->heap;
  in->offset += keep;
  if (skipped)
    {
      /* (A hole skipped a chunk at a time ends a line.)  */
      if (in->holes && kept && in->heap[kept - 1] != in->eol)
        in->heap[kept++] = in->eol;
      in->offset = in->map_pos - kept;
    }
  in->len = kept;
  memcpy (in->heap + kept, in->mapbase + in->map_pos, n);
  in->map_pos += n;
  in->len += n;
  drop_behind (in);
  if (in->map_pos < maplen)
    return n;
  in->eof = true;
  /* A file that shrank within its last page raised no fault: the
     bytes after its end read as zeros.  What it still holds after its
     last end of line is its last line, as for grep, which reads up to
     the new end.  */
  if (in->shrank || mmu_faulted (in->map) || grep_input_cut (in) < in->maplen)
    {
      in->shrank = true;
      /* Not what the caller keeps of what was searched.  */
      uint64_t now = grep_input_cut (in);
      if (now < in->cut_floor)
        now = in->cut_floor;
      size_t have = now > in->offset ? now - in->offset : 0;
      if (in->len > have)
        in->len = have;
    }
  return n;
}

enum { LAST_EOL_STEP = 4 << 20 };

/* The mapped path.  The first window is the mapping up to its last
   end of line but one, so that the byte after the window is still in
   the mapping; the rest (the last line, and what the caller keeps)
   comes next in the heap buffer, where there is room for scratch.  */
static ptrdiff_t
fill_mapped (struct grep_input *in, size_t keep)
{
  char *map = in->mapbase;
  /* A file with holes is binary data: not one window (whose end is
     found from the end of the mapping, the hole's bytes read on the
     way), but the rest, a chunk at a time, holes skipped.  */
  if (!in->map_done && in->len == 0 && !in->shrank
      && !(in->find_holes && grep_input_has_hole (in)))
    {
      /* Back from the end, 4 MiB at a time, giving back what holds no
         end of line (200 MB of NULs after the first line were all
         resident, for a window of one line).  */
      char const *last = NULL;
      for (size_t end = in->maplen > 1 ? in->maplen - 1 : 0; end > 0;)
        {
          size_t step = end < LAST_EOL_STEP ? end : LAST_EOL_STEP;
          last = memrchr (map + end - step, in->eol, step);
          if (last)
            break;
          end -= step;
          drop_pages (in, end, end + step);
        }
      if (last)
        {
          in->len = last + 1 - map;
          return in->len;
        }
    }
  /* The rest, after the window, is copied.  */
  in->map_pos = in->offset + in->len;
  in->mapped = false;
  in->map_done = true;
  return fill_tail (in, keep);
}
#endif

/* The read path read N NULs after the KEPT bytes of the window, and
   they may be skipped: as grep does, go on reading at the next data
   (lseek's SEEK_DATA), not the bytes of the hole.  They read as
   nothing: what grep kept (the last partial line) is followed by what
   it reads next, one line.  */
static void
skip_zeros (struct grep_input *in, size_t n, size_t const *kept)
{
  /* grep's offset moves on as over what it read.  */
  in->sim_read += n;
  uint64_t pos = in->start + in->sim_read;
#ifdef SEEK_DATA
  off_t d = lseek (in->fd, pos, SEEK_DATA);
  if (d < 0 && errno == ENXIO && in->st_size >= 0
      && pos < in->start + (uint64_t) in->st_size)
    d = lseek (in->fd, 0, SEEK_END);
  if (d >= 0 && (uint64_t) d > pos)
    {
      in->sim_read = d - in->start;
      pos = d;
    }
#endif
  in->offset = pos - in->start - *kept;
}

ptrdiff_t
grep_input_fill (struct grep_input *in, size_t keep)
{
#if MMGREP_USE_MAPPING
  if (in->mapped)
    return fill_mapped (in, keep);
#endif
  if (in->eof)
    {
      memmove (in->buf, in->buf + keep, in->len - keep);
      in->offset += keep;
      in->len -= keep;
      return 0;
    }
#if MMGREP_USE_MAPPING
  if (in->map_done)
    return fill_tail (in, keep);
#endif
  size_t kept = in->len - keep;
  if (in->buf + keep != in->heap)
    memmove (in->heap, in->buf + keep, kept);
  in->buf = in->heap;
  in->offset += keep;
  in->len = kept;
  /* Read what grep would.  */
  size_t want = sim_readsize (in, kept);
  reserve (in, kept + in->skip_nuls + want);
  size_t n;
  for (;;)
    {
      /* The read at the end of a file whose first read was short
         would return 0: skip it (the simulation moves on all the
         same).  */
      n = in->short_eof ? 0 : safe_read (in->fd, in->heap + kept, want);
      if (n == SAFE_READ_ERROR)
        return -1;
      if (in->size_unknown)
        {
          if (!learn_size (in, n, want))
            return -1;
#if MMGREP_USE_MAPPING
          if (in->mapped)
            return fill_mapped (in, 0);
#endif
        }
      if (!in->skip_nuls || !all_zeros (in->heap + kept, n))
        break;
      skip_zeros (in, n, &kept);
    }
  sim_advance (in, n);
  if (n == 0)
    in->eof = true;
  in->len += n;
  return n;
}

/* Make *C, with *STATE, a copy of IN whose simulation of grep's reads
   starts afresh from the state at open (the simulation only goes
   forward).  */
static void
sim_afresh (struct grep_input const *in, struct grep_input *c,
            struct grep_input_state *state)
{
  *state = *in->state;
  state->sim = in->sim_open;
  *c = *in;
  c->state = state;
  sim_reset (c);
  c->sim_start = 0;
}

uint64_t
grep_input_chunk_start (struct grep_input *in, uint64_t pos, intmax_t before)
{
#if MMGREP_USE_MAPPING
  if (in->map)
    {
      /* Simulate grep's reads over the mapping up to POS.  */
      char const *map = in->mapbase;
      while (in->sim_read <= pos && in->sim_read < in->maplen)
        {
          /* Once NULs may be skipped, grep skips a hole: it keeps
             nothing from before it.  */
          if (in->skip_nuls && in->holes
              && in->sim_read >= in->sim_data_end)
            {
              uint64_t hole;
              uint64_t d = grep_input_next_data (in, in->sim_read,
                                                 in->maplen, &hole);
              if (d > in->sim_read)
                {
                  in->sim_read = in->sim_floor = d;
                  sim_new_start (in, d);
                  if (d >= in->maplen)
                    break;
                }
              in->sim_data_end = hole;
            }
          size_t save;
          if (in->sim_gap_end > in->sim_floor
              && in->sim_gap_end <= in->sim_read)
            {
              /* After skipped reads: what grep kept before them, and
                 the read after them.  */
              size_t after = in->sim_read - in->sim_gap_end;
              save = sim_save (map + in->sim_gap_end, after, in->eol,
                               before, in->nuls_end_lines);
              if (save == after)
                save += in->sim_gap_save;
            }
          else
            save = sim_save (map + in->sim_floor,
                             in->sim_read - in->sim_floor,
                             in->eol, before, in->nuls_end_lines);
          size_t readsize = sim_readsize (in, save);
          size_t n = readsize;
          if (n > in->maplen - in->sim_read)
            n = in->maplen - in->sim_read;
          /* A read of nothing but NULs is skipped, once they may be:
             grep reads as much again after it.  */
          if (in->skip_reads && in->skip_nuls
              && in->sim_read >= in->skip_from)
            while (n && all_zeros (map + in->sim_read, n))
              {
                in->sim_read += n;
                in->sim_gap_end = in->sim_read;
                in->sim_gap_save = save;
                n = readsize;
                if (n > in->maplen - in->sim_read)
                  n = in->maplen - in->sim_read;
              }
          sim_new_start (in, in->sim_read);
          sim_advance (in, n);
          /* It looks at the end of each chunk, and the kernel maps the
             pages around those it faults in, where the page cache has
             them (a hole of 2 GiB, just copied a chunk at a time: 1.4
             GB resident): once the rest is copied out (the search no
             longer reads the mapping in place), give back the pages
             before the chunk, as the copy does (drop_behind).  */
          if (in->map_done && in->sim_start - in->sim_dropped >= DROP_MIN)
            {
              drop_pages (in, in->sim_dropped, in->sim_start);
              in->sim_dropped = in->sim_start;
            }
          /* Likewise while the window is searched in place, as its
             searchers do (grep_input_behind): behind a file split
             between two threads, this walks the second part again.  */
          else if (!in->map_done && in->sim_start
                   >= in->sim_dropped + BEHIND_STEP + BEHIND_KEEP)
            {
              drop_pages (in, in->sim_dropped, in->sim_start - BEHIND_KEEP);
              in->sim_dropped = in->sim_start - BEHIND_KEEP;
            }
        }
      /* POS is in the last chunk simulated, or, asked after a later
         position (grep-search.c's scan_text with -c), in one of those
         before it: one of the last remembered, or else simulated
         afresh, from the state at open, on copies.  */
      if (pos < in->sim_start)
        {
          for (unsigned int i = in->sim_nstarts; 0 < i; i--)
            if (in->sim_starts[i - 1] <= pos)
              return in->sim_starts[i - 1];
          struct grep_input_state state;
          struct grep_input c;
          sim_afresh (in, &c, &state);
          return grep_input_chunk_start (&c, pos, before);
        }
      return in->sim_start;
    }
#endif
  (void) pos;
  (void) before;
  /* The read path reads grep's chunks: the last one read.  */
  return in->sim_read - (in->sim_buflim - in->sim_readbuf);
}

uint64_t
grep_input_chunk_end (struct grep_input *in, uint64_t pos, intmax_t before)
{
#if MMGREP_USE_MAPPING
  if (in->map)
    {
      grep_input_chunk_start (in, pos, before);
      return in->sim_read < in->maplen ? in->sim_read : in->maplen;
    }
#endif
  (void) pos;
  (void) before;
  return in->offset + in->len;
}

uint64_t
grep_input_read_end (struct grep_input const *in, uint64_t pos,
                     intmax_t before)
{
  /* Simulate afresh, on copies, from the state at open: the
     simulation only goes forward.  */
  struct grep_input_state state;
  struct grep_input c;
  sim_afresh (in, &c, &state);
  return grep_input_chunk_end (&c, pos, before);
}

uint64_t
grep_input_skip_begins (struct grep_input *in, uint64_t nul_off,
                        intmax_t before)
{
#if MMGREP_USE_MAPPING
  if (in->map && !in->map_done && !in->skip_reads)
    {
      /* Simulate afresh up to the NUL's read, which grep does not
         skip (it had seen no NUL yet): the simulation may have gone
         on past it (-c's slices) without skipping.  */
      in->state->sim = in->sim_open;
      sim_reset (in);
      in->sim_start = 0;
      grep_input_chunk_start (in, nul_off, before);
      in->skip_from = in->sim_read;
      in->skip_reads = true;
      return in->skip_from;
    }
  /* The rest of the mapping, copied a read of grep's at a time: the
     window is the read that holds the NUL.  */
  if (in->map && in->map_done && !in->holes && !in->skip_reads)
    {
      in->skip_from = in->sim_read;
      in->skip_reads = true;
      return in->skip_from;
    }
#endif
  (void) before;
  (void) nul_off;
  return in->offset + in->len;
}

bool
grep_input_has_hole (struct grep_input *in)
{
  if (in->hole_checked)
    return in->holes;
  in->hole_checked = true;
#ifdef SEEK_HOLE
  if (in->size_unknown || in->st_size <= 0)
    return false;
  /* Where grep looks from: after its first read.  A mapped file is
     looked at from its start (a hole in what grep read first gives
     it NULs there: binary data from the start all the same), and its
     descriptor's offset does not matter.  */
  uint64_t cur = in->start;
  if (!in->map)
    {
      if (in->eof || !in->maybe_sparse)
        return false;
      cur = in->start + in->sim_read;
    }
  off_t hole = lseek (in->fd, cur, SEEK_HOLE);
  if (hole < 0)
    return false;
  if (!in->map && (uint64_t) hole != cur)
    lseek (in->fd, cur, SEEK_SET);
  in->holes = (uint64_t) hole < in->start + (uint64_t) in->st_size;
  return in->holes;
#else
  (void) in;
  return false;
#endif
}

uint64_t
grep_input_next_data (struct grep_input *in, uint64_t pos, uint64_t end,
                      uint64_t *hole)
{
  *hole = end;
#if defined SEEK_DATA && defined SEEK_HOLE
  if (!in->holes || pos >= end)
    return pos < end ? pos : end;
  off_t d = lseek (in->fd, in->start + pos, SEEK_DATA);
  if (d < 0)
    return errno == ENXIO ? end : pos;
  uint64_t data = (uint64_t) d - in->start;
  if (data >= end)
    return end;
  off_t h = lseek (in->fd, d, SEEK_HOLE);
  if (h >= 0 && (uint64_t) h - in->start < end)
    *hole = (uint64_t) h - in->start;
  return data;
#else
  (void) in;
  return pos;
#endif
}

bool
grep_input_mapped (struct grep_input const *in)
{
  return in->map != NULL;
}

bool
grep_input_faulted (struct grep_input const *in)
{
#if MMGREP_USE_MAPPING
  return in->map && (in->shrank || mmu_faulted (in->map));
#else
  (void) in;
  return false;
#endif
}

void
grep_input_truncated (struct grep_input *in, uint64_t len,
                      uint64_t searched)
{
  in->shrank = true;
  in->cut_floor = searched;
  if (len < searched)
    len = searched;
  if (len < in->offset + in->len)
    in->len = len - in->offset;
}

uint64_t
grep_input_cut (struct grep_input *in)
{
  struct stat st;
  uint64_t len = 0;
  if (fstat (in->fd, &st) == 0 && st.st_size >= 0
      && (uint64_t) st.st_size > in->start)
    len = st.st_size - in->start;
  return len < in->maplen ? len : in->maplen;
}

void
grep_input_close (struct grep_input *in)
{
#if MMGREP_USE_MAPPING
  if (in->map)
    {
      /* For the tests (stop.exp): with MMGREP_TEST_PAUSE=end, stop
         here, the process and its threads, the search of a mapped
         file done and its mapping still there, for the test to look
         at it (/proc/PID/smaps).  */
      char const *pause = getenv ("MMGREP_TEST_PAUSE");
      if (pause && strcmp (pause, "end") == 0)
        raise (SIGSTOP);
      mmu_release (in->map);
      mmu_free (in->map);
      in->map = NULL;
    }
#endif
  /* Keep the larger buffer for the next input, unless a long line
     made it huge.  */
  struct grep_input_state *state = in->state;
  if (in->heapsize >= state->spare_heapsize
      && in->heapsize <= SPARE_HEAP_MAX)
    {
      free (state->spare_heap);
      state->spare_heap = in->heap;
      state->spare_heapsize = in->heapsize;
    }
  else
    free (in->heap);
  in->heap = NULL;
  in->buf = NULL;
}
