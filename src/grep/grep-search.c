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
   (multibyte locales) is not printed, and the search goes on; the
   message comes at the end, unless -I.  */

#include <config.h>

#include "cli.h"
#include "grep-search.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grep-input.h"
#include "grep-json.h"
#include "grep-lines.h"
#include "grep-output.h"
#include "grep-part.h"
#include "grep-split.h"
#include "grep.h"
#include "safe-read.h"

/* The start of the line after the last end of line in BEG..END, or
   BEG when there is none.  */
static char *
after_last_eol (char *beg, char *end)
{
  char *nl = end > beg ? memrchr (beg, opt.eol, end - beg) : NULL;
  return nl ? nl + 1 : beg;
}

/* The scan of one window's text, part by part: BEG is where the
   search goes on, NUL_SEEN how far NULs were looked for.  ZAP: binary
   data begins at BEG (NULs end lines from there on); STOP: the search
   of this input is over; GIVE_UP: binary data, and --binary-files=
   without-match.  */
struct scan
{
  struct search *s;
  struct grep_input *in;
  char *buf;                    /* the window */
  char *beg;
  char *nul_seen;               /* no NUL in BEG..NUL_SEEN */
  char *nul_limit;              /* how far NULs may be looked for */
  bool look_for_nul;
  bool zap, stop, give_up;
  intmax_t nlines;              /* lines selected so far */
  uint64_t nul_off;             /* with ZAP, the offset of that NUL */
  size_t ahead;                 /* grep_input_ahead's */
  size_t behind;                /* grep_input_behind's */
  /* CUT: the file shrank under the mapped window, which now ends at
     CUT_LIM, after the last whole line of the CUT_LEN bytes it still
     holds.  */
  bool cut;
  char *cut_lim;
  uint64_t cut_len;
  bool paused;                  /* MMGREP_TEST_PAUSE was looked at */
  bool slice_paused;            /* and again for its value "slice" */
};

/* The file under the mapped window of SC shrank (the fault guard saw
   vanished pages, which read as zeros): end the text at the last end
   of line that the file still holds, so that nothing that vanished is
   searched, counted or printed.  Return the new end of the text up to
   LIM.  */
static char *
cut_window (struct scan *sc, char *lim)
{
  struct grep_input *in = sc->in;
  uint64_t len = grep_input_cut (in);
  /* The end of what the file holds, in the window and the rest of the
     mapping after it (NUL_LIMIT).  */
  char *e = sc->buf;
  if (len > in->offset)
    e = (len - in->offset < (uint64_t) (sc->nul_limit - sc->buf)
         ? sc->buf + (len - in->offset) : sc->nul_limit);
  if (e < sc->beg)
    e = sc->beg;
  char *cl = after_last_eol (sc->beg, e);
  if (sc->cut && cl > sc->cut_lim)
    cl = sc->cut_lim;
  sc->cut = true;
  sc->cut_lim = cl;
  sc->cut_len = len;
  sc->nul_limit = e;
  if (sc->nul_seen > e)
    sc->nul_seen = e;
  return cl < lim ? cl : lim;
}

/* Look for a NUL in the slice BEG..SLICE_END and in the rest of the
   chunk of grep's it ends in (the whole window when it is not
   mapped).  Return where the text ends: SLICE_END, or the start of the
   line that the chunk holding a NUL starts in (then set SC->zap).  */
static char *
text_end (struct scan *sc, char *slice_end)
{
  struct grep_input *in = sc->in;
  char *buf = sc->buf;
  char *z = NULL;
  if (sc->nul_seen < slice_end)
    {
      z = memchr (sc->nul_seen, '\0', slice_end - sc->nul_seen);
      sc->nul_seen = slice_end;
    }
  if (!z)
    {
      /* The chunk may go on past the window, into the last line that
         the mapping still holds.  */
      char *upto = sc->nul_limit;
      if (in->mapped)
        {
          uint64_t e = grep_input_chunk_end (in, in->offset
                                             + (slice_end - buf),
                                             opt.before);
          if (e - in->offset < (uint64_t) (sc->nul_limit - buf))
            upto = buf + (e - in->offset);
        }
      if (sc->nul_seen < upto)
        {
          z = memchr (sc->nul_seen, '\0', upto - sc->nul_seen);
          sc->nul_seen = upto;
        }
    }
  if (!z)
    return slice_end;
  uint64_t zoff = in->offset + (z - buf);
  sc->nul_off = zoff;
  if (sc->s->json.binary_offset < 0)
    sc->s->json.binary_offset = zoff;
  uint64_t chunk = grep_input_chunk_start (in, zoff, opt.before);
  char *c = chunk > in->offset + (sc->beg - buf)
            ? buf + (chunk - in->offset) : sc->beg;
  sc->zap = true;
  return after_last_eol (sc->beg, c);
}

