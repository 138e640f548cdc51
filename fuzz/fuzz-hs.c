/* fuzz-hs.c -- the translation of GNU regular expressions for
   Hyperscan, checked against GNU regex.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input is fuzz-engines' (its corpus serves as seeds): one byte of
   options, the patterns up to the first NUL (newlines separate them),
   then the text.  Options: bits 0-1 the syntax (1: -E, else -G), bit
   2 -i, bit 4 -x, bit 5 C.UTF-8 rather than C; the others are ignored
   (-w is the matcher's business, not the translation's).

   Each pattern goes through hs_translate and is compiled with
   Hyperscan as engine-hs.c compiles it, but alone, without the DFA
   that decides most lines in mmgrep and so would hide a wrong
   translation, and with HS_FLAG_SOM_LEFTMOST, which gives where each
   match starts.  The whole text is scanned at once, and then:
   - no match may cross a line (the translation writes no set holding
     the newline, and its anchors are the multi-line ones);
   - on each line, an exact translation selects the line where GNU
     regex, used as grep 3.8 uses it, does (GNU grep itself has the last
     word, as in fuzz-engines), and a superset (\<, \>) selects at
     least those lines; a translation exact on ASCII lines only is
     checked on those;
   - with one pattern, the leftmost match Hyperscan reports, with its
     longest end, is the leftmost-longest match of GNU regex: the text
     that -o prints (GNU grep -o has the last word; not checked under
     -i with a bracket range: see o_checked below).
   A pattern that hs_translate does not take, that may match the empty
   string, or that Hyperscan refuses, is skipped: mmgrep then uses its
   DFA alone.  So are patterns whose repetitions nest too deep for GNU
   regex to compile them fast (fuzz_ref_too_slow).  */

#include <config.h>

#include <locale.h>
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-ref.h"

#if HAVE_LIBHS
# include <hs.h>
# include "hs-translate.h"

enum { MAX_PATTERN = 48, MAX_TEXT = 400 };

/* The leftmost match found on a line, with its longest end.  */
struct hit
{
  bool found;
  unsigned long long start, end;
};

/* A scan of the text: its lines' starts and what was found on each.  */
struct scan
{
  char const *text;
  size_t nlines;
  size_t *line_start;           /* NLINES + 1 offsets */
  struct hit *hit;
  bool som;                     /* starts are known */
};

