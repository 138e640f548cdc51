/* matcher.c -- choose an engine and run it (see matcher.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "matcher.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <wchar.h>
#include <wctype.h>

#include "error.h"
#include "xalloc.h"

/* The compiled patterns, shared by every thread.  */
struct matcher
{
  struct matcher_engine const *engine;
  void *compiled;
};

/* One thread's.  */
struct matcher_scratch
{
  struct matcher_engine const *engine;
  void *engine_scratch;
};

bool matcher_multibyte;
bool matcher_unsync;
bool matcher_no_warnings;

/* matcher_compile's origins, while it compiles.  */
static struct matcher_origin const *origins;
static size_t norigins;

/* Whether the locale's encoding is UTF-8: U+0100 is "\xc4\x80".  */
static bool
locale_is_utf8 (void)
{
  mbstate_t st = { 0 };
  wchar_t wc;
  return mbrtowc (&wc, "\xc4\x80", 2, &st) == 2 && wc == 0x100;
}

struct matcher *
matcher_compile (char const *patterns, size_t size,
                 enum matcher_syntax syntax, int flags,
                 struct matcher_origin const *o, size_t no)
{
  struct matcher *m = xmalloc (sizeof *m);
  matcher_multibyte = MB_CUR_MAX > 1;
  matcher_unsync = matcher_multibyte && !locale_is_utf8 ();
  switch (syntax)
    {
    case MATCHER_BRE: m->engine = &engine_regex_bre; break;
    case MATCHER_ERE: m->engine = &engine_regex_ere; break;
    case MATCHER_FIXED: m->engine = &engine_fixed; break;
    default: m->engine = &engine_pcre; break;
    }
  origins = o;
  norigins = no;
  m->compiled = m->engine->compile (patterns, size, flags);
  origins = NULL;
  norigins = 0;
  /* The patterns warned once: the threads' scratches, which parse
     them again (the DFA), do not.  */
  matcher_no_warnings = true;
  return m;
}

void
matcher_pattern_error (size_t index, char const *msg)
{
  size_t i = 0;
  while (i + 1 < norigins && origins[i + 1].first <= index)
    i++;
  if (i < norigins && *origins[i].file)
    error (0, 0, "%s:%zu: %s", origins[i].file,
           index - origins[i].first + origins[i].line, msg);
  else
    error (0, 0, "%s", msg);
}

struct matcher_scratch *
matcher_scratch_new (struct matcher const *m)
{
  struct matcher_scratch *s = xmalloc (sizeof *s);
  s->engine = m->engine;
  s->engine_scratch = m->engine->scratch_new (m->compiled);
  return s;
}

void
matcher_scratch_free (struct matcher_scratch *s)
{
  if (s)
    {
      s->engine->scratch_free (s->engine_scratch);
      free (s);
    }
}

ptrdiff_t
matcher_execute (struct matcher const *m, struct matcher_scratch *s,
                 char *buf, size_t size, size_t *match_size,
                 char const *start)
{
  return m->engine->execute (m->compiled, s->engine_scratch, buf, size,
                             match_size, start);
}

char *
matcher_error (struct matcher_scratch *s, char const *name)
{
  return s->engine->error (s->engine_scratch, name);
}

void
matcher_free (struct matcher *m)
{
  if (m)
    {
      m->engine->free (m->compiled);
      free (m);
    }
}

char *
matcher_line (char const *from, char const *p, char const *lim, char eol,
              char **next)
{
  char const *end = memchr (p, eol, lim - p);
  *next = (char *) (end ? end + 1 : lim);
  char const *beg = p > from ? memrchr (from, eol, p - from) : NULL;
  return (char *) (beg ? beg + 1 : from);
}

size_t
matcher_charlen (char const *p, char const *lim)
{
  if (!matcher_multibyte || p >= lim)
    return 1;
  mbstate_t st = { 0 };
  size_t n = mbrlen (p, lim - p, &st);
  return n == 0 || n > (size_t) (lim - p) ? 1 : n;
}

static bool
wordchar_wide (wint_t wc)
{
  return wc == L'_' || iswalnum (wc);
}

bool
matcher_wordchar_at (char const *p, char const *lim)
{
  if (p >= lim)
    return false;
  if (!matcher_multibyte)
    {
      unsigned char c = *p;
      return c == '_' || isalnum (c);
    }
  mbstate_t st = { 0 };
  wchar_t wc;
  size_t n = mbrtowc (&wc, p, lim - p, &st);
  if (n > (size_t) (lim - p))
    return false;
  return wordchar_wide (wc);
}

/* In an unsynchronized locale: the start of the last character that
   starts before P, walking from BEG, a character start, as grep does
   (an encoding error counts as a one-byte character); set *AT to
   whether a character starts at P.  LIM bounds the decoding.  */
static char const *
last_char_start (char const *beg, char const *p, char const *lim, bool *at)
{
  char const *q = beg;
  char const *last = NULL;
  mbstate_t st = { 0 };
  while (q < p)
    {
      size_t n = 1;
      if ((unsigned char) *q >= 0x80)
        {
          n = mbrlen (q, lim - q, &st);
          if (n == 0 || n > (size_t) (lim - q))
            {
              n = 1;
              memset (&st, 0, sizeof st);
            }
        }
      last = q;
      q += n;
    }
  *at = q == p;
  return last;
}

bool
matcher_wordchar_before (char const *beg, char const *p, char const *lim)
{
  if (p <= beg)
    return false;
  if (!matcher_multibyte)
    {
      unsigned char c = p[-1];
      return c == '_' || isalnum (c);
    }
  if (matcher_unsync)
    {
      /* A byte inside a character may look like a character of its
         own: find where the one that holds P[-1] starts.  */
      bool at;
      return matcher_wordchar_at (last_char_start (beg, p, lim, &at), lim);
    }
  /* Back up to the start of the character that ends at P: at most
     MB_CUR_MAX bytes, trying the longest first.  */
  size_t max = MB_CUR_MAX;
  for (size_t back = p - beg < (ptrdiff_t) max ? (size_t) (p - beg) : max;
       back > 0; back--)
    {
      mbstate_t st = { 0 };
      wchar_t wc;
      size_t n = mbrtowc (&wc, p - back, back, &st);
      if (n == back)
        return wordchar_wide (wc);
    }
  return false;
}

bool
matcher_char_starts (char const *beg, char const *m, char const *lim)
{
  if (!matcher_unsync)
    return true;
  bool at;
  last_char_start (beg, m, lim, &at);
  return at;
}