/* SC->zap was just set: binary data begins at SC->beg.  */
static void
binary_begins (struct scan *sc)
{
  if (opt.binary_files == BINARY_WITHOUT_MATCH)
    {
      sc->give_up = true;
      return;
    }
  sc->s->nlines_first_null = sc->nlines;
  if (!opt.count)
    sc->s->done_on_match = sc->s->out_quiet = true;
  /* Its runs of NULs are empty lines: skip them if none can be
     selected, as grep does (holes in a sparse file).  */
  sc->in->nuls_end_lines = true;
  sc->in->skip_nuls = opt.skip_empty_lines;
  /* A mapped window: grep's reads after the one that holds the NUL
     come from the copy of the rest (grep_search), those of nothing but
     NULs skipped.  */
  if (sc->in->skip_nuls)
    grep_input_skip_begins (sc->in, sc->nul_off, opt.before);
}

/* The search of the slice from BEG on, just done, noted how far its
   engine's scan for the patterns' string proved that the text holds no
   NUL (matcher_nul_proof_start): the scan for NULs skips that.  */
static void
nul_proof_take (struct scan *sc, char const *beg)
{
  char *to = (char *) matcher_nul_proof_end (sc->s->w->scratch);
  if (sc->nul_seen >= beg && to > sc->nul_seen)
    sc->nul_seen = to;
}

/* Whether the search S may search a slice before its NULs are looked
   for, and undo what it did when there is one (search_then_scan).  A
   mapped file is far larger than the cache: one pass that reads it
   from memory (the search) and one that reads it from the cache cost
   less than the other way round, the scan for NULs, which is quick,
   being the one that waits for the memory.  What the search changes
   is S, the number of lines, and what it prints, which is held until
   the NULs are looked for (output_hold_begin): not with
   --line-buffered, which prints each line as it comes, nor --json,
   whose messages note where binary data starts; not once the search
   stops at the first line selected (-q, -l, -L, binary data).  In a
   thread of the pool, the first group separator of its output is an
   event for the main thread (grep-output.h), which is not held: not
   before it.  */
static bool
speculate (struct search const *s)
{
  return (!s->done_on_match && !opt.json && !opt.line_buffered
          && (s->out_quiet || !s->w->out.capture || s->w->out.used));
}

/* A search that may be undone (speculate): what it changes, saved
   at its beginning, and whether its output is held.  Both
   search_then_scan and search_then_check begin one, search, then
   commit or undo it, so that what is saved and what is put back
   cannot drift apart.  */
struct speculation
{
  struct scan *sc;
  bool hold;                    /* the output is held (not -q, ...) */
  bool used;                    /* the sink's USED, at the beginning */
  intmax_t nlines;              /* SC->nlines, at the beginning */
  struct search saved;          /* *SC->s, at the beginning */
};

/* Begin SP for the scan SC: hold the output (unless it is quiet) and
   save the search's state and its count of lines.  Return false,
   with nothing begun, when the output cannot be held.  */
static bool
speculation_begin (struct speculation *sp, struct scan *sc)
{
  struct search *s = sc->s;
  struct grep_sink *out = &s->w->out;
  sp->sc = sc;
  sp->hold = !s->out_quiet;
  if (sp->hold && !output_hold_begin (out))
    return false;
  sp->used = out->used;
  sp->nlines = sc->nlines;
  sp->saved = *s;
  return true;
}

/* Whether the output held by SP is more than a hold may keep.  */
static bool
speculation_over (struct speculation const *sp)
{
  return sp->hold && output_hold_over (&sp->sc->s->w->out);
}

/* What SP's search found stands: STOP is whether it ended the search
   of this input; put out what it printed.  */
static void
speculation_commit (struct speculation *sp, bool stop)
{
  sp->sc->stop = stop;
  if (sp->hold)
    output_hold_commit (&sp->sc->s->w->out);
}