/* The line holding byte OFF.  */
static size_t
line_at (struct scan const *s, unsigned long long off)
{
  size_t lo = 0, hi = s->nlines;
  while (hi - lo > 1)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (s->line_start[mid] <= off)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static int
on_match (unsigned int id, unsigned long long from, unsigned long long to,
          unsigned int flags, void *context)
{
  (void) id;
  (void) flags;
  struct scan *s = context;
  if (to == 0)
    FUZZ_FAIL ("Hyperscan reported an empty match at 0");
  if (s->text[to - 1] == '\n')
    FUZZ_FAIL ("a match that holds a newline: it ends at byte %llu", to);
  size_t line = line_at (s, to - 1);
  if (s->som && from < s->line_start[line])
    FUZZ_FAIL ("a match across lines: bytes %llu to %llu, \"%.*s\"",
               from, to, (int) (to - from), s->text + from);
  struct hit *h = &s->hit[line];
  if (!s->som)
    from = s->line_start[line];
  if (!h->found || from < h->start)
    *h = (struct hit) { true, from, to };
  else if (from == h->start && h->end < to)
    h->end = to;
  return 0;
}

/* Compile the NEXPRS translations EXPRS with FLAGS, and with
   HS_FLAG_SOM_LEFTMOST if SOM.  */
static hs_database_t *
compile (char **exprs, size_t nexprs, unsigned int flags, bool som)
{
  unsigned int *eflags = calloc (nexprs, sizeof *eflags);
  unsigned int *ids = calloc (nexprs, sizeof *ids);
  for (size_t i = 0; i < nexprs; i++)
    {
      eflags[i] = flags | (som ? HS_FLAG_SOM_LEFTMOST : 0);
      ids[i] = i;
    }
  hs_database_t *db = NULL;
  hs_compile_error_t *err;
  if (hs_compile_multi ((char const *const *) exprs, eflags, ids, nexprs,
                        HS_MODE_BLOCK, NULL, &db, &err)
      != HS_SUCCESS)
    {
      hs_free_compile_error (err);
      db = NULL;
    }
  free (eflags);
  free (ids);
  return db;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  if (hs_valid_platform () != HS_SUCCESS)
    {
      fputs ("fuzz-hs: Hyperscan does not run on this processor\n", stderr);
      exit (77);
    }
  return 0;
}

/* The translations of the patterns P..LIM; NULL if one is not taken or
   may match the empty string.  */
static char **
translate_all (char const *p, char const *lim, size_t n, bool bre, bool utf8,
               bool icase, bool lines, unsigned int flags, bool *superset,
               bool *ascii_lines)
{
  char **exprs = calloc (n, sizeof *exprs);
  for (size_t k = 0; k < n; k++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      size_t repeats = 0;
      exprs[k] = hs_translate (p, end, bre, utf8, icase, lines, superset,
                               ascii_lines, &repeats);
      hs_expr_info_t *info;
      hs_compile_error_t *err;
      bool ok = exprs[k] != NULL;
      if (ok && hs_expression_info (exprs[k], flags, &info, &err)
          != HS_SUCCESS)
        {
          hs_free_compile_error (err);
          ok = false;
        }
      else if (ok)
        {
          ok = info->min_width > 0;
          free (info);
        }
      if (!ok)
        {
          for (size_t i = 0; i <= k; i++)
            free (exprs[i]);
          free (exprs);
          return NULL;
        }
      p = end + 1;
    }
  return exprs;
}

static bool
has_non_ascii (char const *p, char const *lim)
{
  for (; p < lim; p++)
    if (*p & 0x80)
      return true;
  return false;
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  if (size < 2)
    return 0;
  unsigned int o = data[0];
  bool ere = (o & 3) == 1, icase = o & 4, lines = o & 16, utf8 = o & 32;
  uint8_t const *nul = memchr (data + 1, 0, size - 1);
  if (!nul)
    return 0;
  char const *patterns = (char const *) data + 1;
  size_t patlen = nul - (data + 1);
  size_t textlen = data + size - (nul + 1);
  if (patlen > MAX_PATTERN || textlen > MAX_TEXT)
    return 0;
  if (!setlocale (LC_ALL, utf8 ? "C.UTF-8" : "C"))
    return 0;
  if (utf8 && !(fuzz_valid_utf8 (patterns, patlen)
                && fuzz_valid_utf8 ((char const *) nul + 1, textlen)))
    return 0;
  if (fuzz_ref_too_slow (patterns, patlen, ere ? 'E' : 'G'))
    return 0;

  /* The reference, one regex per pattern.  */
  size_t npats = 1;
  for (size_t i = 0; i < patlen; i++)
    npats += patterns[i] == '\n';
  struct re_pattern_buffer *pats = calloc (npats, sizeof *pats);
  size_t compiled = 0;
  re_set_syntax ((ere ? RE_SYNTAX_EGREP : RE_SYNTAX_GREP)
                 | (icase ? RE_ICASE : 0));
  for (char const *p = patterns, *plim = patterns + patlen;
       compiled < npats; compiled++)
    {
      char const *nl = memchr (p, '\n', plim - p);
      char const *end = nl ? nl : plim;
      size_t qlen;
      char *q = fuzz_ref_pattern (p, end - p, ere ? 'E' : 'G', icase, utf8,
                                  &qlen);
      bool refused = re_compile_pattern (q, qlen, &pats[compiled]) != NULL;
      free (q);
      if (refused)
        break;
      p = end + 1;
    }

  unsigned int flags = HS_FLAG_MULTILINE | (icase ? HS_FLAG_CASELESS : 0);
  bool superset = false, ascii_lines = false;
  char **exprs = NULL;
  if (compiled == npats)
    exprs = translate_all (patterns, patterns + patlen, npats, !ere, utf8,
                           icase, lines, flags, &superset, &ascii_lines);
  bool som = true;
  hs_database_t *db = NULL;
  if (exprs)
    {
      db = compile (exprs, npats, flags, true);
      if (!db)
        {
          som = false;
          db = compile (exprs, npats, flags, false);
        }
    }

  if (getenv ("FUZZ_VERBOSE"))
    fprintf (stderr, "fuzz-hs: %s%s%s (%s) \"%.*s\": %s%s%s%s\n",
             ere ? "-E" : "-G", icase ? " -i" : "", lines ? " -x" : "",
             utf8 ? "C.UTF-8" : "C", (int) patlen, patterns,
             compiled < npats ? "refused by GNU regex"
             : !exprs ? "not translated" : exprs[0],
             exprs && !db ? ", refused by Hyperscan" : "",
             exprs && db && !som ? ", no start of match" : "",
             superset ? ", a superset" : ascii_lines ? ", ASCII lines" : "");

  char *text = malloc (textlen + 2);
  memcpy (text, nul + 1, textlen);
  if (!textlen || text[textlen - 1] != '\n')
    text[textlen++] = '\n';
  struct scan s = { text, 0, NULL, NULL, som };
  for (size_t i = 0; i < textlen; i++)
    s.nlines += text[i] == '\n';
  s.line_start = malloc ((s.nlines + 1) * sizeof *s.line_start);
  s.hit = calloc (s.nlines, sizeof *s.hit);
  s.line_start[0] = 0;
  for (size_t i = 0, l = 1; i < textlen; i++)
    if (text[i] == '\n')
      s.line_start[l++] = i + 1;

  hs_scratch_t *scratch = NULL;
  if (db)
    {
      if (hs_alloc_scratch (db, &scratch) != HS_SUCCESS)
        FUZZ_FAIL ("hs_alloc_scratch failed");
      if (hs_scan (db, text, textlen, 0, scratch, on_match, &s)
          != HS_SUCCESS)
        FUZZ_FAIL ("hs_scan failed");
    }

  /* The -o check: one pattern, an exact translation, and not -i with a
     bracket range: there GNU regex (so grep -o) leaves out of a range
     the characters between Z and a, [\]^_` (as [!-z] under -i), where
     the DFA (so grep's choice of lines) and the translation keep them;
     testsuite/mmap-util.fuzz/findings.exp checks that mmgrep -o
     prints what grep prints there.  */
  bool o_checked = (som && npats == 1 && !superset
                    && !(icase && memchr (patterns, '[', patlen)
                         && memchr (patterns, '-', patlen)));
  struct fuzz_query q = { ere ? 'E' : 'G', icase, false, lines, utf8,
                          patterns, patlen, text, textlen };
  bool *hs_sel = calloc (s.nlines, sizeof *hs_sel);
  bool *ref_sel = calloc (s.nlines, sizeof *ref_sel);
  bool *grep_sel = NULL;
  bool checked = false;
  for (size_t line = 0; db && line < s.nlines; line++)
    {
      char const *b = text + s.line_start[line];
      char const *e = text + s.line_start[line + 1] - 1;
      hs_sel[line] = s.hit[line].found;
      regoff_t start = -1, end = -1;
      for (size_t j = 0; j < npats; j++)
        {
          regoff_t ms, me;
          if (fuzz_ref_match (&pats[j], b, e - b, false, lines, utf8,
                              &ms, &me)
              && (start < 0 || ms < start || (ms == start && end < me)))
            start = ms, end = me;
        }
      ref_sel[line] = 0 <= start;
      if (ascii_lines && has_non_ascii (b, e))
        continue;
      bool wrong = superset ? ref_sel[line] && !hs_sel[line]
                            : ref_sel[line] != hs_sel[line];
      if (wrong && !checked)
        {
          /* Ask grep once: if it sides with Hyperscan, the model of
             grep was wrong here.  */
          checked = true;
          grep_sel = calloc (s.nlines, sizeof *grep_sel);
          enum fuzz_grep r = fuzz_grep_selects (&q, grep_sel, s.nlines);
          if (r == FUZZ_GREP_SKIP)
            break;              /* not judged */
          if (r != FUZZ_GREP_OK)
            {
              free (grep_sel);
              grep_sel = NULL;
            }
        }
      if (grep_sel)
        wrong = superset ? grep_sel[line] && !hs_sel[line]
                         : grep_sel[line] != hs_sel[line];
      char const *how = utf8 ? "C.UTF-8" : "C";
      if (wrong)
        FUZZ_FAIL ("%s%s%s (%s): pattern \"%.*s\" as \"%s\"%s, line %zu"
                   " \"%.*s\": Hyperscan %s it, %s %s",
                   ere ? "-E" : "-G", icase ? " -i" : "", lines ? " -x" : "",
                   how, (int) patlen, patterns, exprs[0],
                   superset ? " (a superset)" : "", line + 1, (int) (e - b),
                   b, hs_sel[line] ? "selects" : "does not select",
                   grep_sel ? "GNU grep" : "GNU regex",
                   (grep_sel ? grep_sel[line] : ref_sel[line])
                   ? "does" : "does not");
      size_t gs, ge;
      bool gfound = false;
      enum fuzz_grep r = FUZZ_GREP_OK;
      if (o_checked && hs_sel[line] && ref_sel[line]
          && (s.hit[line].start - s.line_start[line] != (size_t) start
              || s.hit[line].end - s.line_start[line] != (size_t) end)
          /* GNU grep's -o has the last word (seen: with -i, its regex
             finds a match that its DFA does not).  */
          && !((r = fuzz_grep_first_match (&q, s.line_start[line],
                                           s.line_start[line + 1] - 1,
                                           &gfound, &gs, &ge))
               == FUZZ_GREP_SKIP
               || (r == FUZZ_GREP_OK && gfound && gs == s.hit[line].start
                   && ge == s.hit[line].end)))
        FUZZ_FAIL ("%s%s%s -o (%s): pattern \"%.*s\" as \"%s\", line %zu"
                   " \"%.*s\": Hyperscan's match is \"%.*s\", GNU regex's"
                   " \"%.*s\"",
                   ere ? "-E" : "-G", icase ? " -i" : "", lines ? " -x" : "",
                   how, (int) patlen, patterns, exprs[0], line + 1,
                   (int) (e - b), b,
                   (int) (s.hit[line].end - s.hit[line].start),
                   text + s.hit[line].start, (int) (end - start), b + start);
      if (r == FUZZ_GREP_SKIP)
        break;                  /* not judged */
    }

  free (grep_sel);
  free (ref_sel);
  free (hs_sel);
  hs_free_scratch (scratch);
  hs_free_database (db);
  if (exprs)
    for (size_t i = 0; i < npats; i++)
      free (exprs[i]);
  free (exprs);
  free (s.hit);
  free (s.line_start);
  free (text);
  for (size_t j = 0; j < compiled; j++)
    regfree (&pats[j]);
  free (pats);
  return 0;
}

#else /* !HAVE_LIBHS */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  fputs ("fuzz-hs: built without Hyperscan\n", stderr);
  exit (77);
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  (void) data;
  (void) size;
  return 0;
}

#endif
