/* grep-split.c -- search part of a large input in another thread (see
   grep-split.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "grep-split.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grep-parallel.h"
#include "grep.h"
#include "xalloc.h"

struct split
{
  pthread_t thread;
  split_fn fn;
  struct matcher *matcher;
  struct grep_options opt;      /* the caller's (per thread) */
  void *arg;
};

bool
split_wanted (size_t size)
{
  /* For the tests: a smaller threshold.  */
  char const *min = getenv ("MMGREP_SPLIT_MIN");
  if (size < (min ? strtoumax (min, NULL, 10) : SPLIT_MIN))
    return false;
  /* -r's workers (grep-parallel.c) keep the processors busy, and
     while they run only the main thread may compile patterns.  */
  if (grep_parallel_running)
    return false;
  char const *threads = getenv ("MMGREP_THREADS");
  if (threads && *threads)
    return strtoumax (threads, NULL, 10) > 1;
  /* Printing too, on two processors: whoever reads the lines needs
     one, but a light reader (cat, wc) leaves the second thread room
     enough, and a heavy one (sed) is no slower for it (bench/README).  */
  return sysconf (_SC_NPROCESSORS_ONLN) > 1;
}

static void *
split_main (void *arg)
{
  struct split *sp = arg;
  opt = sp->opt;
  opt.matcher = sp->matcher;
  sp->fn (sp->matcher, sp->arg);
  return NULL;
}

struct split *
split_start (split_fn fn, struct matcher const *m, void *arg)
{
  struct split *sp = xzalloc (sizeof *sp);
  sp->fn = fn;
  /* Compiled here, before the thread starts: compiling sets state
     that the main thread reads.  */
  sp->matcher = matcher_clone (m);
  sp->opt = opt;
  sp->arg = arg;
  if (pthread_create (&sp->thread, NULL, split_main, sp) != 0)
    {
      matcher_free (sp->matcher);
      free (sp);
      return NULL;
    }
  return sp;
}

void
split_finish (struct split *sp)
{
  pthread_join (sp->thread, NULL);
  matcher_free (sp->matcher);
  free (sp);
}
