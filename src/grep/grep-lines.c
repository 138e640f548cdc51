/* grep-lines.c -- print the selected lines of a window, with context.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   What GNU grep's prline, prtext and grepbuf do: the matcher finds
   the next selected line itself; only then are its neighbours
   (context), its number and its offset looked at.  A line (or -o
   match) to print that is not valid in the locale's multibyte encoding
   is not printed, and the search goes on: as in grep 3.8, the input is
   then reported as binary when its search ends.  */

#include <config.h>

#include "grep-lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "bytecount.h"
#include "grep-json.h"
#include "grep-output.h"
#include "grep.h"
#include "matcher.h"
#include "xalloc.h"

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

void
nlscan (struct search *s, char const *p)
{
  if (s->lastnl < p)
    s->totalnl += count_byte (s->lastnl, p - s->lastnl, opt.eol);
  else if (p < s->lastnl)
    s->totalnl -= count_byte (p, s->lastnl - p, opt.eol);
  s->lastnl = (char *) p;
}

/* The head of an output line (or -o match) at BEG, LEN bytes long.
   False when the line must not be printed (an encoding error: the
   input is reported as binary at its end).  */
static bool
print_line_head (struct search *s, char const *beg, size_t len, char sep)
{
  if (opt.binary_files != BINARY_TEXT && has_encoding_errors (beg, len))
    {
      s->encoding_error_output = true;
      return false;
    }
  if (s->show_name)
    {
      output_filename (&s->w->out, s->name);
      if (opt.null_after_name)
        output_char (&s->w->out, '\0');
      else
        output_sep (&s->w->out, sep);
    }
  if (opt.line_numbers)
    {
      nlscan (s, beg);
      output_number (&s->w->out, s->totalnl + 1, s->offset_width,
                     colors.line_number);
      output_sep (&s->w->out, sep);
    }
  if (opt.byte_offsets)
    {
      output_number (&s->w->out, s->bufoffset + (beg - s->bufbeg),
                     s->offset_width,
                     colors.byte_offset);
      output_sep (&s->w->out, sep);
    }
  if (opt.align_tabs && (s->show_name || opt.line_numbers
                         || opt.byte_offsets) && len != 0)
    output_char (&s->w->out, '\t');
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
      ptrdiff_t off = matcher_execute (s->w->matcher, s->w->scratch, beg,
                                       lim - beg, &len, cur);
      if (off == MATCHER_FAILED)
        {
          s->engine_failed = true;
          return NULL;
        }
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
                output_sgr_start (&s->w->out, line_color);
              if (mid)
                {
                  cur = mid;
                  mid = NULL;
                }
              output_bytes (&s->w->out, cur, b - cur);
            }
          if (opt.color)
            output_sgr_start (&s->w->out, match_color);
          output_bytes (&s->w->out, b, len);
          if (opt.color)
            output_sgr_end (&s->w->out, match_color);
          if (opt.only_matching)
            {
              output_char (&s->w->out, opt.eol);
              output_line_done (&s->w->out);
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
print_line_tail (struct search *s, char const *beg, char const *lim,
                 char const *line_color)
{
  size_t eol_size = lim > beg && lim[-1] == opt.eol;
  eol_size += lim - eol_size > beg && lim[-(1 + eol_size)] == '\r';
  size_t tail = lim - eol_size - beg;
  if (tail > 0)
    {
      output_sgr_start (&s->w->out, line_color);
      output_bytes (&s->w->out, beg, tail);
      output_sgr_end (&s->w->out, line_color);
      beg += tail;
    }
  return beg;
}

/* --json: the line BEG..LIM as a "match" or "context" message, with
   its submatches when it matches the patterns: the leftmost-longest
   matches, one after the other, as -o finds them (empty ones are
   not submatches).  A line that is not valid in the encoding is
   printed all the same, as {"bytes":...}.  */
static bool
json_prline (struct search *s, char *beg, char *lim, char sep)
{
  bool matching = (sep == SEP_SELECTED) ^ opt.invert;
  struct json_submatch local[16], *sub = local;
  size_t n = 0, nalloc = sizeof local / sizeof local[0];
  uint64_t offset = s->bufoffset + (beg - s->bufbeg);
  size_t len = lim - beg;
  if (len && offset + len - 1 == s->added_eol)
    len--;
  for (char const *cur = beg; matching && cur < lim;)
    {
      size_t mlen;
      ptrdiff_t off = matcher_execute (s->w->matcher, s->w->scratch, beg,
                                       lim - beg, &mlen, cur);
      if (off == MATCHER_FAILED)
        {
          s->engine_failed = true;
          if (sub != local)
            free (sub);
          return false;
        }
      if (off < 0 || (size_t) off >= len)
        break;
      if (mlen == 0)
        {
          cur = beg + off + 1;
          continue;
        }
      if (n == nalloc)
        {
          if (sub == local)
            {
              sub = xnmalloc (nalloc, 2 * sizeof *sub);
              memcpy (sub, local, sizeof local);
              nalloc *= 2;
            }
          else
            sub = x2nrealloc (sub, &nalloc, sizeof *sub);
        }
      size_t end = off + mlen < len ? off + mlen : len;
      sub[n++] = (struct json_submatch) { off, end };
      cur = beg + off + mlen;
    }
  nlscan (s, beg);
  json_line (&s->w->out, &s->json, s->name, beg, len, s->totalnl + 1,
             offset, sep == SEP_SELECTED, sub, n);
  if (sub != local)
    free (sub);
  s->lastout = lim;
  s->json_last_end = offset + len;
  return true;
}

/* Print the line BEG..LIM (LIM after its end of line) with SEP.  */
static bool
prline (struct search *s, char *beg, char *lim, char sep)
{
  if (opt.json)
    return json_prline (s, beg, lim, sep);
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
        p = print_line_tail (s, p, lim, line_color);
    }
  if (!opt.only_matching && lim > p)
    output_bytes (&s->w->out, p, lim - p);
  if (!opt.only_matching || matching)
    output_line_done (&s->w->out);
  s->lastout = lim;
  return true;
}

