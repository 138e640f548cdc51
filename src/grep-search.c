/* grep-search.c -- search one input: lines, context, binary data.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input comes as windows of whole lines (grep-input.h); a mapped
   file is one window.  In a window, the matcher finds the next
   matching line itself; only then are its neighbours (context) and
   its number looked at.  Binary data follows GNU grep 3.8: the input
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
#include <wchar.h>

#include "bytecount.h"
#include "grep-input.h"
#include "grep-output.h"
#include "grep-split.h"
#include "grep.h"
#include "matcher.h"
#include "xalloc.h"

/* The size of the slices of a mapped window (see grep_search): small
   enough to stay in a core's cache between the scan for NULs and the
   search.  */
enum { SEARCH_SLICE = 256 * 1024 };

struct search
{
  char const *name;
  bool show_name;
  char *bufbeg;                 /* the window's start */
  uint64_t bufoffset;           /* its offset in the input */
  char *lastnl;                 /* lines are counted up to here */
  intmax_t totalnl;             /* the number of lines before LASTNL */
  char *lastout;                /* the end of the last line printed */
  intmax_t pending;             /* after-context lines still to print */
  intmax_t outleft;             /* lines -m still allows */
  bool done_on_match;           /* stop at the first selected line */
  bool out_quiet;               /* print no lines */
  intmax_t nlines_first_null;   /* selected lines before binary, or -1 */
  bool encoding_error_output;
  int offset_width;             /* -T: the width of numbers */
};

static bool
has_encoding_errors (char const *p, size_t len)
{
  if (!opt.multibyte)
    return false;
  mbstate_t st = { 0 };
  char const *lim = p + len;
  /* Most lines are ASCII: eight bytes at a time first.  */
  while (lim - p >= 8)
    {
      uint64_t w;
      memcpy (&w, p, sizeof w);
      if (w & UINT64_C (0x8080808080808080))
        break;
      p += 8;
    }
  while (p < lim)
    {
      if ((unsigned char) *p < 0x80)
        {
          p++;
          continue;
        }
      size_t n = mbrlen (p, lim - p, &st);
      if (n == (size_t) -1 || n == (size_t) -2)
        return true;
      p += n ? n : 1;
    }
  return false;
}

/* Count the lines up to P (P may be before LASTNL only inside the line
   that LASTNL is in).  */
static void
nlscan (struct search *s, char const *p)
{
  if (s->lastnl < p)
    {
      s->totalnl += count_byte (s->lastnl, p - s->lastnl, opt.eol);
      s->lastnl = (char *) p;
    }
}

/* The head of an output line (or -o match) at BEG, LEN bytes long.
   False when the line must not be printed (an encoding error: the
   input is binary from now on).  */
static bool
print_line_head (struct search *s, char const *beg, size_t len, char sep)
{
  if (opt.binary_files != BINARY_TEXT && has_encoding_errors (beg, len))
    {
      s->encoding_error_output = s->done_on_match = s->out_quiet = true;
      return false;
    }
  if (s->show_name)
    {
      output_filename (s->name);
      if (opt.null_after_name)
        output_char ('\0');
      else
        output_sep (sep);
    }
  if (opt.line_numbers)
    {
      nlscan (s, beg);
      output_number (s->totalnl + 1, s->offset_width, colors.line_number);
      output_sep (sep);
    }
  if (opt.byte_offsets)
    {
      output_number (s->bufoffset + (beg - s->bufbeg), s->offset_width,
                     colors.byte_offset);
      output_sep (sep);
    }
  if (opt.align_tabs && (s->show_name || opt.line_numbers
                         || opt.byte_offsets) && len != 0)
    output_char ('\t');
  return true;
}

/* Print the matches in the line BEG..LIM, colored or one per line
   (-o).  Return where the rest of the line starts, or NULL.  */
