/* grep-part.c -- the half of a large window that a worker searches.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "grep-part.h"

#include <string.h>

#include "bytecount.h"
#include "grep.h"
#include "xalloc.h"

#if defined __GNUC__ || defined __clang__
# define PREFETCH(p) __builtin_prefetch (p)
#else
# define PREFETCH(p) ((void) (p))
#endif

/* How many ranges ahead replay_part prefetches.  */
enum { REPLAY_AHEAD = 8 };

char *
slice_end (struct grep_input const *in, char *beg, char *lim)
{
  if ((size_t) (lim - beg) <= 2 * SEARCH_SLICE)
    return lim;
  for (char *p = beg + SEARCH_SLICE;;)
    {
      char *e = (size_t) (lim - p) > SEARCH_SLICE ? p + SEARCH_SLICE : lim;
      char *nl = memchr (p, opt.eol, e - p);
      if (nl)
        return nl + 1;
      if (e == lim || grep_input_faulted (in))
        return lim;
      p = e;
    }
}

void
touch_pages (char const *beg, char const *end)
{
  for (char const *p = beg; p < end; p += 4096)
    (void) *(char const volatile *) p;
}

/* The number of lines of BEG..LIM (whole lines) that M selects, or -1
   when the engine failed.  */
static intmax_t
count_lines (struct grep_worker *w, char *beg, char *lim)
{
  intmax_t n = 0;
  for (char *p = beg; p < lim;)
    {
      size_t len;
      ptrdiff_t off = matcher_execute (w->matcher, w->scratch, p, lim - p,
                                       &len, NULL);
      if (off == MATCHER_FAILED)
        return -1;
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

/* Search the lines BEG..LIM into P.  Return false when P is full or
   the engine failed (P->failed).  */
static bool
search_part_lines (struct grep_worker *w, struct part *p, char *beg,
                   char *lim, char **nl_seen, intmax_t *lines)
{
  if (!p->ranges)
    {
      intmax_t n = count_lines (w, beg, lim);
      if (n < 0)
        {
          p->failed = true;
          return false;
        }
      p->count += n;
      return true;
    }
  for (char *q = beg; q < lim;)
    {
      size_t len = 0;           /* set only when a line matches */
      ptrdiff_t off = matcher_execute (w->matcher, w->scratch, q, lim - q,
                                       &len, NULL);
      if (off == MATCHER_FAILED)
        {
          p->failed = true;
          return false;
        }
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

void
search_part (struct grep_worker *w, void *arg)
{
  struct part *p = arg;
  bool look_for_nul = opt.eol && opt.binary_files != BINARY_TEXT;
  char *nl_seen = p->beg;
  intmax_t lines = 0;
  size_t ahead = 0, behind = 0;
  p->stopped = p->lim;
  grep_input_behind (p->in, &behind, p->beg);
  for (char *beg = p->beg; beg < p->lim;)
    {
      grep_input_ahead (p->in, &ahead, beg, p->lim);
      /* The file shrank under the map (the main thread sees it too):
         void.  */
      if (grep_input_faulted (p->in))
        {
          p->nul = true;
          return;
        }
      char *end = slice_end (p->in, beg, p->lim);
      /* The slice is searched first, then its NULs are looked for, in
         the cache: with one, what was found is void (P->nul), as with
         a file that shrank, noticed after the search too (with -a or
         -z, the pages are not read before it).  */
      if (look_for_nul)
        matcher_nul_proof_start (w->scratch, beg);
      bool more = search_part_lines (w, p, beg, end, &nl_seen, &lines);
      /* Up to where the search proved there is none.  */
      char const *clean = (look_for_nul
                           ? matcher_nul_proof_end (w->scratch) : beg);
      if ((look_for_nul && clean < end
           && memchr (clean, '\0', end - clean))
          || grep_input_faulted (p->in))
        {
          p->nul = true;
          return;
        }
      if (!more)
        {
          if (p->failed)
            return;
          /* Full: the rest is the main thread's, but its NULs would
             change what is already noted.  */
          beg = end;
          break;
        }
      /* The lines of the slice are counted while it is in the cache,
         not from memory again at the next line selected.  */
      if (p->ranges && opt.line_numbers)
        {
          lines += count_byte (nl_seen, end - nl_seen, opt.eol);
          nl_seen = end;
        }
      beg = end;
      grep_input_behind (p->in, &behind, beg);
    }
  p->nl_seen = nl_seen;
  p->lines_seen = lines;
  if ((look_for_nul && p->stopped < p->end
       && memchr (p->stopped, '\0', p->end - p->stopped))
      || grep_input_faulted (p->in))
    p->nul = true;
}

intmax_t
replay_part (struct search *s, struct part *p, bool *stop)
{
  if (!p->ranges)
    return p->count;
  intmax_t nlines = 0;
  intmax_t base = s->totalnl;
  /* The pages of the part, mapped again to print its lines, given
     back behind as the other thread did.  */
  size_t behind = 0;
  grep_input_behind (p->in, &behind, p->beg);
  for (size_t i = 0; i < p->n; i++)
    {
      struct range const *r = &p->r[i];
      /* The lines were searched long ago, by another thread: ask for
         those a few ranges on now, so that they are in the cache when
         they are copied to the output.  */
      if (i + REPLAY_AHEAD < p->n)
        {
          struct range const *a = &p->r[i + REPLAY_AHEAD];
          PREFETCH (a->beg);
          if (a->lim - a->beg > 64)
            PREFETCH (a->beg + 64);
        }
      /* The after-context of the line before, numbered from where the
         count is.  */
      if (s->pending > 0 && !s->out_quiet)
        prpending (s, r->beg);
      /* The count jumps to the line's, known from the other thread;
         nlscan counts back from there over its before-context, which
         may start in the line at the split, or in the first half.  */
      if (opt.line_numbers)
        {
          s->totalnl = base + r->lines_before;
          s->lastnl = r->beg;
        }
      nlines += prtext (s, r->beg, r->lim);
      grep_input_behind (p->in, &behind, r->lim);
      if (s->outleft <= 0 || s->done_on_match)
        {
          *stop = true;
          return nlines;
        }
    }
  /* The after-context of the last line, up to where the search goes
     on.  */
  if (s->pending > 0 && !s->out_quiet)
    prpending (s, p->stopped);
  /* The count goes on from the last line the other thread counted:
     from the last line printed, it would read the part again (its
     pages given back, grep_input_behind).  */
  if (opt.line_numbers && p->nl_seen && s->lastnl < p->nl_seen)
    {
      s->totalnl = base + p->lines_seen;
      s->lastnl = p->nl_seen;
    }
  return nlines;
}