/* Undo what SP's search found: the search's state and the count of
   lines as they were, what it printed thrown away.  */
static void
speculation_undo (struct speculation *sp)
{
  struct scan *sc = sp->sc;
  struct grep_sink *out = &sc->s->w->out;
  *sc->s = sp->saved;
  sc->nlines = sp->nlines;
  out->used = sp->used;
  if (sp->hold)
    output_hold_discard (out);
}

/* Search the slice from SC->beg to *SEND (LIM the end of the text)
   first, its output held, then look for its NULs while it is in the
   cache (speculate).  Return whether what was found stands: no NUL,
   the file did not shrink, and the output held was not too much; it
   is put out then.  Otherwise it is undone, and *END is where the
   text ends for the search of the slice as usual (text_end).  *SEND
   and *END may be moved back to the start of the line that grep's
   read holding the slice's end starts in.  */
static bool
search_then_scan (struct scan *sc, char *lim, char **send, char **end)
{
  char *beg = sc->beg;
  struct search *s = sc->s;
  struct speculation sp;
  if (!speculation_begin (&sp, sc))
    return false;
  bool counted;
  /* The slice ends at the start of the line that grep's read
     holding its end starts in: no NUL read after that line
     changes the lines of the slice, and only those up to the
     start of the read (the rest of that line) are looked for
     besides the slice's, in the cache; text_end would look
     through the rest of the read (up to 96 KiB), which the
     search has not brought into the cache yet.  */
  char *upto = NULL;
  if (*send < lim)
    {
      struct grep_input *in = sc->in;
      uint64_t c = grep_input_chunk_start (in, in->offset
                                           + (*send - sc->buf),
                                           opt.before);
      if (c > in->offset + (beg - sc->buf))
        {
          char *cp = sc->buf + (c - in->offset);
          char *l = after_last_eol (beg, cp);
          if (l > beg)
            {
              *end = *send = l;
              upto = cp < sc->nul_limit ? cp : sc->nul_limit;
            }
        }
    }
  matcher_nul_proof_start (s->w->scratch, beg);
  bool stop = search_lines (s, beg, *send, &sc->nlines);
  nul_proof_take (sc, beg);
  /* -n: count the lines of the slice while it is in the cache, as
     scan_text does.  */
  if (sp.hold && opt.line_numbers && !stop)
    nlscan (s, *send);
  bool over = speculation_over (&sp);
  if (upto)
    {
      counted = ((sc->nul_seen >= upto
                  || !memchr (sc->nul_seen, '\0', upto - sc->nul_seen))
                 && !grep_input_faulted (sc->in) && !over);
      if (counted && sc->nul_seen < upto)
        sc->nul_seen = upto;
    }
  else
    {
      *end = text_end (sc, *send);
      counted = !sc->zap && !grep_input_faulted (sc->in) && !over;
    }
  if (counted)
    speculation_commit (&sp, stop);
  else
    {
      /* A NUL, the file shrank, or too much output: what was found
         is undone, what was printed thrown away, and the slice is
         searched as usual.  */
      speculation_undo (&sp);
      if (upto)
        *end = text_end (sc, *send);
    }
  return counted;
}

/* With -a or -z, no NULs are looked for: a file that shrank under the
   map is still noticed before what the slice held is put out.  Search
   the slice from SC->beg to SEND, its output held (speculate), and
   return whether what was found stands: the file did not shrink and
   the output held was not too much.  Otherwise it is undone, as in
   search_then_scan.  Where touch_pages would read a byte of each page
   before the search, a miss of the cache each, the search reads them
   in its stride.  */
static bool
search_then_check (struct scan *sc, char *send)
{
  struct search *s = sc->s;
  struct speculation sp;
  if (!speculation_begin (&sp, sc))
    return false;
  bool stop = search_lines (s, sc->beg, send, &sc->nlines);
  if (sp.hold && opt.line_numbers && !stop)
    nlscan (s, send);
  bool counted = !grep_input_faulted (sc->in) && !speculation_over (&sp);
  if (counted)
    speculation_commit (&sp, stop);
  else
    speculation_undo (&sp);
  return counted;
}

/* Search the text from SC->beg to LIM slice by slice: the NULs of a
   slice (and of the rest of the chunk of grep's that it ends in) are
   looked for just before it is searched, while it is in the cache, or
   just after, when that can be undone (speculate).
   Only a mapped window is large enough to slice.  Binary data is the
   chunk that holds the first NUL, and what follows, from the start of
   the line that chunk starts in.  */