static char const *
print_line_middle (struct search *s, char *beg, char *lim,
                   char const *line_color, char const *match_color)
{
  char const *cur = beg, *mid = NULL;
  while (cur < lim)
    {
      size_t len;
      ptrdiff_t off = matcher_execute (opt.matcher, beg, lim - beg, &len,
                                       cur);
      if (off < 0)
        break;
      char const *b = beg + off;
      if (b >= lim - 1 && len == 0)
        break;
      if (b == lim)
        break;
      if (len == 0)
        {
          /* An empty match: move on by one character.  */
          len = 1;
          if (!mid)
            mid = cur;
        }
      else
        {
          if (opt.only_matching)
            {
              char sep = opt.invert ? SEP_CONTEXT : SEP_SELECTED;
              if (!print_line_head (s, b, len, sep))
                return NULL;
            }
          else
            {
              if (opt.color)
                output_sgr_start (line_color);
              if (mid)
                {
                  cur = mid;
                  mid = NULL;
                }
              output_bytes (cur, b - cur);
            }
          if (opt.color)
            output_sgr_start (match_color);
          output_bytes (b, len);
          if (opt.color)
            output_sgr_end (match_color);
          if (opt.only_matching)
            {
              output_char (opt.eol);
              output_line_done ();
            }
        }
      cur = b + len;
    }
  if (opt.only_matching)
    cur = lim;
  else if (mid)
    cur = mid;
  return cur;
}

static char const *
print_line_tail (char const *beg, char const *lim, char const *line_color)
{
  size_t eol_size = lim > beg && lim[-1] == opt.eol;
  eol_size += lim - eol_size > beg && lim[-(1 + eol_size)] == '\r';
  size_t tail = lim - eol_size - beg;
  if (tail > 0)
    {
      output_sgr_start (line_color);
      output_bytes (beg, tail);
      output_sgr_end (line_color);
      beg += tail;
    }
  return beg;
}

/* Print the line BEG..LIM (LIM after its end of line) with SEP.  */
static bool
prline (struct search *s, char *beg, char *lim, char sep)
{
  if (!opt.only_matching
      && !print_line_head (s, beg, lim - beg - 1, sep))
    return false;
  bool matching = (sep == SEP_SELECTED) ^ opt.invert;
  char const *line_color = "", *match_color = "";
  if (opt.color)
    {
      line_color = (((sep == SEP_SELECTED)
                     ^ (opt.invert && colors.reverse))
                    ? colors.selected_line : colors.context_line);
      match_color = (sep == SEP_SELECTED
                     ? colors.selected_match : colors.context_match);
    }
  char const *p = beg;
  if ((opt.only_matching && matching)
      || (opt.color && (*line_color || *match_color)))
    {
      if (matching && (opt.only_matching || *match_color))
        {
          p = print_line_middle (s, beg, lim, line_color, match_color);
          if (!p)
            return false;
        }
      if (!opt.only_matching && *line_color)
        p = print_line_tail (p, lim, line_color);
    }
  if (!opt.only_matching && lim > p)
    output_bytes (p, lim - p);
  if (!opt.only_matching || matching)
    output_line_done ();
  s->lastout = lim;
  return true;
}

/* Print the after-context lines still pending, up to LIM.  */
static void
prpending (struct search *s, char *lim)
{
  if (!s->lastout)
    s->lastout = s->bufbeg;
  while (s->pending > 0 && s->lastout < lim && !s->out_quiet)
    {
      char *nl = memchr (s->lastout, opt.eol, lim - s->lastout);
      s->pending--;
      if (!prline (s, s->lastout, nl + 1, SEP_CONTEXT))
        break;
    }
}

/* The selected lines BEG..LIM: print them with their context.  Return
   how many were selected.  */
static intmax_t
prtext (struct search *s, char *beg, char *lim)
{
  if (!s->out_quiet && s->pending > 0)
    prpending (s, beg);
  if (!s->out_quiet)
    {
      char *bp = s->lastout ? s->lastout : s->bufbeg;
      char *p = beg;
      for (intmax_t i = 0; i < opt.before && p > bp; i++)
        do
          --p;
        while (p > bp && p[-1] != opt.eol);
      if ((opt.before || opt.after) && p != s->lastout
          && opt.group_separator)
        output_group_separator ();
      while (p < beg && !s->out_quiet)
        {
          char *nl = memchr (p, opt.eol, beg - p);
          if (!prline (s, p, nl + 1, SEP_CONTEXT))
            break;
          p = nl + 1;
        }
    }
  intmax_t n = 0;
  if (opt.invert)
    {
      char *p = beg;
      for (; p < lim && n < s->outleft; n++)
        {
          char *nl = (char *) memchr (p, opt.eol, lim - p) + 1;
          if (!s->out_quiet)
            prline (s, p, nl, SEP_SELECTED);
          p = nl;
        }
      if (s->out_quiet)
        s->lastout = p;
    }
  else
    {
      if (!s->out_quiet)
        prline (s, beg, lim, SEP_SELECTED);
      else
        s->lastout = lim;
      n = 1;
    }
  s->pending = s->out_quiet ? 0 : opt.after;
  output_used = true;
  s->outleft -= n;
  return n;
}

