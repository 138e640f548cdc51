/* grep-output.c -- mmgrep's output: colors, separators, numbers.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cli.h"
#include "grep-output.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "intprops.h"
#include "grep.h"
#include "xalloc.h"

/* GNU grep's defaults.  */
struct grep_colors colors =
  {
    .selected_match = "01;31", .context_match = "01;31",
    .selected_line = "", .context_line = "",
    .filename = "35", .line_number = "32", .byte_offset = "32",
    .separator = "36", .reverse = false, .no_erase = false
  };

void
output_parse_colors (void)
{
  char const *old = getenv ("GREP_COLOR");
  if (old && *old)
    {
      error (0, 0, _("warning: GREP_COLOR='%s' is deprecated;"
             " use GREP_COLORS='mt=%s'"), old, old);
      colors.selected_match = colors.context_match = old;
    }
  char const *env = getenv ("GREP_COLORS");
  if (!env || !*env)
    return;
  /* name=value:name:...; a malformed entry ends the parse, as in
     grep.  The values stay in S, for the life of the program.  */
  static char *s;
  s = xstrdup (env);
  for (char *item = s; item && *item;)
    {
      char *next = strchr (item, ':');
      if (next)
        *next++ = '\0';
      char *val = strchr (item, '=');
      if (val)
        *val++ = '\0';
      if (val && strspn (val, "0123456789;") != strlen (val))
        break;
      struct { char const *name; char const **cap; } const caps[] =
        {
          { "ms", &colors.selected_match }, { "mc", &colors.context_match },
          { "sl", &colors.selected_line }, { "cx", &colors.context_line },
          { "fn", &colors.filename }, { "ln", &colors.line_number },
          { "bn", &colors.byte_offset }, { "se", &colors.separator },
        };
      bool known = false;
      if (strcmp (item, "mt") == 0 && val)
        {
          colors.selected_match = colors.context_match = val;
          known = true;
        }
      for (size_t i = 0; !known && i < sizeof caps / sizeof caps[0]; i++)
        if (strcmp (item, caps[i].name) == 0 && val)
          {
            *caps[i].cap = val;
            known = true;
          }
      if (!known && !val)
        {
          if (strcmp (item, "rv") == 0)
            colors.reverse = true;
          else if (strcmp (item, "ne") == 0)
            colors.no_erase = true;
        }
      item = next;
    }
}

bool
output_color_auto (void)
{
  char const *t = getenv ("TERM");
  return isatty (STDOUT_FILENO) && t && strcmp (t, "dumb") != 0;
}

void
output_sgr_start (char const *cap)
{
  if (*cap)
    printf ("\33[%sm%s", cap, colors.no_erase ? "" : "\33[K");
}

void
output_sgr_end (char const *cap)
{
  if (*cap)
    fputs (colors.no_erase ? "\33[m" : "\33[m\33[K", stdout);
}

void
output_bytes (char const *p, size_t n)
{
  fwrite (p, 1, n, stdout);
}

void
output_char (char c)
{
  putchar (c);
}

void
output_filename (char const *name)
{
  if (opt.color)
    output_sgr_start (colors.filename);
  fputs (name, stdout);
  if (opt.color)
    output_sgr_end (colors.filename);
}

void
output_sep (char sep)
{
  if (opt.color)
    output_sgr_start (colors.separator);
  putchar (sep);
  if (opt.color)
    output_sgr_end (colors.separator);
}

void
output_number (intmax_t number, int width, char const *cap)
{
  if (opt.color)
    output_sgr_start (cap);
  /* Not printf: -n prints a number per line.  */
  char digits[INT_BUFSIZE_BOUND (intmax_t) + 1];
  char *end = digits + sizeof digits, *p = end;
  uintmax_t u = number < 0 ? - (uintmax_t) number : (uintmax_t) number;
  do
    *--p = '0' + u % 10;
  while ((u /= 10) != 0);
  if (number < 0)
    *--p = '-';
  for (int pad = width - (end - p); pad > 0; pad--)
    output_char (' ');
  output_bytes (p, end - p);
  if (opt.color)
    output_sgr_end (cap);
}

void
output_line_done (void)
{
  if (opt.line_buffered)
    fflush (stdout);
  /* Say what went wrong, once: close_stdout would say it again.  */
  if (ferror (stdout))
    {
      int e = errno;
      error (0, e, _("write error"));
      _exit (EXIT_TROUBLE);
    }
}