void
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

char *
context_start (struct search const *s, char *beg)
{
  char *bp = s->lastout ? s->lastout : s->bufbeg;
  char *p = beg;
  if (s->out_quiet)
    return p;
  for (intmax_t i = 0; i < opt.before && p > bp; i++)
    do
      --p;
    while (p > bp && p[-1] != opt.eol);
  return p;
}

intmax_t
prtext (struct search *s, char *beg, char *lim)
{
  if (!s->out_quiet && s->pending > 0)
    prpending (s, beg);
  if (!s->out_quiet)
    {
      char *p = context_start (s, beg);
      if (opt.context && p != s->lastout && opt.group_separator
          && !opt.json)
        output_group_separator (&s->w->out);
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
      /* Lines that are only counted (-c, -q, -l, binary data): in one
         pass when -m leaves room for all of them (a hole read as
         NULs holds a line a byte).  */
      if (s->out_quiet)
        {
          size_t lines = count_byte (beg, lim - beg, opt.eol);
          if (s->outleft >= 0 && lines <= (uintmax_t) s->outleft)
            {
              n = lines;
              p = lim;
            }
        }
      for (; p < lim && n < s->outleft; n++)
        {
          /* LIM ends a line, unless the file shrank under the map
             while it was searched (its vanished pages read as zeros):
             then what follows is cut (grep-search.c).  */
          char *nl = memchr (p, opt.eol, lim - p);
          nl = nl ? nl + 1 : lim;
          if (!s->out_quiet)
            prline (s, p, nl, SEP_SELECTED);
          p = nl;
          if (s->engine_failed)
            break;
        }
      if (s->out_quiet)
        s->lastout = p;
      else
        s->last_sel_end = p;
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
  s->w->out.used = true;
  s->outleft -= n;
  return n;
}

/* Search the whole lines BEG..LIM.  Return the number selected.  */
static intmax_t
grepbuf (struct search *s, char *beg, char *lim)
{
  intmax_t selected = 0;
  char *p;
  for (p = beg; p < lim;)
    {
      size_t len;
      ptrdiff_t off = matcher_execute (s->w->matcher, s->w->scratch, p,
                                       lim - p, &len, NULL);
      if (off == MATCHER_FAILED)
        {
          s->engine_failed = true;
          break;
        }
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
      if (s->outleft <= 0 || (s->done_on_match && selected)
          || s->engine_failed)
        break;
    }
  /* When the search stops for -m's count, -q, -l or -L, where the last
     selected line ends (grep-search.c's finalize_stdin wants it): P,
     or with -v where prtext's last line ended (it notes it itself when
     it prints, as a line it cannot print does not move LASTOUT).
     Noted once here rather than at each line.  */
  if (!opt.invert)
    s->last_sel_end = p;
  else if (s->out_quiet)
    s->last_sel_end = s->lastout;
  return selected;
}

bool
search_lines (struct search *s, char *beg, char *lim, intmax_t *nlines)
{
  if (s->outleft > 0)
    *nlines += grepbuf (s, beg, lim);
  if (s->pending && !s->engine_failed)
    prpending (s, lim);
  /* Binary data (done_on_match set then): a line selected after it
     began, as in grep, not one before.  */
  return ((s->outleft <= 0 && !s->pending)
          || (s->done_on_match
              && (s->nlines_first_null > 0 ? s->nlines_first_null : 0)
                 < *nlines)
          || s->engine_failed);
}