/* Search the whole lines BEG..LIM.  Return the number selected.  */
static intmax_t
grepbuf (struct search *s, char *beg, char *lim)
{
  intmax_t selected = 0;
  for (char *p = beg; p < lim;)
    {
      size_t len;
      ptrdiff_t off = matcher_execute (opt.matcher, p, lim - p, &len, NULL);
      char *b = off < 0 ? lim : p + off;
      char *e = off < 0 ? lim : b + len;
      if (!opt.invert)
        {
          if (off < 0)
            break;
          selected += prtext (s, b, e);
        }
      else if (p < b)
        selected += prtext (s, p, b);
      p = e;
      if (s->outleft <= 0 || (s->done_on_match && selected))
        break;
    }
  return selected;
}

/* Search the text lines BEG..LIM and print what follows them of the
   context; add the lines selected to *NLINES.  Return whether the
   search of this input is over.  */
static bool
search_lines (struct search *s, char *beg, char *lim, intmax_t *nlines)
{
  if (s->outleft > 0)
    *nlines += grepbuf (s, beg, lim);
  if (s->pending)
    prpending (s, lim);
  return (s->outleft <= 0 && !s->pending) || (s->done_on_match && *nlines);
}

/* The number of lines of BEG..LIM (whole lines) that M selects.  */
static intmax_t
count_lines (struct matcher *m, char *beg, char *lim)
{
  intmax_t n = 0;
  for (char *p = beg; p < lim;)
    {
      size_t len;
      ptrdiff_t off = matcher_execute (m, p, lim - p, &len, NULL);
      char *b = off < 0 ? lim : p + off;
      if (opt.invert)
        n += count_byte (p, b - p, opt.eol);
      else if (off >= 0)
        n++;
      if (off < 0)
        break;
      p = b + len;
    }
  return n;
}

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
  char *beg, *lim;              /* the lines to search */
  char *end;                    /* look for NULs up to here */
  bool ranges;
  /* The results.  */
  bool nul;                     /* a NUL in BEG..END: the rest is void */
  intmax_t count;
  char *stopped;                /* where the search stopped: LIM when done */
  struct range *r;
  size_t n, nalloc;
};

/* Note the lines BEG..LIM in P; LINES is the number of lines between
   P->beg and BEG.  Return false when there is no more room.  */
static bool
note_range (struct part *p, char *beg, char *lim, intmax_t lines)
{
  if (p->n == PART_MAX_RANGES)
    return false;
  if (p->n == p->nalloc)
    p->r = x2nrealloc (p->r, &p->nalloc, sizeof *p->r);
  p->r[p->n++] = (struct range) { beg, lim, lines };
  return true;
}

/* Search the lines BEG..LIM into P.  Return false when P is full.  */
static bool
search_part_lines (struct matcher *m, struct part *p, char *beg, char *lim,
                   char **nl_seen, intmax_t *lines)
{
  if (!p->ranges)
    {
      p->count += count_lines (m, beg, lim);
      return true;
    }
  for (char *q = beg; q < lim;)
    {
      size_t len;
      ptrdiff_t off = matcher_execute (m, q, lim - q, &len, NULL);
      char *b = off < 0 ? lim : q + off;
      char *rb = opt.invert ? q : b, *re = opt.invert ? b : b + len;
      if (rb < re && (off >= 0 || opt.invert))
        {
          if (opt.line_numbers)
            {
              *lines += count_byte (*nl_seen, rb - *nl_seen, opt.eol);
              *nl_seen = rb;
            }
          if (!note_range (p, rb, re, *lines))
            {
              p->stopped = rb;
              return false;
            }
        }
      if (off < 0)
        break;
      q = b + len;
    }
  return true;
}

/* The worker (split_fn): search P, slice by slice, looking for NULs in
   each just before, while it is in the cache.  */
static void
search_part (struct matcher *m, void *arg)
{
  struct part *p = arg;
  bool look_for_nul = opt.eol && opt.binary_files != BINARY_TEXT;
  char *nl_seen = p->beg;
  intmax_t lines = 0;
  p->stopped = p->lim;
  for (char *beg = p->beg; beg < p->lim;)
    {
      char *slice_end = p->lim;
      if ((size_t) (p->lim - beg) > 2 * SEARCH_SLICE)
        slice_end = (char *) memchr (beg + SEARCH_SLICE, opt.eol,
                                     p->lim - (beg + SEARCH_SLICE)) + 1;
      if (look_for_nul && memchr (beg, '\0', slice_end - beg))
        {
          p->nul = true;
          return;
        }
      if (!search_part_lines (m, p, beg, slice_end, &nl_seen, &lines))
        {
          /* Full: the rest is the main thread's, but its NULs would
             change what is already noted.  */
          beg = slice_end;
          break;
        }
      beg = slice_end;
    }
  if (look_for_nul && p->stopped < p->end
      && memchr (p->stopped, '\0', p->end - p->stopped))
    p->nul = true;
}

