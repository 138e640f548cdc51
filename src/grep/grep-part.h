/* grep-part.h -- the half of a large window that a worker searches.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   grep-split.h runs search_part in another thread on the second half
   of a large mapped window; it counts the lines selected there, or
   notes where they are, and looks for NULs.  When the main thread gets
   there, replay_part prints (or counts) them as the main thread's own
   search would have, if the part was text.  */

#ifndef MMGREP_GREP_PART_H
#define MMGREP_GREP_PART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grep-lines.h"
#include "grep-worker.h"

/* The size of the slices that a mapped window is searched in, by the
   main thread and by a worker: small enough to stay in a core's cache
   between the scan for NULs and the search.  */
enum { SEARCH_SLICE = 256 * 1024 };

/* The end of the slice of the mapped input IN that starts at BEG: the
   end of the line at BEG + SEARCH_SLICE, or LIM when that is near.
   The end of line is looked for a slice at a time: when the file
   shrinks under the map, its vanished bytes read as zeros, with no end
   of line, and the search for one stops (at LIM) once
   grep_input_faulted says so.  Its memchr is the first read of the
   next slice's first page, which the search would pay otherwise: it
   shows in a profile (3.5% of `-c PM_RESUME' over 1 GB cached), but
   looking back from BEG + SEARCH_SLICE with memrchr instead moved
   those samples to memrchr and left the task-clock as it was (medians
   of 15 alternated runs, 134.4 ms and 134.2 ms); it runs 31,000
   instructions of 25.8 million on 64 MB.  */
char *slice_end (struct grep_input const *in, char *beg, char *lim);

/* Read a byte of each page of BEG..END, so that a file that shrank
   under them shows as grep_input_faulted before they are searched
   (the scan for NULs does that, when there is one).  */
void touch_pages (char const *beg, char const *end);

/* The part of a large window that a worker searches (grep-split.h).
   With RANGES, it notes the selected lines, as ranges of lines to give
   prtext one by one, with the number of lines before each counted
   from BEG; at most PART_MAX_RANGES, then it stops where it is.  */
struct range
{
  char *beg, *lim;
  intmax_t lines_before;
};
enum { PART_MAX_RANGES = 1 << 20 };
struct part
{
  struct grep_input const *in;  /* the mapped input */
  char *beg, *lim;              /* the lines to search */
  char *end;                    /* look for NULs up to here */
  bool ranges;
  /* The results.  */
  bool nul;                     /* a NUL in BEG..END, or the file shrank
                                   under the map: the rest is void */
  /* The engine failed (matcher.h): the rest is void too, and the main
     thread searches it, to fail in order.  */
  bool failed;
  intmax_t count;
  char *stopped;                /* where the search stopped: LIM when done */
  /* With -n: the number of lines from BEG to NL_SEEN (BEG at first),
     so that the count goes on from there after the replay without
     reading the part again.  */
  char *nl_seen;
  intmax_t lines_seen;
  struct range *r;
  size_t n, nalloc;
};

/* The thread's work (a split_fn, grep-split.h): search the part ARG
   with W's matcher, slice by slice, looking for NULs in each just
   before, while it is in the cache.  */
void search_part (struct grep_worker *w, void *arg);

/* Print (or count) what the worker noted in P, as the main thread's
   search would have; S's line count is up to P->beg.  Return the
   number of lines selected, and set *STOP when the search of this
   input is over.  */
intmax_t replay_part (struct search *s, struct part *p, bool *stop);

#endif /* MMGREP_GREP_PART_H */
