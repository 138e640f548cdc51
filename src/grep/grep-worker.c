/* grep-worker.c -- what one thread of mmgrep owns (see grep-worker.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "grep-worker.h"

void
grep_worker_init (struct grep_worker *w, struct matcher const *m)
{
  w->matcher = m;
  w->scratch = matcher_scratch_new (m);
  output_sink_init (&w->out);
  grep_input_state_init (&w->input);
  w->matched_any = w->error_seen = w->fatal = false;
  w->may_split = true;
  w->json = (struct json_stats) { 0 };
}

void
grep_worker_destroy (struct grep_worker *w)
{
  matcher_scratch_free (w->scratch);
  w->scratch = NULL;
  grep_input_state_free (&w->input);
  output_sink_free (&w->out);
}