static void
scan_text (struct scan *sc, char *lim)
{
  bool mapped = sc->in->mapped;
  if (sc->cut && lim > sc->cut_lim)
    lim = sc->cut_lim;
  while (!sc->zap && !sc->stop && sc->beg < lim)
    {
      /* A file that shrinks under the map is noticed before a slice is
         searched: the scan for NULs (or touch_pages) reads it first;
         or after, what the search found undone (search_then_scan,
         search_then_check).  */
      if (mapped && grep_input_faulted (sc->in))
        {
          lim = cut_window (sc, lim);
          if (sc->beg >= lim)
            break;
        }
      char *beg = sc->beg;
      char *send = mapped ? slice_end (sc->in, beg, lim) : lim;
      if (mapped)
        grep_input_ahead (sc->in, &sc->ahead, beg, lim);
      if (mapped && sc->paused && !sc->slice_paused)
        {
          /* For the tests (truncate.exp): with MMGREP_TEST_PAUSE=slice,
             stop once the end of the second slice of a mapped input is
             known, before the slice is searched, for the test to cut
             the file within it: the search is then the first to read
             the vanished pages (search_then_scan, search_then_check),
             where slice_end reads past a cut made earlier.  */
          sc->slice_paused = true;
          char const *pause = getenv ("MMGREP_TEST_PAUSE");
          if (pause && strcmp (pause, "slice") == 0)
            raise (SIGSTOP);
        }
      char *end = send;
      bool counted = false;
      if (sc->look_for_nul && mapped && speculate (sc->s)
          && !grep_input_faulted (sc->in))
        counted = search_then_scan (sc, lim, &send, &end);
      else if (sc->look_for_nul)
        end = text_end (sc, send);
      else if (mapped && speculate (sc->s) && !grep_input_faulted (sc->in)
               && (counted = search_then_check (sc, send)))
        ;
      else if (mapped)
        touch_pages (beg, end);
      /* The bytes after the end of a file in its last page read as
         zeros without a fault: a NUL may be one.  */
      if (mapped && (grep_input_faulted (sc->in)
                     || (sc->zap && grep_input_cut (sc->in) <= sc->nul_off)))
        {
          lim = cut_window (sc, lim);
          /* A NUL that vanished is no binary data.  */
          if (sc->zap && sc->nul_off >= sc->cut_len)
            {
              sc->zap = false;
              end = send;
            }
          if (end > lim)
            end = lim;
        }
      if (beg < end && !counted)
        {
          sc->stop = search_lines (sc->s, beg, end, &sc->nlines);
          /* -n: count the lines of the slice while it is in the
             cache, rather than from memory again at the next line to
             print, megabytes on.  */
          if (mapped && opt.line_numbers && !sc->stop && !sc->s->out_quiet)
            nlscan (sc->s, end);
        }
      sc->beg = end;
      if (mapped)
        grep_input_behind (sc->in, &sc->behind, end);
      if (mapped && !sc->paused)
        {
          /* For the tests (truncate.exp, cow.exp): with
             MMGREP_TEST_PAUSE set (but to "end": grep-input.c, or
             "slice": above), stop
             here, after the first slice of a mapped input, the process
             and its threads, for the test to change the file or look
             at its mapping.  */
          sc->paused = true;
          char const *pause = getenv ("MMGREP_TEST_PAUSE");
          if (pause && strcmp (pause, "end") != 0
              && strcmp (pause, "slice") != 0)
            raise (SIGSTOP);
        }
      if (sc->zap && !sc->stop)
        {
          binary_begins (sc);
          if (sc->give_up)
            return;
        }
    }
}

/* Scan the text of the window from SC->beg to LIM, the second half in
   another thread when it is large (grep-split.h), from the line after
   SPLIT on: the engines store a sentinel just after the part they
   search, and the main thread's is at SPLIT.  The line at SPLIT is
   searched once the other thread is done.  The other thread notes the
   lines it selects, and the main thread prints them in order with
   their context (replay_part): the context of a line there may reach
   back into the first half, or follow on from a line of it, as in one
   thread.  Not with -m, or what stops at the first line selected.  */
