/* grep-search.c -- search one input: lines, context, binary data.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input comes as windows of whole lines (grep-input.h); a mapped
   file is one window, searched in slices, its second half by another
   thread when it is large (grep-part.h); the lines selected are
   printed by grep-lines.c.  Binary data follows GNU grep 3.8: the input
   is read in chunks (grep-input.h); once a chunk holds a NUL,
   from the line that chunk starts in, NULs end lines, nothing more is
   printed, and the first selected line ends the search with "binary
   file matches" on stderr.  A line to print with an encoding error
   (multibyte locales) does the same.  */

#include <config.h>

#include "cli.h"
#include "grep-search.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grep-input.h"
#include "grep-lines.h"
#include "grep-output.h"
#include "grep-part.h"
#include "grep-split.h"
#include "grep.h"

/* The start of the line after the last end of line in BEG..END, or
   BEG when there is none.  */
static char *
after_last_eol (char *beg, char *end)
{
  char *nl = end > beg ? memrchr (beg, opt.eol, end - beg) : NULL;
  return nl ? nl + 1 : beg;
}

intmax_t
grep_search (struct grep_worker *w, int fd, struct stat const *st,
             char const *name, bool show_name)
{
  struct search s = { 0 };
  s.w = w;
  s.name = name;
  s.show_name = show_name;
  s.outleft = opt.max_count;
  s.done_on_match = opt.list != LIST_NONE || opt.quiet;
  s.out_quiet = opt.count || s.done_on_match;
  bool out_quiet_orig = s.out_quiet;
  s.nlines_first_null = -1;
  if (opt.align_tabs)
    {
      uintmax_t max = (st && S_ISREG (st->st_mode)
                       ? (uintmax_t) st->st_size : (uintmax_t) INTMAX_MAX);
      s.offset_width = 1;
      for (; max >= 10; max /= 10)
        s.offset_width++;
    }

  intmax_t nlines = 0;
  bool failed = false;
  struct grep_input in;
  grep_input_open (&in, &w->input, fd, st, opt.eol, true);
  /* In the window: [0, ctx) is context already dealt with, [ctx, ...)
     the data still to search.  */
  size_t keep = 0, ctx = 0;
  bool zap = false;
  uint64_t searched_to = 0;

  if (opt.max_count == 0)
    goto finish;

  for (;;)
    {
      ptrdiff_t n = grep_input_fill (&in, keep);
      if (n < 0)
        {
          if (!opt.suppress_errors)
            output_error (&w->out, errno, "%s", name);
          failed = true;
          break;
        }
      /* Rebase the pointers into the new window.  */
      char *buf = in.buf;
      s.bufbeg = buf;
      s.bufoffset = in.offset;
      s.lastnl = buf;
      /* LASTOUT, when set, was where the kept data starts.  */
      if (s.lastout)
        s.lastout = buf;
      char *beg = buf + ctx;
      char *end = buf + in.len;

      if (in.eof && end > beg && end[-1] != opt.eol)
        {
          /* A last line without its end of line: give it one.  */
          *end++ = opt.eol;
          in.len++;
        }

      /* Search the text slice by slice: the NULs of a slice (and of
         the rest of the chunk of grep's that it ends in) are looked for
         just before it is searched, while it is in the cache.  Only a
         mapped window is large enough to slice.  Binary data is the
         chunk that holds the first NUL, and what follows, from the
         start of the line that chunk starts in.  */
      char *lim = in.eof ? end : after_last_eol (beg, end);
      bool look_for_nul = opt.eol && opt.binary_files != BINARY_TEXT;
      bool stop = false;
      char *nul_seen = beg;     /* no NUL in BEG..NUL_SEEN */
      char *nul_limit = in.mapped ? (char *) in.mapbase + in.maplen : end;

      /* The second half of a large mapped window goes to another
         thread (grep-split.h), from the line after SPLIT on: the
         engines store a sentinel just after the part they search, and
         the main thread's is at SPLIT.  The line at SPLIT is searched
         once the worker is done.  Not with context, -m, or what stops
         at the first line selected.  */
      char *search_lim = lim, *split = NULL;
      struct split *worker = NULL;
      struct part part = { 0 };
      bool replay = false;
      if (!s.done_on_match && opt.max_count == INTMAX_MAX
          && !opt.before && !opt.after && !opt.line_buffered
          && !zap && in.mapped && split_wanted (w, lim - beg))
        {
          split = (char *) memchr (beg + (lim - beg) / 2, opt.eol,
                                   lim - (beg + (lim - beg) / 2)) + 1;
          part.beg = split < lim ? (char *) memchr (split, opt.eol,
                                                    lim - split) + 1 : lim;
          part.lim = lim;
          part.end = nul_limit;
          part.ranges = !opt.count;
          if (part.beg < lim)
            worker = split_start (search_part, w, &part);
          if (worker)
            search_lim = split;
        }

    search:
      while (!zap && !stop && beg < search_lim)
        {
          char *slice_end = search_lim;
          if (in.mapped && (size_t) (search_lim - beg) > 2 * SEARCH_SLICE)
            slice_end = (char *) memchr (beg + SEARCH_SLICE, opt.eol,
                                         search_lim - (beg + SEARCH_SLICE))
                        + 1;
          char *text_end = slice_end;
          if (look_for_nul)
            {
              /* The slice, then the rest of the chunk it ends in (the
                 whole window when it is not mapped).  */
              char *z = NULL;
              if (nul_seen < slice_end)
                {
                  z = memchr (nul_seen, '\0', slice_end - nul_seen);
                  nul_seen = slice_end;
                }
              if (!z)
                {
                  /* The chunk may go on past the window, into the
                     last line that the mapping still holds.  */
                  char *upto = nul_limit;
                  if (in.mapped)
                    {
                      uint64_t e
                        = grep_input_chunk_end (&in, in.offset
                                                + (slice_end - buf),
                                                opt.before);
                      if (e - in.offset < (uint64_t) (nul_limit - buf))
                        upto = buf + (e - in.offset);
                    }
                  if (nul_seen < upto)
                    {
                      z = memchr (nul_seen, '\0', upto - nul_seen);
                      nul_seen = upto;
                    }
                }
              if (z)
                {
                  uint64_t zoff = in.offset + (z - buf);
                  uint64_t chunk = grep_input_chunk_start (&in, zoff,
                                                           opt.before);
                  char *c = chunk > in.offset + (beg - buf)
                            ? buf + (chunk - in.offset) : beg;
                  text_end = after_last_eol (beg, c);
                  zap = true;
                }
            }
          if (beg < text_end)
            stop = search_lines (&s, beg, text_end, &nlines);
          beg = text_end;
          if (zap && !stop)
            {
              if (opt.binary_files == BINARY_WITHOUT_MATCH)
                {
                  if (worker)
                    split_finish (worker);
                  free (part.r);
                  nlines = 0;
                  goto finish;
                }
              s.nlines_first_null = nlines;
              if (!opt.count)
                s.done_on_match = s.out_quiet = true;
            }
        }
      if (worker)
        {
          /* The first half is done: the line at SPLIT, then what the
             worker found, if its part was text; otherwise the rest as
             if there had been no worker.  */
          split_finish (worker);
          worker = NULL;
          replay = !part.nul;
          search_lim = replay ? part.beg : lim;
          goto search;
        }
      if (replay)
        {
          replay = false;
          if (!zap && !stop)
            {
              if (opt.line_numbers)
                nlscan (&s, part.beg);
              nlines += replay_part (&s, &part, &stop);
              beg = part.stopped;
              /* The worker saw no NUL up to the end.  */
              nul_seen = nul_limit;
            }
          search_lim = lim;
          goto search;
        }
      free (part.r);
      part.r = NULL;

      if (zap && !stop)
        {
          for (char *z = beg; (z = memchr (z, '\0', end - z)); z++)
            *z = opt.eol;
          if (beg < lim)
            stop = search_lines (&s, beg, lim, &nlines);
        }
      searched_to = in.offset + (lim - buf);
      if (stop || in.eof)
        break;

      /* Keep the residue, and up to -B lines before it.  */
      char *k = lim;
      for (intmax_t i = 0; i < opt.before && k > buf && k != s.lastout; i++)
        do
          --k;
        while (k > buf && k[-1] != opt.eol);
      if (k != s.lastout)
        s.lastout = NULL;
      /* Lines are counted only for -n, and only up to what is kept.  */
      if (opt.line_numbers)
        nlscan (&s, k);
      keep = k - buf;
      ctx = lim - k;
    }

 finish:
  /* Keep the simulation of grep's reads in step (grep-input.h).  */
  grep_input_chunk_start (&in, searched_to, opt.before);
  if (!failed && grep_input_faulted (&in))
    {
      output_error (&w->out, 0, _("%s: file truncated during the search"),
                    name);
      failed = true;
    }
  grep_input_close (&in);

  if (opt.count)
    {
      if (show_name)
        {
          output_filename (&w->out, name);
          if (opt.null_after_name)
            output_char (&w->out, '\0');
          else
            output_sep (&w->out, SEP_SELECTED);
        }
      fprintf (w->out.stream, "%jd\n", nlines);
      output_line_done (&w->out);
    }
  if ((opt.list == LIST_MATCHING && nlines > 0)
      || (opt.list == LIST_NONMATCHING && nlines == 0 && !failed))
    {
      output_filename (&w->out, name);
      output_char (&w->out, opt.null_after_name ? '\0' : '\n');
      output_line_done (&w->out);
    }
  if (!out_quiet_orig
      && (s.encoding_error_output
          || (0 <= s.nlines_first_null && s.nlines_first_null < nlines)))
    output_error (&w->out, 0, _("%s: binary file matches"), name);
  return failed ? -1 : nlines;
}
