/* cat-format.c -- cat's -b -E -n -s -T -v formatting of a byte stream.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cat-format.h"

#include <string.h>

/* A line number as cat prints it: right-aligned in six columns, then a
   TAB; wider numbers take what they need.  */
enum { NUMBER_MAX = 32 };

bool
cat_style_active (struct cat_style const *s)
{
  return (s->number || s->number_nonblank || s->show_ends
          || s->squeeze_blank || s->show_tabs || s->show_nonprinting);
}

size_t
cat_format_bound (size_t n)
{
  /* Each byte: at most "M-^X" (4 bytes), or a newline with '$' and the
     next line's number.  */
  return n * (4 + NUMBER_MAX) + NUMBER_MAX;
}

/* Write the next line number.  It is counted in decimal in STATE,
   as cat does: far cheaper than formatting a number for every line.  */
static char *
put_number (struct cat_state *st, char *out)
{
  int i = st->ndigits - 1;
  while (i >= 0 && st->digits[i] == '9')
    st->digits[i--] = '0';
  if (i >= 0)
    st->digits[i]++;
  else if (st->ndigits < (int) sizeof st->digits)
    {
      memmove (st->digits + 1, st->digits, (size_t) st->ndigits);
      st->digits[0] = '1';
      st->ndigits++;
    }
  for (int pad = 6 - st->ndigits; pad > 0; pad--)
    *out++ = ' ';
  memcpy (out, st->digits, (size_t) st->ndigits);
  out += st->ndigits;
  *out++ = '\t';
  return out;
}

/* Write the byte C as -v shows it.  */
static char *
put_visible (struct cat_style const *s, unsigned char c, char *out)
{
  if (c == '\t')
    {
      if (s->show_tabs)
        {
          *out++ = '^';
          *out++ = 'I';
        }
      else
        *out++ = '\t';
      return out;
    }
  if (!s->show_nonprinting)
    {
      *out++ = (char) c;
      return out;
    }
  if (c >= 128)
    {
      *out++ = 'M';
      *out++ = '-';
      c -= 128;
    }
  if (c < 32)
    {
      *out++ = '^';
      *out++ = (char) (c + 64);
    }
  else if (c == 127)
    {
      *out++ = '^';
      *out++ = '?';
    }
  else
    *out++ = (char) c;
  return out;
}

/* -E shows the CR of a CR LF as ^M.  Write the CR held back, now that
   it is known whether the next byte, C, is a newline.  */
static char *
put_cr (struct cat_state *st, bool before_newline, char *out)
{
  st->pending_cr = false;
  if (before_newline)
    {
      *out++ = '^';
      *out++ = 'M';
    }
  else
    *out++ = '\r';
  return out;
}

size_t
cat_format (struct cat_style const *s, struct cat_state *st,
            unsigned char const *in, size_t n, char *out)
{
  char *start = out;
  bool number_all = s->number && !s->number_nonblank;
  bool plain = !s->show_tabs && !s->show_nonprinting;

  if (n > 0 && st->pending_cr)
    out = put_cr (st, in[0] == '\n', out);
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = in[i];
      if (plain && c != '\n' && st->mid_line)
        {
          /* The rest of the line is copied as it is, but for a CR
             before the newline under -E.  */
          unsigned char const *nl = memchr (in + i, '\n', n - i);
          size_t len = (nl ? (size_t) (nl - in) : n) - i;
          bool cr = s->show_ends && in[i + len - 1] == '\r';
          memcpy (out, in + i, len - cr);
          out += len - cr;
          i += len - 1;
          if (cr)
            {
              if (nl)
                out = put_cr (st, true, out);
              else
                st->pending_cr = true;
            }
          continue;
        }
      if (c == '\n')
        {
          if (!st->mid_line)
            {
              /* An empty line.  */
              st->empty_lines++;
              if (s->squeeze_blank && st->empty_lines > 1)
                continue;
              if (number_all)
                out = put_number (st, out);
            }
          else
            st->empty_lines = 0;
          if (s->show_ends)
            *out++ = '$';
          *out++ = '\n';
          st->mid_line = false;
          continue;
        }
      if (!st->mid_line)
        {
          if (number_all || s->number_nonblank)
            out = put_number (st, out);
          st->mid_line = true;
        }
      if (c == '\r' && s->show_ends && !s->show_nonprinting)
        {
          if (i + 1 < n)
            out = put_cr (st, in[i + 1] == '\n', out);
          else
            st->pending_cr = true;
          continue;
        }
      out = put_visible (s, c, out);
    }
  return (size_t) (out - start);
}

size_t
cat_format_end (struct cat_state *st, char *out)
{
  return st->pending_cr ? (size_t) (put_cr (st, false, out) - out) : 0;
}
