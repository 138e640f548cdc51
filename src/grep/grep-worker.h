/* grep-worker.h -- what one thread of mmgrep owns.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Every thread that searches has one worker: the main thread, each
   thread of grep-parallel.c's pool (-r), and the thread that searches
   the second half of a large file (grep-split.h) has the scratch part
   of one.  The search functions take it as their first argument.  What
   every thread shares is read-only: the options (grep.h), the compiled
   patterns (matcher.h), the colors and the locale's facts.  So the
   answer to "what does a thread own?" is this struct.  */

#ifndef MMGREP_GREP_WORKER_H
#define MMGREP_GREP_WORKER_H

#include <stdbool.h>

#include "grep-input.h"
#include "grep-json.h"
#include "grep-output.h"
#include "matcher.h"

struct grep_worker
{
  /* The patterns, shared by every thread, and this thread's scratch
     for them (the DFA's states, registers, match data).  */
  struct matcher const *matcher;
  struct matcher_scratch *scratch;

  /* Where its output goes.  */
  struct grep_sink out;

  /* What outlives one input: the simulation of grep's buffer, and the
     spare buffer.  */
  struct grep_input_state input;

  /* For the exit status: a line was selected; something went wrong.  */
  bool matched_any;
  bool error_seen;
  /* The engine failed (matcher.h): the program must exit with status
     2 once what this thread printed is out.  */
  bool fatal;

  /* --json: the statistics of the inputs it printed, for the
     summary.  */
  struct json_stats json;

  /* Whether a large file may be split between this thread and another
     (grep-split.h): not in the pool's threads, which keep the
     processors busy already.  */
  bool may_split;
};

/* Make W ready to search with M, printing to stdout.  Call it in the
   thread that starts the others, before they start (making a scratch
   may read what compiling left).  */
void grep_worker_init (struct grep_worker *w, struct matcher const *m);

/* Free what W owns.  */
void grep_worker_destroy (struct grep_worker *w);

#endif /* MMGREP_GREP_WORKER_H */
