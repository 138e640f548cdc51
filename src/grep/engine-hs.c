/* engine-hs.c -- Hyperscan as the first pass of -G and -E: GNU regular
   expressions translated into Hyperscan's syntax, and the search for
   the first line with a match.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Each pattern (grep's patterns are separated by newlines) is
   translated (hs-translate.c: how, and what is not taken); the
   database holds one expression per pattern and is scanned in block
   mode over the whole buffer, which stops at the first match.  When
   the translation is a superset (HSX_CHECK_FOUND), engine-regex.c
   checks each line found with the DFA; when it is exact on ASCII
   lines only, the lines with a non-ASCII byte are left to the DFA
   (HSX_CHECK_NON_ASCII).

   For -F, engine-fixed.c has a database of the strings made with
   Hyperscan's literal API (hsx_compile_literals), which reports every
   occurrence, for engine-fixed.c to check for -w and -x.  */

#include <config.h>

#include "engine-hs.h"
#include "matcher.h"

#include <hs.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "hs-translate.h"
#include "xalloc.h"

/* The database, shared by every thread (hs_scan only reads it); the
   prototype scratch that each thread's is cloned from.  */
struct hsx
{
  hs_database_t *db;
  hs_scratch_t *scratch;
};

/* A new struct hsx for DB, compiled, with its prototype scratch.  */
static struct hsx *
hsx_from_db (hs_database_t *db)
{
  struct hsx *h = xzalloc (sizeof *h);
  h->db = db;
  if (hs_alloc_scratch (db, &h->scratch) != HS_SUCCESS)
    xalloc_die ();
  return h;
}

bool
hsx_usable (void)
{
  return hs_valid_platform () == HS_SUCCESS;
}

/* Whether the locale folds each ASCII letter with its ASCII
   counterpart only, as HS_FLAG_CASELESS does.  Not in Turkish: there
   "i" has the capital U+0130 and "I" the small U+0131, so -i must not
   match "i" with "I".  (Letters outside ASCII that fold to ASCII ones,
   as U+017F to "s", are hs-translate's ascii_lines.)  */
static bool
ascii_fold_is_locale (void)
{
  for (wint_t c = L'a'; c <= L'z'; c++)
    if (towupper (c) != c - L'a' + L'A' || towlower (c - L'a' + L'A') != c)
      return false;
  return true;
}

char const *
hsx_version (void)
{
  /* hs_version () is "5.4.0 2023-01-25": the number only.  */
  static char v[32];
  char const *s = hs_version ();
  size_t n = strcspn (s, " ");
  if (sizeof v <= n)
    n = sizeof v - 1;
  memcpy (v, s, n);
  v[n] = '\0';
  return v;
}

/* Beyond these many patterns or bytes of patterns, leave them to the
   DFA (measured: 1,000 patterns like w[0-9]N(x)? took Hyperscan 1.6 s
   and 79 MB, the DFA 0.1 s; 20,000 took 16 s and 821 MB).  */
enum { HSX_MAX_PATTERNS = 256, HSX_MAX_SIZE = 16 * 1024 };

/* Beyond these many copies that the patterns' intervals add, leave
   them to the DFA (hs_translate: four patterns like "a{64}b*a{64}"
   took Hyperscan 0.3 s; one pattern may add HS_REPEAT_COPIES_MAX).  */
enum { HSX_MAX_REPEATS = 2 * HS_REPEAT_COPIES_MAX };

struct hsx *
hsx_compile (char const *patterns, size_t size, int flags, bool bre,
             bool utf8, bool simple, int *check)
{
  if ((flags & MATCHER_NUL_EOL) || !(utf8 || simple) || !hsx_usable ()
      || ((flags & MATCHER_ICASE) && !ascii_fold_is_locale ()))
    return NULL;
  bool lines = (flags & MATCHER_LINES) != 0;
  bool words = (flags & MATCHER_WORDS) && !lines;
  unsigned int hsflags = HS_FLAG_MULTILINE;
  if (flags & MATCHER_ICASE)
    hsflags |= HS_FLAG_CASELESS;

  size_t n = 1;
  for (size_t i = 0; i < size; i++)
    n += patterns[i] == '\n';
  /* Hyperscan's compile time and database grow faster than the
     patterns: with thousands of them it takes seconds and hundreds of
     MiB where the DFA, built lazily as grep's, takes a fraction.  */
  if (n > HSX_MAX_PATTERNS || size > HSX_MAX_SIZE)
    return NULL;
  char **exprs = xnmalloc (n, sizeof *exprs);
  unsigned int *eflags = xnmalloc (n, sizeof *eflags);
  unsigned int *ids = xnmalloc (n, sizeof *ids);
  size_t nexprs = 0;
  bool ok = true, superset = words, ascii_lines = false;
  /* The copies the patterns' intervals add (hs_translate).  */
  size_t repeats = 0;
  char const *lim = patterns + size;
  for (char const *p = patterns; ok && p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      char *expr = hs_translate (p, end, bre, utf8,
                                 (flags & MATCHER_ICASE) != 0, lines,
                                 &superset, &ascii_lines, &repeats);
      if (expr && repeats > HSX_MAX_REPEATS)
        {
          free (expr);
          expr = NULL;
        }
      ok = expr != NULL;
      if (ok)
        {
          exprs[nexprs] = expr;
          eflags[nexprs] = hsflags;
          ids[nexprs] = nexprs;
          nexprs++;
          /* Hyperscan finds no empty match: leave these to the DFA.  */
          hs_expr_info_t *info;
          hs_compile_error_t *err;
          if (hs_expression_info (expr, hsflags, &info, &err)
              != HS_SUCCESS)
            {
              hs_free_compile_error (err);
              ok = false;
            }
          else
            {
              ok = info->min_width > 0;
              free (info);
            }
        }
      p = end + 1;
    }

  struct hsx *h = NULL;
  if (ok)
    {
      hs_database_t *db;
      hs_compile_error_t *err;
      if (hs_compile_multi ((char const *const *) exprs, eflags, ids,
                            nexprs, HS_MODE_BLOCK, NULL, &db, &err)
          != HS_SUCCESS)
        hs_free_compile_error (err);
      else
        {
          h = hsx_from_db (db);
          *check = ((superset ? HSX_CHECK_FOUND : 0)
                    | (ascii_lines ? HSX_CHECK_NON_ASCII : 0));
        }
    }
  for (size_t i = 0; i < nexprs; i++)
    free (exprs[i]);
  free (exprs);
  free (eflags);
  free (ids);
  return h;
}

