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
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
# include <stdio_ext.h>
#endif

#include "c-ctype.h"
#include "error.h"
#include "grep.h"
/* Unlocked stdio: each thread has its own stream (stdout is the
   main thread's alone), so the locks would only cost time.  */
#include "unlocked-io.h"
#include "xalloc.h"

void
output_sink_init (struct grep_sink *out)
{
  out->stream = stdout;
  out->used = false;
  out->capture = NULL;
  out->hold = NULL;
}

/* How much output may be held: beyond it, what was held is thrown
   away, and the slice printed the usual way.  */
enum { HOLD_MAX = 8 * 1024 * 1024 };

/* The held output is the buffer of a stream of glibc's (fopencookie),
   of HOLD_MAX bytes: what is printed is copied there once, as into
   stdout's buffer, and written with one call when it is put out
   (output_hold_commit flushes it), or dropped (__fpurge).  The stream
   writes only then, or when the buffer is full: too much (OVER).
   Elsewhere nothing is held.  */
#ifdef __GLIBC__
static ssize_t
hold_write (void *cookie, char const *p, size_t n)
{
  struct output_hold *h = cookie;
  if (h->committing)
    fwrite (p, 1, n, h->real);
  else
    h->over = true;
  return n;
}
#endif

void
output_sink_free (struct grep_sink *out)
{
  struct output_hold *h = out->hold;
  if (h)
    {
      if (h->real)
        output_hold_discard (out);
      fclose (h->stream);
      free (h->buf);
      free (h);
      out->hold = NULL;
    }
}

bool
output_hold_begin (struct grep_sink *out)
{
#ifdef __GLIBC__
  struct output_hold *h = out->hold;
  if (!h)
    {
      h = xzalloc (sizeof *h);
      h->buf = malloc (HOLD_MAX);
      cookie_io_functions_t io = { .write = hold_write };
      h->stream = h->buf ? fopencookie (h, "w", io) : NULL;
      if (!h->stream || setvbuf (h->stream, h->buf, _IOFBF, HOLD_MAX) != 0)
        {
          if (h->stream)
            fclose (h->stream);
          free (h->buf);
          free (h);
          return false;
        }
      /* Only this thread uses it.  */
      __fsetlocking (h->stream, FSETLOCKING_BYCALLER);
      out->hold = h;
    }
  h->real = out->stream;
  h->over = false;
  h->lines = 0;
  out->stream = h->stream;
  return true;
#else
  (void) out;
  return false;
#endif
}

bool
output_hold_over (struct grep_sink const *out)
{
  return out->hold->over;
}

/* Stdout has failed: say it, once (close_stdout would say it again),
   and exit.  */
static void
check_stdout (void)
{
  if (ferror (stdout))
    {
      int e = errno;
      error (0, e, _("write error"));
      _exit (EXIT_TROUBLE);
    }
}

void
output_hold_commit (struct grep_sink *out)
{
  struct output_hold *h = out->hold;
  h->committing = true;
  fflush (h->stream);
  h->committing = false;
  out->stream = h->real;
  h->real = NULL;
  /* What output_line_done left for the lines held: in a worker, see
     whether the output kept is too much; otherwise whether stdout
     failed.  */
  if (h->lines)
    {
      struct output_capture *c = out->capture;
      if (!c)
        check_stdout ();
      else if (c->overflow
               && (c->lines + h->lines) / 1024 != c->lines / 1024)
        {
          c->lines += h->lines;
          c->overflow (c, c->overflow_arg);
        }
      else
        c->lines += h->lines;
      h->lines = 0;
    }
}

void
output_hold_discard (struct grep_sink *out)
{
  struct output_hold *h = out->hold;
#ifdef __GLIBC__
  __fpurge (h->stream);
#endif
  out->stream = h->real;
  h->real = NULL;
}

/* GNU grep's defaults.  */
struct grep_colors colors =
  {
    .selected_match = "01;31", .context_match = "01;31",
    .selected_line = "", .context_line = "",
    .filename = "35", .line_number = "32", .byte_offset = "32",
    .separator = "36", .reverse = false, .no_erase = false
  };

/* Set the capability NAME of GREP_COLORS to VAL (NULL: none given),
   as grep does: a capability with a value takes it; mt sets ms and mc
   (without a value, mc takes ms's); rv and ne are flags, whatever
   follows them; others are ignored.  */
static void
set_color_cap (char const *name, char const *val)
{
  static struct { char const *name; char const **cap; } const caps[] =
    {
      { "mt", &colors.selected_match },
      { "ms", &colors.selected_match }, { "mc", &colors.context_match },
      { "sl", &colors.selected_line }, { "cx", &colors.context_line },
      { "fn", &colors.filename }, { "ln", &colors.line_number },
      { "bn", &colors.byte_offset }, { "se", &colors.separator },
    };
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
    if (strcmp (name, caps[i].name) == 0)
      {
        if (val)
          *caps[i].cap = val;
        if (i == 0)
          colors.context_match = colors.selected_match;
        return;
      }
  if (strcmp (name, "rv") == 0)
    colors.reverse = true;
  else if (strcmp (name, "ne") == 0)
    colors.no_erase = true;
}

