/* pattern-list.c -- test mmgrep's list of the patterns, each kept once.
   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   What this checks, and why.

   src/grep/pattern-list.c keeps a pattern given twice once, the first
   time, as GNU grep does, and notes where the kept ones came from:
   matcher_compile's choices assume that no pattern is repeated, and
   its messages name FILE:LINE through the origins.  Each check
   compares the whole state of a list (its bytes, its count, every
   origin's FIRST, FILE and LINE) with what grep's rule gives, so that
   any change in what is kept, in which order, or in where it is said
   to come from, fails:

   - a repeat dropped and the first kept, the order of the others kept,
     within one source and across two; the origins as runs of the lines
     kept, broken by a dropped line, one run at least per source, the
     lines counted in the source with the dropped ones;
   - empty patterns: one kept, the next dropped; no line at all (-f
     /dev/null) keeps nothing and notes no origin;
   - patterns that are prefixes of others (and the empty pattern, a
     prefix of all) are not taken for them, nor they for it, in a
     chain long enough that the set's searches meet them whatever the
     hash;
   - bytes appended in pieces that split lines, as -f reads them;
   - 10,000 patterns with repeats, in ten sources, against a plain
     record of what was seen (the table grows many times).  */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dejagnu.h>

#include "pattern-list.h"

static int failures;

/* Fail the check NAME with WHY.  */
static void
report (char const *name, char const *why)
{
  failures++;
  fail ("pattern-list: %s: %s", name, why);
}

/* Check that PL holds exactly the patterns KEPT (one per line, each
   followed by a newline) and the NORIGINS origins ORIGINS; pass NAME
   if so.  */
static void
check (char const *name, struct pattern_list const *pl, char const *kept,
       struct matcher_origin const *origins, size_t norigins)
{
  char why[200];
  size_t size = strlen (kept), count = 0;
  for (size_t i = 0; i < size; i++)
    count += kept[i] == '\n';
  if (pl->size != size
      || (size && memcmp (pl->bytes, kept, size) != 0))
    {
      /* Where the bytes differ first, in lines (the message is one
         line).  */
      size_t i = 0, line = 1;
      for (; i < size && i < pl->size && pl->bytes[i] == kept[i]; i++)
        line += kept[i] == '\n';
      snprintf (why, sizeof why, "kept %zu bytes, not %zu; they differ"
                " from line %zu on", pl->size, size, line);
      report (name, why);
      return;
    }
  if (pl->count != count)
    {
      snprintf (why, sizeof why, "a count of %zu, not %zu", pl->count,
                count);
      report (name, why);
      return;
    }
  if (pl->norigins != norigins)
    {
      snprintf (why, sizeof why, "%zu origins, not %zu", pl->norigins,
                norigins);
      report (name, why);
      return;
    }
  for (size_t i = 0; i < norigins; i++)
    {
      struct matcher_origin const *o = &pl->origins[i];
      if (o->first != origins[i].first || o->line != origins[i].line
          || strcmp (o->file, origins[i].file) != 0)
        {
          snprintf (why, sizeof why, "origin %zu is pattern %zu from"
                    " \"%s\":%zu, not %zu from \"%s\":%zu", i, o->first,
                    o->file, o->line, origins[i].first, origins[i].file,
                    origins[i].line);
          report (name, why);
          return;
        }
    }
  pass ("pattern-list: %s", name);
}

/* Append the lines TEXT to PL as one source, FILE.  */
static void
add (struct pattern_list *pl, char const *text, char const *file)
{
  size_t from = pl->size;
  pattern_list_append (pl, text, strlen (text));
  pattern_list_keep_new (pl, from, file);
}