static void
scan_window (struct scan *sc, char *lim)
{
  struct search *s = sc->s;
  char *beg = sc->beg;
  if (s->done_on_match || opt.max_count != INTMAX_MAX
      || opt.line_buffered || sc->zap || !sc->in->mapped
      || !split_wanted (s->w, lim - beg))
    {
      scan_text (sc, lim);
      return;
    }
  char *half = beg + (lim - beg) / 2;
  char *split = (char *) memchr (half, opt.eol, lim - half) + 1;
  struct part part = { 0 };
  part.in = sc->in;
  part.beg = split < lim ? (char *) memchr (split, opt.eol,
                                            lim - split) + 1 : lim;
  part.lim = lim;
  part.end = sc->nul_limit;
  part.ranges = !opt.count;
  struct split *other = (part.beg < lim
                         ? split_start (search_part, s->w, &part) : NULL);
  if (!other)
    {
      scan_text (sc, lim);
      return;
    }
  /* The first half; then the line at SPLIT, and what the other thread
     found, if its part was text; otherwise the rest as if there had
     been no other thread.  */
  scan_text (sc, split);
  split_finish (other);
  /* The other thread may have run ahead of a truncation that the main
     thread's half did not meet: what it found may be gone.  */
  if (!sc->cut && !sc->give_up && grep_input_cut (sc->in) < sc->in->maplen)
    cut_window (sc, lim);
  if (sc->give_up || part.nul || part.failed || sc->cut
      || grep_input_faulted (sc->in))
    {
      if (!sc->give_up)
        scan_text (sc, lim);
      free (part.r);
      return;
    }
  scan_text (sc, part.beg);
  if (!sc->zap && !sc->stop)
    {
      if (opt.line_numbers)
        nlscan (s, part.beg);
      sc->nlines += replay_part (s, &part, &sc->stop);
      sc->beg = part.stopped;
      /* The other thread saw no NUL up to the end.  */
      sc->nul_seen = sc->nul_limit;
    }
  scan_text (sc, lim);
  free (part.r);
}

/* Print -c's count, -l's or -L's name, and the binary file message,
   for the input NAME whose search selected NLINES lines.  */