/* Print (or count) what the worker noted in P, as grepbuf would have;
   S's line count is up to P->beg.  Return the number of lines
   selected, and set *STOP as grepbuf's caller would.  */
static intmax_t
replay_part (struct search *s, struct part *p, bool *stop)
{
  if (!p->ranges)
    return p->count;
  intmax_t nlines = 0;
  intmax_t base = s->totalnl;
  for (size_t i = 0; i < p->n; i++)
    {
      struct range const *r = &p->r[i];
      if (opt.line_numbers)
        {
          s->totalnl = base + r->lines_before;
          s->lastnl = r->beg;
        }
      nlines += prtext (s, r->beg, r->lim);
      if (s->outleft <= 0 || s->done_on_match)
        {
          *stop = true;
          break;
        }
    }
  return nlines;
}

static char *
after_last_eol (char *beg, char *end)
{
  char *nl = end > beg ? memrchr (beg, opt.eol, end - beg) : NULL;
  return nl ? nl + 1 : beg;
}

intmax_t
grep_search (int fd, struct stat const *st, char const *name,
             bool show_name)
{
  struct search s = { 0 };
  s.name = name;
  s.show_name = show_name;
  s.outleft = opt.max_count;
  s.done_on_match = opt.list != LIST_NONE || opt.quiet;
  s.out_quiet = opt.count || s.done_on_match;
  bool out_quiet_orig = s.out_quiet;
  s.nlines_first_null = -1;
  if (opt.align_tabs)
    {
      uintmax_t max = S_ISREG (st->st_mode) ? (uintmax_t) st->st_size
                                            : (uintmax_t) INTMAX_MAX;
      s.offset_width = 1;
      for (; max >= 10; max /= 10)
        s.offset_width++;
    }

  intmax_t nlines = 0;
  bool failed = false;
  struct grep_input in;
  grep_input_open (&in, fd, st, opt.eol, true);
  /* In the window: [0, ctx) is context already dealt with, [ctx, ...)
     the data still to search.  */
  size_t keep = 0, ctx = 0;
  bool zap = false;
  uint64_t searched_to = 0;

  if (opt.max_count == 0)
    goto finish;

  for (;;)
    {
      size_t before_len = in.len - keep;
      ptrdiff_t n = grep_input_fill (&in, keep);
      if (n < 0)
        {
          if (!opt.suppress_errors)
            output_error (errno, "%s", name);
          failed = true;
          break;
        }
      (void) before_len;
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
          && !zap && in.mapped && split_wanted (lim - beg))
        {
          split = (char *) memchr (beg + (lim - beg) / 2, opt.eol,
                                   lim - (beg + (lim - beg) / 2)) + 1;
          part.beg = split < lim ? (char *) memchr (split, opt.eol,
                                                    lim - split) + 1 : lim;
          part.lim = lim;
          part.end = nul_limit;
          part.ranges = !opt.count;
          if (part.beg < lim)
            worker = split_start (search_part, opt.matcher, &part);
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
      output_error (0, _("%s: file truncated during the search"), name);
      failed = true;
    }
  grep_input_close (&in);

  if (opt.count)
    {
      if (show_name)
        {
          output_filename (name);
          if (opt.null_after_name)
            output_char ('\0');
          else
            output_sep (SEP_SELECTED);
        }
      fprintf (output_stream, "%jd\n", nlines);
      output_line_done ();
    }
  if ((opt.list == LIST_MATCHING && nlines > 0)
      || (opt.list == LIST_NONMATCHING && nlines == 0 && !failed))
    {
      output_filename (name);
      output_char (opt.null_after_name ? '\0' : '\n');
      output_line_done ();
    }
  if (!out_quiet_orig
      && (s.encoding_error_output
          || (0 <= s.nlines_first_null && s.nlines_first_null < nlines)))
    output_error (0, _("%s: binary file matches"), name);
  return failed ? -1 : nlines;
}
