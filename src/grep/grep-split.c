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

#include "grep.h"
#include "xalloc.h"

struct split
{
  pthread_t thread;
  split_fn fn;
  struct grep_worker w;         /* the thread's */
  void *arg;
};

bool
split_wanted (struct grep_worker const *w, size_t size)
{
  /* -r's threads (grep-parallel.c) keep the processors busy.  */
  if (!w->may_split)
    return false;
  /* For the tests: a smaller threshold.  */
  char const *min = getenv ("MMGREP_SPLIT_MIN");
  if (size < (min ? strtoumax (min, NULL, 10) : SPLIT_MIN))
    return false;
  if (opt.threads)
    return opt.threads > 1;
  /* Printing too, on two processors: whoever reads the lines needs
     one, but a light reader (cat, wc) leaves the second thread room
     enough, and a heavy one (sed) is no slower for it (bench/README).  */
  return sysconf (_SC_NPROCESSORS_ONLN) > 1;
}

static void *
split_main (void *arg)
{
  struct split *sp = arg;
  sp->fn (&sp->w, sp->arg);
  return NULL;
}

struct split *
split_start (split_fn fn, struct grep_worker const *w, void *arg)
{
  struct split *sp = xzalloc (sizeof *sp);
  sp->fn = fn;
  /* Made here, before the thread starts (grep_worker_init).  */
  grep_worker_init (&sp->w, w->matcher);
  sp->w.may_split = false;
  sp->arg = arg;
  if (pthread_create (&sp->thread, NULL, split_main, sp) != 0)
    {
      grep_worker_destroy (&sp->w);
      free (sp);
      return NULL;
    }
  return sp;
}

void
split_finish (struct split *sp)
{
  pthread_join (sp->thread, NULL);
  grep_worker_destroy (&sp->w);
  free (sp);
}