static int
on_match (unsigned int id, unsigned long long from, unsigned long long to,
          unsigned int flags, void *context)
{
  *(unsigned long long *) context = to;
  return 1;
}

hs_scratch_t *
hsx_scratch_new (struct hsx const *h)
{
  hs_scratch_t *s;
  if (hs_clone_scratch (h->scratch, &s) != HS_SUCCESS)
    xalloc_die ();
  return s;
}

void
hsx_scratch_free (hs_scratch_t *s)
{
  hs_free_scratch (s);
}

ptrdiff_t
hsx_first_match_end (struct hsx const *h, hs_scratch_t *scratch,
                     char const *buf, size_t size)
{
  if (size > UINT_MAX)
    return -1;
  unsigned long long to = 0;
  hs_error_t e = hs_scan (h->db, buf, size, 0, scratch, on_match, &to);
  if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
    xalloc_die ();
  return to;
}

/* Beyond these many strings or bytes of strings, leave -F to the
   automaton.  Hyperscan's literal matcher (Teddy for a few strings,
   FDR for more) compiles 1,000 identifiers in 0.02 s of CPU and 12 MB,
   10,000 in 0.2 s and 41 MB, 20,000 in 0.6 s and 71 MB (GNU grep:
   24 MB, and 0.3 s for its whole search of a small file: too slow for
   patterns.exp's bounds), and then searches 4 times as fast as the
   automaton; its compile time and memory grow with the set.  */
enum { HSX_LIT_MAX_STRINGS = 10000, HSX_LIT_MAX_SIZE = 256 * 1024 };

struct hsx *
hsx_compile_literals (char const *strings, size_t size, bool icase)
{
  if (!hsx_usable () || (icase && !ascii_fold_is_locale ())
      || size > HSX_LIT_MAX_SIZE)
    return NULL;
  size_t n = 1;
  for (size_t i = 0; i < size; i++)
    n += strings[i] == '\n';
  if (n > HSX_LIT_MAX_STRINGS)
    return NULL;
  char const **exprs = xnmalloc (n, sizeof *exprs);
  size_t *lens = xnmalloc (n, sizeof *lens);
  unsigned int *eflags = xnmalloc (n, sizeof *eflags);
  unsigned int *ids = xnmalloc (n, sizeof *ids);
  size_t k = 0;
  char const *lim = strings + size;
  for (char const *p = strings; p <= lim; k++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      exprs[k] = p;
      lens[k] = end - p;
      eflags[k] = icase ? HS_FLAG_CASELESS : 0;
      ids[k] = k;
      p = end + 1;
    }
  struct hsx *h = NULL;
  hs_database_t *db;
  hs_compile_error_t *err;
  if (hs_compile_lit_multi (exprs, eflags, ids, lens, k, HS_MODE_BLOCK,
                            NULL, &db, &err)
      != HS_SUCCESS)
    hs_free_compile_error (err);
  else
    h = hsx_from_db (db);
  free (exprs);
  free (lens);
  free (eflags);
  free (ids);
  return h;
}

struct lit_context
{
  int (*report) (unsigned int, size_t, void *);
  void *context;
  size_t base;
};

static int
on_lit_match (unsigned int id, unsigned long long from,
              unsigned long long to, unsigned int flags, void *context)
{
  struct lit_context *lc = context;
  return lc->report (id, lc->base + to, lc->context);
}

/* The most one hs_scan takes (its length is an unsigned int).  */
enum { HSX_SCAN_MAX = 1 << 30 };

bool
hsx_scan_literals (struct hsx const *h, hs_scratch_t *scratch,
                   char const *buf, size_t size, size_t overlap,
                   int (*report) (unsigned int, size_t, void *),
                   void *context)
{
  struct lit_context lc = { report, context, 0 };
  for (;;)
    {
      size_t n = size - lc.base < HSX_SCAN_MAX ? size - lc.base : HSX_SCAN_MAX;
      hs_error_t e = hs_scan (h->db, buf + lc.base, n, 0, scratch,
                              on_lit_match, &lc);
      if (e == HS_SCAN_TERMINATED)
        return true;
      if (e != HS_SUCCESS)
        xalloc_die ();
      if (lc.base + n == size)
        return false;
      /* The next piece starts early enough for a string that would
         straddle the two.  */
      lc.base += n - overlap;
    }
}

void
hsx_free (struct hsx *h)
{
  if (!h)
    return;
  hs_free_scratch (h->scratch);
  hs_free_database (h->db);
  free (h);
}