int
main (void)
{
  struct pattern_list pl;

  /* One source: the third line repeats the first.  */
  pattern_list_init (&pl);
  add (&pl, "b\na\nb\nc\n", "");
  check ("a repeat dropped, the first kept, the order kept", &pl,
         "b\na\nc\n",
         (struct matcher_origin[]) { { 0, "", 1 }, { 2, "", 4 } }, 2);

  /* A second source, repeating lines of the first and of itself.  */
  add (&pl, "c\nd\nb\ne\nd\nf\n", "pats");
  check ("two sources: repeats across them dropped, origins in runs",
         &pl, "b\na\nc\nd\ne\nf\n",
         (struct matcher_origin[]) { { 0, "", 1 }, { 2, "", 4 },
                                     { 3, "pats", 2 }, { 4, "pats", 4 },
                                     { 5, "pats", 6 } }, 5);

  /* A source whose lines are all repeats: no origin.  */
  add (&pl, "a\nf\n", "");
  check ("a source of repeats only adds nothing", &pl,
         "b\na\nc\nd\ne\nf\n",
         (struct matcher_origin[]) { { 0, "", 1 }, { 2, "", 4 },
                                     { 3, "pats", 2 }, { 4, "pats", 4 },
                                     { 5, "pats", 6 } }, 5);

  /* Two sources of one line each, both kept: one run each, even with
     the same file name, each counted from its own first line.  */
  add (&pl, "g\n", "");
  add (&pl, "h\n", "");
  check ("each source its own run, its lines counted from 1", &pl,
         "b\na\nc\nd\ne\nf\ng\nh\n",
         (struct matcher_origin[]) { { 0, "", 1 }, { 2, "", 4 },
                                     { 3, "pats", 2 }, { 4, "pats", 4 },
                                     { 5, "pats", 6 }, { 6, "", 1 },
                                     { 7, "", 1 } }, 7);
  pattern_list_free (&pl);
  if (pl.bytes || pl.size || pl.count || pl.origins || pl.norigins)
    report ("freed", "the list is not empty once freed");
  else
    pass ("pattern-list: freed, the list is empty");

  /* Empty patterns.  */
  pattern_list_init (&pl);
  add (&pl, "\n\nx\n\n", "e1");
  add (&pl, "\ny\n", "e2");
  check ("empty patterns: the first kept, the others dropped", &pl,
         "\nx\ny\n",
         (struct matcher_origin[]) { { 0, "e1", 1 }, { 1, "e1", 3 },
                                     { 2, "e2", 2 } }, 3);
  pattern_list_free (&pl);

  /* No line at all, as -f /dev/null gives.  */
  pattern_list_init (&pl);
  add (&pl, "", "null");
  check ("no line: nothing kept, no origin", &pl, "", NULL, 0);
  add (&pl, "z\n", "");
  check ("after no line, a pattern is the first", &pl, "z\n",
         (struct matcher_origin[]) { { 0, "", 1 } }, 1);
  pattern_list_free (&pl);

  /* Patterns that are prefixes of each other: repeats of each are
     dropped, the others kept.  */
  pattern_list_init (&pl);
  add (&pl, "ab\na\nabc\n\nab\na\n\nabc\nb\n", "p");
  check ("repeats among prefixes of each other dropped", &pl,
         "ab\na\nabc\n\nb\n",
         (struct matcher_origin[]) { { 0, "p", 1 }, { 4, "p", 9 } }, 2);
  pattern_list_free (&pl);

  /* A prefix is not taken for a longer pattern, nor a longer one for
     it: so many that the searches of the set meet the other patterns
     of the chain, whatever their hashes: "", "a", "aa" ... 63 "a"s,
     then their repeats from the longest down, then the chain again
     with a "b" at the end of each.  */
  enum { CHAIN = 64 };
  char chain[3 * CHAIN * (CHAIN + 1) + 1], chain_kept[sizeof chain];
  size_t clen = 0, klen = 0;
  for (int i = 0; i < 3 * CHAIN; i++)
    {
      int n = i < CHAIN ? i : i < 2 * CHAIN ? 2 * CHAIN - 1 - i
              : i - 2 * CHAIN;
      memset (chain + clen, 'a', n);
      clen += n;
      if (i >= 2 * CHAIN)
        chain[clen++] = 'b';
      chain[clen++] = '\n';
      if (i < CHAIN || i >= 2 * CHAIN)
        {
          memset (chain_kept + klen, 'a', n);
          klen += n;
          if (i >= 2 * CHAIN)
            chain_kept[klen++] = 'b';
          chain_kept[klen++] = '\n';
        }
    }
  chain[clen] = chain_kept[klen] = '\0';
  pattern_list_init (&pl);
  add (&pl, chain, "chain");
  check ("a prefix not taken for a longer pattern, nor it for the prefix",
         &pl,
         chain_kept,
         (struct matcher_origin[]) { { 0, "chain", 1 },
                                     { CHAIN, "chain", 2 * CHAIN + 1 } },
         2);
  pattern_list_free (&pl);

  /* Bytes appended in pieces that split the lines, as -f reads a
     file.  */
  pattern_list_init (&pl);
  add (&pl, "q\n", "");
  size_t from = pl.size;
  pattern_list_append (&pl, "r", 1);
  pattern_list_append (&pl, "s\nq", 3);
  pattern_list_append (&pl, "\nrs\n", 4);
  pattern_list_append (&pl, "t\n", 2);
  pattern_list_keep_new (&pl, from, "pieces");
  check ("lines appended in pieces", &pl, "q\nrs\nt\n",
         (struct matcher_origin[]) { { 0, "", 1 }, { 1, "pieces", 1 },
                                     { 2, "pieces", 4 } }, 3);
  pattern_list_free (&pl);

  /* Many patterns: ten sources of 1,000 lines each, pattern "kN" with
     N = I * 7 mod 6,007 on line I (counting all the lines from 0), and
     every fourth line a repeat of the line two before it.  What is
     kept, and the origins, are worked out with a plain record of the
     values seen.  */
  enum { LINES = 10000, SOURCES = 10, MOD = 6007 };
  static bool seen[MOD];
  static char const *const files[SOURCES] =
    { "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9" };
  static struct matcher_origin want_origins[LINES];
  size_t nwant = 0, nkept = 0;
  char *want = malloc (LINES * 8 + 1);
  size_t wantlen = 0;
  unsigned int value[LINES];
  for (size_t i = 0; i < LINES; i++)
    value[i] = i % 4 == 3 ? value[i - 2] : i * 7 % MOD;
  clock_t start = clock ();
  pattern_list_init (&pl);
  for (size_t src = 0; src < SOURCES; src++)
    {
      char *text = malloc (LINES / SOURCES * 8 + 1);
      size_t len = 0;
      bool prev_kept = false;
      for (size_t line = 0; line < LINES / SOURCES; line++)
        {
          unsigned int v = value[src * (LINES / SOURCES) + line];
          char pat[16];
          int n = sprintf (pat, "k%u\n", v);
          memcpy (text + len, pat, n);
          len += n;
          bool kept = !seen[v];
          if (kept)
            {
              seen[v] = true;
              memcpy (want + wantlen, pat, n);
              wantlen += n;
              if (!prev_kept)
                want_origins[nwant++] = (struct matcher_origin)
                  { .first = nkept, .file = files[src], .line = line + 1 };
              nkept++;
            }
          prev_kept = kept;
        }
      text[len] = '\0';
      add (&pl, text, files[src]);
      free (text);
    }
  printf ("pattern-list: %d patterns in %.3f s of processor time\n",
          LINES, (double) (clock () - start) / CLOCKS_PER_SEC);
  want[wantlen] = '\0';
  char name[100];
  snprintf (name, sizeof name, "%d patterns in ten sources, %zu kept,"
            " in %zu runs", LINES, nkept, nwant);
  if (nkept == LINES || nkept < LINES / 4 || nwant < 100)
    report (name, "the test's own patterns are not what it meant");
  else
    check (name, &pl, want, want_origins, nwant);
  pattern_list_free (&pl);
  free (want);

  totals ();
  return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
