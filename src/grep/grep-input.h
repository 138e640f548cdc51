/* grep-input.h -- how mmgrep gets the bytes of one input.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   One interface, two paths.  A regular file of INPUT_MAP_THRESHOLD
   bytes or more (INPUT_LATE_MAP_THRESHOLD in a tree) is mapped through
   the library (when MMGREP_USE_MAPPING is 1) and its whole contents
   come as one buffer, read in place: no copy, no read.  Everything
   else (smaller files, stdin, pipes, FIFOs, /proc files, devices, and
   whatever cannot be mapped) is read with read(2) into a buffer that
   grows, in the chunks that GNU grep would read from the
   input, as GNU grep reads it.  So is a file of 8 MiB or more that is
   mostly not in the page cache: read(2) gets the kernel's readahead,
   larger and earlier than a mapping's page faults.  Either way, the
   caller sees a window BUF[0..LEN) of the input that starts at offset
   OFFSET, asks for more with grep_input_fill, and keeps what it still
   needs.  */

#ifndef MMGREP_GREP_INPUT_H
#define MMGREP_GREP_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* GNU grep 3.8 reads its input in chunks whose sizes follow from its
   buffer: 96 KiB at first, less the page-aligned room for what it
   keeps (the last partial line and -B's lines), more once a long line
   has made the buffer grow, which it then keeps for the next files.
   Where binary output starts depends on the chunk that holds the first
   NUL (see grep-search.c), so this layer computes the same chunks:
   the read path reads them, the mapped path computes where they would
   have been.  */
enum { INPUT_INITIAL_CHUNK = 96 * 1024 };

/* How many of the starts of the chunks before the last one the
   simulation of grep's reads remembers (struct grep_input): enough for
   the 256 KiB of a slice (grep-part.h) in chunks of 8 KiB or more;
   grep_input_chunk_start simulates afresh for an older position.  */
enum { SIM_STARTS = 32 };

/* Regular files smaller than this (the size of grep's first read) are
   read, not mapped: for them, a mapping costs more system calls than
   the copy it saves.  */
enum { INPUT_MAP_THRESHOLD = INPUT_INITIAL_CHUNK };

/* The same for a file not stat'ed first (grep_input_open), that is, a
   file of a tree that -r searches, several at once: there, reading is
   cheaper than mapping up to much larger sizes, since unmapping in a
   program with threads interrupts the other processors (to flush their
   TLBs).  `mmgrep -r PM_RESUME' over the corpus's Linux tree (1,205
   files of 96 KiB or more, none of 64 MiB) took 0.35 s reading them
   all, 0.37-0.39 s mapping those of 96 KiB or more.  */
enum { INPUT_LATE_MAP_THRESHOLD = 64 * 1024 * 1024 };

/* What outlives one input, in the thread that reads them one after
   the other (a member of its worker, grep-worker.h).  SIM is the
   simulation of GNU grep's buffer, which decides where binary data
   starts; grep-parallel.c copies it from worker to worker to keep it
   as if the files had been searched one after the other.  The spare
   buffer is the heap buffer of the last input closed, kept for the
   next one: most inputs need no more than its first size, and
   allocating it anew for each costs more than searching a small
   file.  */
struct grep_input_sim
{
  size_t bufalloc, offset;
};
struct grep_input_state
{
  struct grep_input_sim sim;
  char *spare_heap;
  size_t spare_heapsize;
  /* Set by the caller for the inputs it opens, not stat'ed, that are
     regular files on a file system where a read returns less than it
     was asked for only at the end of the file (not /proc's or sysfs's
     files): a short first read is then the whole file, and the read
     that would return 0 at its end is not made (a system call for
     each file of a tree).  grep-parallel.c sets it per directory.  */
  bool short_read_ends;
};

/* Set STATE as at the start of grep.  */
void grep_input_state_init (struct grep_input_state *state);

struct grep_input
{
  /* The window: BUF[0..LEN), at OFFSET in the input.  BUF[LEN] and
     BUF[LEN + 1] are writable scratch bytes.  */
  char *buf;
  size_t len;
  uint64_t offset;
  /* No more data after this window.  */
  bool eof;
  /* Whether the window is the mapping itself.  */
  bool mapped;
  /* Set by the caller once the input is binary data whose NULs end
     lines, as they do in grep's buffer (the simulation of its reads
     finds the last line there, not back through a hole).  */
  bool nuls_end_lines;
  /* Set by the caller once the input is binary data whose NULs end
     lines, and no empty line can be selected (opt.skip_empty_lines):
     a read of nothing but NULs, or a hole of a sparse file, is then
     skipped, as grep does; what it held reads as one end of line.  */
  bool skip_nuls;
  /* Set by the caller before the first fill: a hole would make the
     input binary data (grep_input_has_hole): a mapped file with one is
     read from its mapping a chunk at a time, as the read path reads,
     not searched as one window.  */
  bool find_holes;

  /* Private.  */
  struct grep_input_state *state;
  int fd;
  uint64_t start;               /* the file offset of the input's byte 0 */
  int64_t st_size;              /* a regular file's size, or -1 */
  bool size_unknown;            /* ST_SIZE to be learnt from a read */
  bool short_eof;               /* the first read was the whole file */
  bool try_map;
  size_t sim_buflim;            /* grep's buffer, simulated: where its */
  size_t sim_readbuf;           /* data ends, where the next read goes, */
  uint64_t sim_read;            /* and how much it has read */
  uint64_t sim_start;           /* where the last chunk read starts */
  /* Where the chunks before it start, the last SIM_STARTS of them, the
     oldest first, for a position asked after a later one
     (grep_input_chunk_start).  */
  uint64_t sim_starts[SIM_STARTS];
  unsigned int sim_nstarts;
  struct grep_input_sim sim_open; /* the simulation as it was at open */
  char eol;
  char *heap;
  size_t heapsize;
  void *map;                    /* mmu_map *, when mapped */
  char *mapbase;                /* its bytes */
  size_t maplen;
  bool map_done;                /* the window is past the mapping's */
  size_t map_pos;               /* what is copied of the rest */
  size_t map_dropped;           /* the pages before it given back */
  uint64_t sim_dropped;         /* those the simulation gave back */
  bool shrank;                  /* the file was seen shorter than mapped */
  uint64_t cut_floor;           /* then, what was searched of it */
  bool maybe_sparse;            /* fewer blocks than its size says */
  bool holes;                   /* a hole was seen after the start */
  bool hole_checked;            /* HOLES is known */
  uint64_t data_end;            /* SKIP_NULS: the hole after MAP_POS */
  uint64_t sim_data_end;        /* the hole after SIM_READ, when known */
  uint64_t sim_floor;           /* grep kept nothing from before this */
  /* A mapped input whose binary data began in its window, NULs to be
     skipped (grep_input_skip_begins): SKIP_READS; grep's reads from
     SKIP_FROM on that hold nothing but NULs are skipped, by the
     simulation and by the copy of the rest (fill_tail), which then
     copies grep's reads.  The last skipped ended at SIM_GAP_END, grep
     keeping SIM_GAP_SAVE bytes from before it.  */
  bool skip_reads;
  intmax_t sim_before;          /* -B's lines, for the simulation */
  uint64_t skip_from;
  uint64_t sim_gap_end;
  size_t sim_gap_save;
};

/* Binary data begins in IN, a mapped input, with the NUL at offset
   NUL_OFF, and SKIP_NULS is set: from the end of grep's read that
   holds it (returned; the window is to end there if it goes on past),
   the reads of nothing but NULs are skipped, their lines neither
   searched nor counted, what grep kept before one followed by what it
   read after (BEFORE: -B's lines).  */
uint64_t grep_input_skip_begins (struct grep_input *in, uint64_t nul_off,
                                 intmax_t before);

/* Get ready to read FD (with status ST), whose lines end in EOL, from
   its file offset START on (where the descriptor's offset is: not 0
   for a standard input that something read from before; the offsets of
   this interface count from START).  Map it when TRY_MAP and it is a
   regular file that can be.  ST may be
   NULL for a regular file not stat'ed (its directory entry said what
   it is): its size then comes from the first read, which takes a
   small file whole; a file that fills it is stat'ed then, and mapped
   if it is INPUT_LATE_MAP_THRESHOLD bytes or more.  */
void grep_input_open (struct grep_input *in, struct grep_input_state *state,
                      int fd, struct stat const *st, uint64_t start,
                      char eol, bool try_map);

/* Move the window on: keep BUF[KEEP..LEN) at the start of the new
   window, followed by new data.  Return the number of new bytes, 0 at
   the end of the input (then EOF is set), -1 on a read error (errno
   set).  */
ptrdiff_t grep_input_fill (struct grep_input *in, size_t keep);

/* Whether IN, just filled for the first time, is a regular file with
   a hole after the start (what grep 3.8 calls a file that must have
   nulls): it is binary data from its start then.  One lseek for a
   mapped file; none for a read one whose blocks cover its size (or
   read whole), two otherwise; none after the first call.  */
bool grep_input_has_hole (struct grep_input *in);

/* With a hole seen in IN: the offset of the first byte of data
   at POS or after, up to END (END when there is none), and in *HOLE
   the offset of the hole after it (END when there is none before).
   Without a hole seen, POS and END.  */
uint64_t grep_input_next_data (struct grep_input *in, uint64_t pos,
                               uint64_t end, uint64_t *hole);

/* The offset of the first byte of the chunk GNU grep would have read
   the input's byte at offset POS in, keeping BEFORE lines of context
   from one chunk to the next.  A mapped input is simulated up to POS;
   POS may be before one asked earlier (quick for the last SIM_STARTS
   chunks).  */
uint64_t grep_input_chunk_start (struct grep_input *in, uint64_t pos,
                                 intmax_t before);

/* The offset just after that chunk: all of the window when the input
   is read, since the read path reads grep's chunks.  */
uint64_t grep_input_chunk_end (struct grep_input *in, uint64_t pos,
                               intmax_t before);

/* Where GNU grep's reads would have stopped, had it stopped searching
   at the input's byte at offset POS: the end of the chunk that holds
   it (grep_input_chunk_end), whatever IN was asked before.  */
uint64_t grep_input_read_end (struct grep_input const *in, uint64_t pos,
                              intmax_t before);

/* A mapped IN is about to be searched from P to LIM (in its
   mapping): ask the system to read what comes next, up to LIM, ahead
   of the faults, where it is not in memory already.  *AHEAD, 0 at
   first, is the searcher's own: where it has asked up to.  */
void grep_input_ahead (struct grep_input const *in, size_t *ahead,
                       char const *p, char const *lim);

/* A searcher of a mapped IN has searched up to P: give back the pages
   it left well behind (the page cache keeps them).  *DROPPED, 0 at
   first (the first call notes where the searcher starts), is the
   searcher's own: where it has given back up to.  */
void grep_input_behind (struct grep_input const *in, size_t *dropped,
                        char const *p);

/* Whether IN is mapped (then its descriptor's offset never moves).  */
bool grep_input_mapped (struct grep_input const *in);

/* Whether part of a mapped input vanished while it was read (the
   library's fault guard saw it: the bytes read as zeros), or the file
   was seen shorter at the end of the mapping.  */
bool grep_input_faulted (struct grep_input const *in);

/* After grep_input_faulted: the length of the input that the file
   still holds, from its size now (at most what was mapped).  */
uint64_t grep_input_cut (struct grep_input *in);

/* The mapped window of IN was searched up to SEARCHED (an offset in
   the input), the last end of line of the LEN bytes that the file
   still holds (grep_input_cut), or where the search was when the file
   was cut before it: end the window there, so that the next
   grep_input_fill gives, after the kept bytes, the rest of the last
   line the file holds, and the end of the input.  */
void grep_input_truncated (struct grep_input *in, uint64_t len,
                           uint64_t searched);

/* Let go of the mapping and the buffer (not of the descriptor).  The
   buffer is kept for the next input.  */
void grep_input_close (struct grep_input *in);

/* Free what STATE keeps for the next input: its spare buffer.  */
void grep_input_state_free (struct grep_input_state *state);

#endif /* MMGREP_GREP_INPUT_H */