void
output_parse_colors (void)
{
  /* The obsolescent GREP_COLOR, when it is an SGR sequence only.  */
  char const *old = getenv ("GREP_COLOR");
  if (old && *old && strspn (old, "0123456789;") == strlen (old))
    colors.selected_match = colors.context_match = old;

  /* GREP_COLORS comes first: name=value:name:..., where a malformed
     entry ends the parse (those before it count), as in grep.  The
     values stay in COLORS.env_copy.  */
  char const *env = getenv ("GREP_COLORS");
  if (env && *env)
    {
      char *s = colors.env_copy = xstrdup (env);
      char *q = s, *name = s, *val = NULL;
      for (;;)
        {
          char c = *q;
          if (c == ':' || c == '\0')
            {
              *q++ = '\0';
              set_color_cap (name, val);
              if (c == '\0')
                break;
              name = q;
              val = NULL;
            }
          else if (c == '=')
            {
              if (q == name || val)
                break;
              *q++ = '\0';
              val = q;
            }
          else if (!val || c == ';' || c_isdigit (c))
            q++;
          else
            break;
        }
    }

  /* As in grep 3.8: a warning only when GREP_COLOR is still in effect
     for the selected or the context matches.  */
  if (old && (colors.selected_match == old || colors.context_match == old))
    error (0, 0, _("warning: GREP_COLOR='%s' is deprecated;"
                   " use GREP_COLORS='mt=%s'"), old, old);
}

bool
output_color_auto (void)
{
  char const *t = getenv ("TERM");
  return isatty (STDOUT_FILENO) && t && strcmp (t, "dumb") != 0;
}

void
output_sgr_start (struct grep_sink *out, char const *cap)
{
  if (*cap)
    fprintf (out->stream, "\33[%sm%s", cap,
             colors.no_erase ? "" : "\33[K");
}

void
output_sgr_end (struct grep_sink *out, char const *cap)
{
  if (*cap)
    fputs (colors.no_erase ? "\33[m" : "\33[m\33[K", out->stream);
}

void
output_bytes (struct grep_sink *out, char const *p, size_t n)
{
  fwrite (p, 1, n, out->stream);
}

void
output_char (struct grep_sink *out, char c)
{
  putc (c, out->stream);
}

void
output_filename (struct grep_sink *out, char const *name)
{
  if (opt.color)
    output_sgr_start (out, colors.filename);
  fputs (name, out->stream);
  if (opt.color)
    output_sgr_end (out, colors.filename);
}

void
output_sep (struct grep_sink *out, char sep)
{
  if (opt.color)
    output_sgr_start (out, colors.separator);
  putc (sep, out->stream);
  if (opt.color)
    output_sgr_end (out, colors.separator);
}

void
output_number (struct grep_sink *out, intmax_t number, int width,
               char const *cap)
{
  if (opt.color)
    output_sgr_start (out, cap);
  /* Not printf: -n prints a number per line.  */
  char digits[sizeof (intmax_t) * CHAR_BIT / 3 + 3];
  char *end = digits + sizeof digits, *p = end;
  uintmax_t u = number < 0 ? - (uintmax_t) number : (uintmax_t) number;
  do
    *--p = '0' + u % 10;
  while ((u /= 10) != 0);
  if (number < 0)
    *--p = '-';
  for (int pad = width - (end - p); pad > 0; pad--)
    output_char (out, ' ');
  output_bytes (out, p, end - p);
  if (opt.color)
    output_sgr_end (out, cap);
}

void
output_line_done (struct grep_sink *out)
{
  /* Held: put out, or not, later (output_hold_commit).  */
  if (out->hold && out->hold->real)
    {
      out->hold->lines++;
      return;
    }
  if (out->capture)
    {
      /* Kept in memory: see now and then whether it is too much.  */
      if (out->capture->overflow && ++out->capture->lines % 1024 == 0)
        out->capture->overflow (out->capture, out->capture->overflow_arg);
      return;
    }
  if (opt.line_buffered)
    fflush (stdout);
  check_stdout ();
}

/* Note an event at the current end of the kept output.  */
static void
capture_event (struct output_capture *c, char *text)
{
  if (c->nevents == c->eventalloc)
    c->events = x2nrealloc (c->events, &c->eventalloc, sizeof *c->events);
  c->events[c->nevents].at = ftello (c->stream);
  c->events[c->nevents].text = text;
  c->nevents++;
}

void
output_group_separator (struct grep_sink *out)
{
  if (!out->used)
    {
      /* In a worker, the files before may have printed a group: the
         main thread decides.  */
      if (out->capture)
        capture_event (out->capture, NULL);
      return;
    }
  if (opt.color)
    output_sgr_start (out, colors.separator);
  fputs (opt.group_separator, out->stream);
  if (opt.color)
    output_sgr_end (out, colors.separator);
  output_char (out, '\n');
  output_line_done (out);
}

void
output_error (struct grep_sink *out, int errnum, char const *format, ...)
{
  va_list ap;
  va_start (ap, format);
  int n = vsnprintf (NULL, 0, format, ap);
  va_end (ap);
  if (n < 0)
    xalloc_die ();
  char const *err = errnum ? strerror (errnum) : NULL;
  char *text = xmalloc (n + (err ? 2 + strlen (err) : 0) + 1);
  va_start (ap, format);
  vsnprintf (text, n + 1, format, ap);
  va_end (ap);
  if (err)
    {
      memcpy (text + n, ": ", 2);
      strcpy (text + n + 2, err);
    }
  if (out->capture)
    capture_event (out->capture, text);
  else
    {
      /* As error (0, ERRNUM, ...) prints it, stdout flushed first.  */
      error (0, 0, "%s", text);
      free (text);
    }
}