static void
report (struct search const *s, intmax_t nlines, bool failed,
        bool out_quiet)
{
  struct grep_worker *w = s->w;
  char const *name = s->name;
  if (opt.count)
    {
      if (s->show_name)
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
  if (!out_quiet
      && ((s->encoding_error_output && opt.binary_files == BINARY_BINARY)
          || (0 <= s->nlines_first_null && s->nlines_first_null < nlines)))
    output_error (&w->out, 0, _("%s: binary file matches"), name);
}

/* The offset just after the last line that S selected.  */
static uint64_t
after_last_match (struct search *s)
{
  if (s->last_sel_end)
    {
      s->after_last_match = s->bufoffset + (s->last_sel_end - s->bufbeg);
      s->last_sel_end = NULL;
    }
  return s->after_last_match;
}

/* Read the rest of IN, a standard input that cannot seek (a pipe),
   to its end, as grep does rather than leave its writer a broken pipe.
   Return false on a read error (errno set).  */
static bool
drain (struct grep_input const *in)
{
  char buf[16 * 1024];
  for (;;)
    {
      size_t n = safe_read (in->fd, buf, sizeof buf);
      if (n == SAFE_READ_ERROR)
        return false;
      if (n == 0)
        return true;
    }
}

/* A file with a hole has NULs: binary data from its start, as grep
   has it (its file_must_have_nulls).  False if the search gives up
   (--binary-files=without-match).  */
static bool
binary_from_start (struct scan *sc)
{
  sc->zap = true;
  sc->nul_off = 0;
  binary_begins (sc);
  return !sc->give_up;
}

/* Start S, the search of the file NAME (ST, if known) by W.  */
static void
search_start (struct search *s, struct grep_worker *w, struct stat const *st,
              char const *name, bool show_name)
{
  *s = (struct search) { 0 };
  s->w = w;
  s->name = name;
  s->show_name = show_name;
  s->outleft = opt.max_count;
  s->done_on_match = (opt.list != LIST_NONE || opt.quiet
                      || opt.dev_null_output);
  s->out_quiet = opt.count || s->done_on_match;
  s->nlines_first_null = -1;
  s->added_eol = UINT64_MAX;
  if (opt.json)
    json_file_start (&s->json);
  if (opt.align_tabs)
    {
      uintmax_t max = (st && S_ISREG (st->st_mode)
                       ? (uintmax_t) st->st_size : (uintmax_t) INTMAX_MAX);
      s->offset_width = 1;
      for (; max >= 10; max /= 10)
        s->offset_width++;
    }
}

/* Standard input FD (ST): where its search starts, in *START, and
   whether its offset cannot be known, in *SEEK_FAILED.  False, with
   the message, when a regular file's offset cannot be read.  */
static bool
stdin_offset (struct grep_worker *w, int fd, struct stat const *st,
              char const *name, uint64_t *start, bool *seek_failed)
{
  off_t cur = lseek (fd, 0, SEEK_CUR);
  if (cur < 0 && S_ISREG (st->st_mode))
    {
      if (!opt.suppress_errors)
        output_error (&w->out, errno, "%s", name);
      return false;
    }
  *seek_failed = cur < 0;
  if (S_ISREG (st->st_mode))
    *start = cur;
  return true;
}

/* IN holds a new window, whose first CTX bytes are context already
   dealt with: rebase S's pointers into it, give a last line its end of
   line, and return the window's end.  */
static char *
window_begins (struct search *s, struct grep_input *in, size_t ctx)
{
  char *buf = in->buf;
  s->bufbeg = buf;
  s->bufoffset = in->offset;
  s->lastnl = buf;
  /* LASTOUT, when set, was where the kept data starts.  */
  if (s->lastout)
    s->lastout = buf;
  char *end = buf + in->len;
  if (in->eof && end > buf + ctx && end[-1] != opt.eol)
    {
      /* A last line without its end of line: give it one.  */
      s->added_eol = in->offset + in->len;
      *end++ = opt.eol;
      in->len++;
    }
  return end;
}

/* The first byte of P..END that is not a NUL, or END: 32 bytes at a
   time in a run.  */
static char *
skip_nuls (char *p, char *end)
{
  for (; end - p >= 32; p += 32)
    {
      uint64_t w[4];
      memcpy (w, p, sizeof w);
      if (w[0] | w[1] | w[2] | w[3])
        break;
    }
  while (p < end && !*p)
    p++;
  return p;
}

/* Binary data (SC->zap): NULs from FROM (or SC->beg) to END become
   ends of line, and the lines up to LIM (or to the last of them, when
   the input goes on, EOF false) are searched.  Return the new LIM.  */
static char *
zap_and_search (struct scan *sc, char *from, char *end, char *lim, bool eof)
{
  /* What was before FROM is zapped already.  */
  char *z0 = sc->beg < from ? from : sc->beg;
  /* A last line that ends with a NUL got an end of line after it
     (window_begins): the NUL ends it, as in grep, which zaps NULs
     before it looks for a last line without its end of line.  */
  struct search *s = sc->s;
  if (eof && z0 < end - 1 && end[-2] == '\0'
      && s->added_eol == s->bufoffset + (end - 1 - s->bufbeg))
    {
      end--;
      if (lim > end)
        lim = end;
    }
  /* A run of NULs (a hole, /dev/zero) at once.  */
  for (char *z = z0; (z = memchr (z, '\0', end - z));)
    {
      char *run = skip_nuls (z, end);
      memset (z, opt.eol, run - z);
      z = run;
    }
  if (!eof)
    {
      char *nl = end > z0 ? memrchr (z0, opt.eol, end - z0) : NULL;
      if (nl && nl + 1 > lim)
        lim = nl + 1;
    }
  if (sc->beg < lim)
    sc->stop = search_lines (sc->s, sc->beg, lim, &sc->nlines);
  return lim;
}

/* Where the window BUF..LIM is kept from for the next: its residue,
   and up to -B lines before it.  */
static char *
kept_from (struct search *s, char *buf, char *lim)
{
  char *k = lim;
  for (intmax_t i = 0; i < opt.before && k > buf && k != s->lastout; i++)
    do
      --k;
    while (k > buf && k[-1] != opt.eol);
  if (k != s->lastout)
    s->lastout = NULL;
  /* Lines are counted only for -n, and only up to what is kept.  */
  if (opt.line_numbers)
    nlscan (s, k);
  return k;
}

/* The engine failed (a -P limit): as in grep, what was printed stays,
   then the message, then exit 2, without -c's count or -l's name.  In
   a thread of the pool, the main thread exits once it has printed this
   file's output (grep-parallel.c).  */
static void
engine_failed (struct scan *sc, struct grep_input *in)
{
  struct search *s = sc->s;
  struct grep_worker *w = s->w;
  char *msg = matcher_error (w->scratch, s->name);
  output_error (&w->out, 0, "%s", msg);
  free (msg);
  grep_input_close (in);
  if (opt.json)
    json_file_end (&w->out, &s->json, s->name, 0, sc->nlines > 0,
                   &w->json);
  w->fatal = true;
  if (!w->out.capture)
    exit (EXIT_TROUBLE);
}

/* --json's end of the file: what was searched, up to SEARCHED_TO but
   without the end of line added, or, when -m stopped the search, up to
   the last line printed, as ripgrep counts.  */
static void
json_searched (struct scan *sc, uint64_t searched_to)
{
  struct search *s = sc->s;
  uint64_t searched = searched_to;
  if (s->added_eol != UINT64_MAX && searched > s->added_eol)
    searched = s->added_eol;
  if (s->outleft <= 0 && !s->pending)
    searched = s->json_last_end;
  json_file_end (&s->w->out, &s->json, s->name, searched, sc->nlines > 0,
                 &s->w->json);
}

/* Leave the offset of standard input where GNU grep 3.8 leaves it (its
   finalize_input), so that the next program to read it goes on from
   there: with -m's count reached, just after the last selected line
   (not after its trailing context); otherwise at the end (a pipe is
   read to its end), except that -l, -L and a -q that found a line
   leave it where grep's reads stopped.  The read path read what grep
   would have: only the end may be missing; a mapped input moved no
   offset.  SC is the scan of IN, which started at file offset START;
   SEEK_FAILED: IN cannot seek.  Return false after an error (reported,
   unless -s).  */
static bool
finalize_stdin (struct scan const *sc, struct grep_input const *in,
                uint64_t start, bool seek_failed)
{
  struct search *s = sc->s;
  bool mapped = grep_input_mapped (in);
  off_t to = 0;
  int whence = SEEK_SET;
  /* (With its output to /dev/null, grep forgets -l and -L: so does
     mmgrep.c.)  */
  if (opt.quiet ? sc->nlines > 0 : opt.list != LIST_NONE)
    {
      /* grep stopped reading at the chunk that decided, or at the
         end.  */
      if (!mapped)
        return true;
      if (sc->nlines > 0 && s->done_on_match)
        to = start + grep_input_read_end (in, after_last_match (s) - 1,
                                          opt.before);
      else if (sc->give_up)
        to = start + grep_input_read_end (in, sc->nul_off, opt.before);
      else
        whence = SEEK_END;
    }
  else if (s->outleft > 0)
    {
      if (!mapped && in->eof)
        return true;
      if (seek_failed
          || (lseek (in->fd, 0, SEEK_END) < 0 && errno != EINVAL))
        {
          if (drain (in))
            return true;
          goto fail;
        }
      return true;
    }
  else if (seek_failed)
    return true;
  else
    to = start + after_last_match (s);
  if (lseek (in->fd, to, whence) >= 0)
    return true;
 fail:
  if (!opt.suppress_errors)
    output_error (&s->w->out, errno, "%s", s->name);
  return false;
}

intmax_t
grep_search (struct grep_worker *w, int fd, struct stat const *st,
             char const *name, bool show_name)
{
  struct search s;
  search_start (&s, w, st, name, show_name);
  bool out_quiet_orig = s.out_quiet;

  /* Standard input, a file, may have been read from already: grep
     goes on from its offset, and leaves it where the next reader
     should go on (finalize_stdin).  */
  uint64_t start = 0;
  bool is_stdin = fd == STDIN_FILENO && st;
  bool seek_failed = false;
  if (is_stdin && !stdin_offset (w, fd, st, name, &start, &seek_failed))
    return -1;

  struct grep_input in;
  grep_input_open (&in, &w->input, fd, st, start, opt.eol, true);
  struct scan sc = { .s = &s, .in = &in };
  sc.look_for_nul = opt.eol && opt.binary_files != BINARY_TEXT;
  in.find_holes = sc.look_for_nul;
  in.sim_before = opt.before;
  bool failed = false;
  /* In the window: [0, ctx) is context already dealt with, [ctx, ...)
     the data still to search.  */
  size_t keep = 0, ctx = 0;
  uint64_t searched_to = 0;
  /* Read windows: the offset up to which the data after the last whole
     line was looked at, and holds no end of line (nor NUL, when they
     are looked for, or NULs end lines): a line longer than the window
     is not looked at again as each read adds to it, which would take
     time quadratic in its length (a pipe gives 64 KiB a read).  */
  uint64_t clean_to = 0;
  bool first = true;
  bool truncated = false;       /* the file shrank under the mapping */

  while (opt.max_count != 0)
    {
      /* The window moves.  */
      after_last_match (&s);
      ptrdiff_t n = grep_input_fill (&in, keep);
      if (n < 0)
        {
          if (!opt.suppress_errors)
            output_error (&w->out, errno, "%s", name);
          failed = true;
          break;
        }
      char *buf = in.buf;
      char *end = window_begins (&s, &in, ctx);

      char *from = buf + ctx;
      if (!in.mapped && clean_to > in.offset + ctx
          && clean_to - in.offset <= in.len)
        from = buf + (clean_to - in.offset);
      char *lim = end;
      if (!in.eof)
        {
          char *nl = end > from ? memrchr (from, opt.eol, end - from) : NULL;
          lim = nl ? nl + 1 : buf + ctx;
        }
      sc.buf = buf;
      sc.beg = buf + ctx;
      sc.nul_seen = from;
      sc.nul_limit = in.mapped ? (char *) in.mapbase + in.maplen : end;
      if (first && sc.look_for_nul && grep_input_has_hole (&in)
          && !binary_from_start (&sc))
        {
          sc.nlines = 0;
          break;
        }
      first = false;
      if (lim <= sc.beg && sc.look_for_nul && !sc.zap)
        {
          /* No whole line yet: its NULs decide all the same, as in
             grep, and end lines from there on (/dev/zero).  */
          text_end (&sc, sc.beg);
          if (sc.zap)
            binary_begins (&sc);
        }
      else
        scan_window (&sc, lim);
      if (sc.give_up)
        {
          sc.nlines = 0;
          break;
        }
      if (sc.cut && sc.cut_lim < lim)
        end = lim = sc.cut_lim;
      if (sc.zap && !sc.stop && in.mapped && in.skip_reads
          && in.skip_from - in.offset < (uint64_t) (end - buf))
        {
          /* The window ends with grep's read that holds the first NUL:
             the reads after it are copied (grep_input_skip_begins).  */
          end = buf + (in.skip_from - in.offset);
          in.len = end - buf;
          lim = sc.beg;
        }
      if (sc.zap && !sc.stop)
        lim = zap_and_search (&sc, from, end, lim, in.eof);
      searched_to = in.offset + (lim - buf);
      if (sc.stop || in.eof)
        break;
      if (sc.cut)
        {
          /* Cut, maybe in the middle of a line: what the file still
             holds of it comes next, from the heap buffer, as a last
             line without its end of line (grep, reading, selects and
             counts it too).  */
          truncated = true;
          sc.cut = false;
          grep_input_truncated (&in, sc.cut_len, searched_to);
        }
      if (!in.mapped)
        clean_to = in.offset + in.len;

      char *k = kept_from (&s, buf, lim);
      keep = k - buf;
      ctx = lim - k;
    }

  if (s.engine_failed)
    {
      engine_failed (&sc, &in);
      return -1;
    }

  /* Keep the simulation of grep's reads in step (grep-input.h), but
     where the search stopped early (-m, -q, -l) in a file other than
     standard input, where nothing asks for it after this: it would
     read the end of each of grep's chunks of the rest of the mapping
     (the whole file: 40 ms for -m 1 on 1 GB, where the match takes
     1 ms, and the page tables to take down at the end).  */
  if (!sc.stop || is_stdin)
    grep_input_chunk_start (&in, searched_to, opt.before);
  if (!failed && (truncated || sc.cut || grep_input_faulted (&in)))
    {
      output_error (&w->out, 0, _("%s: file truncated during the search"),
                    name);
      failed = true;
    }
  if (is_stdin && !failed
      && !finalize_stdin (&sc, &in, start, seek_failed))
    failed = true;
  grep_input_close (&in);
  if (opt.json)
    json_searched (&sc, searched_to);
  report (&s, sc.nlines, failed, out_quiet_orig);
  return failed ? -1 : sc.nlines;
}
