/* engine-fixed.c -- -F: fixed strings.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   One string, matched case-sensitively, is searched with memmem over
   the whole buffer (the library's fast search can take its place).
   Anything else (several strings, -i) becomes a list of escaped basic
   regular expressions for the DFA of engine-regex.c, which handles
   thousands of alternatives in one pass.  */

#include <config.h>

#include "matcher.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct fixed_comp
{
  /* Set when the regex engine does the work.  */
  void *regex;
  /* Otherwise the one string.  */
  char *str;
  size_t len;
  bool words, lines;
  char eol;
};

/* PATTERNS as basic regular expressions matching them literally.  */
static char *
escape_patterns (char const *patterns, size_t size, size_t *outlen)
{
  char *out = xnmalloc (size + 1, 2);
  size_t n = 0;
  for (size_t i = 0; i < size; i++)
    {
      char c = patterns[i];
      if (strchr ("\\[].*^$", c) && c != '\0')
        out[n++] = '\\';
      out[n++] = c;
    }
  *outlen = n;
  return out;
}

static void *
fixed_compile (char const *patterns, size_t size, int flags)
{
  struct fixed_comp *fc = xzalloc (sizeof *fc);
  fc->eol = flags & MATCHER_NUL_EOL ? '\0' : '\n';
  fc->lines = (flags & MATCHER_LINES) != 0;
  fc->words = (flags & MATCHER_WORDS) && !fc->lines;
  if ((flags & MATCHER_ICASE) || memchr (patterns, '\n', size)
      || memchr (patterns, fc->eol, size))
    {
      size_t len;
      char *re = escape_patterns (patterns, size, &len);
      fc->regex = engine_regex_bre.compile (re, len, flags);
      free (re);
      return fc;
    }
  fc->str = xmemdup (patterns, size + 1);
  fc->len = size;
  return fc;
}

/* Whether the occurrence at M (FC->len bytes) in the line BEG..END
   (END at its end-of-line byte) satisfies -w and -x.  */
static bool
fixed_fits (struct fixed_comp const *fc, char const *beg, char const *end,
            char const *m)
{
  if (fc->lines)
    return m == beg && m + fc->len == end;
  if (fc->words)
    return !matcher_wordchar_before (beg, m)
           && !matcher_wordchar_at (m + fc->len, end);
  return true;
}

static ptrdiff_t
fixed_execute (void *compiled, char *buf, size_t size, size_t *match_size,
               char const *start)
{
  struct fixed_comp *fc = compiled;
  if (fc->regex)
    return engine_regex_bre.execute (fc->regex, buf, size, match_size,
                                     start);
  char const *lim = buf + size;
  char const *p = start ? start : buf;
  /* The end of the line: START's line, or the whole buffer.  */
  char const *stop = start ? lim - 1 : lim;
  while (start ? p <= stop : p < lim)
    {
      char const *m = memmem (p, stop - p, fc->str, fc->len);
      if (!m)
        return -1;
      char const *beg = memrchr (buf, fc->eol, m - buf);
      beg = beg ? beg + 1 : buf;
      char const *end = memchr (m, fc->eol, lim - m);
      if (!end)
        end = lim - 1;
      if (m + fc->len <= end && fixed_fits (fc, beg, end, m))
        {
          if (start)
            {
              *match_size = fc->len;
              return m - buf;
            }
          *match_size = end + 1 - beg;
          return beg - buf;
        }
      /* Not here; -x: go to the next line, else one character on.  */
      if (fc->lines && !start)
        p = end + 1;
      else
        p = m + matcher_charlen (m, lim);
    }
  return -1;
}

static void
fixed_free (void *compiled)
{
  struct fixed_comp *fc = compiled;
  if (!fc)
    return;
  if (fc->regex)
    engine_regex_bre.free (fc->regex);
  free (fc->str);
  free (fc);
}

struct matcher_engine const engine_fixed =
  { fixed_compile, fixed_execute, fixed_free };
