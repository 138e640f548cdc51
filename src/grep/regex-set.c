/* regex-set.c -- the patterns of -G and -E for GNU regex: checked one
   by one, compiled in groups when first needed, searched in one line.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   engine-regex.c's DFA decides most lines; GNU regex is asked for the
   lines it cannot decide (back-references) and for where a match is
   (-o, --color).  Each pattern is checked on its own at start-up, as
   in grep: together they may make a valid alternation when one alone
   is not.  The patterns with back-references are then compiled one by
   one, so that \1 in one refers to its own group; the others wait,
   and are compiled in groups of REGEX_GROUP by the first thread that
   needs them.  */

#include <config.h>

#include "regex-set.h"

#include "matcher.h"

#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exit-status.h"
#include "xalloc.h"

/* How many patterns without back-references regex compiles as one.
   GNU regex's memory grows with the square of the number of
   alternatives it compiles at once (the closure of each alternation
   holds the first nodes of all those after it): one regex of 20,000
   words takes gigabytes with -i in a UTF-8 locale.  In groups, it
   grows with the patterns' size; a line the DFA leaves undecided, and
   -o, then try each group.  */
enum { REGEX_GROUP = 256 };

/* The groups of patterns without back-references are compiled by the
   first thread that needs them (a line the DFA leaves undecided, -o,
   --color), once: grep too compiles them only then, and a search that
   the DFA decides does not pay for them (20,000 regexes like
   w[0-9]1(x)?: 0.1 s of CPU and 105 MB).  Each pattern was checked on
   its own before.  Read-only while threads search but for what LOCK
   guards.  */
struct regex_set
{
  pthread_mutex_t lock;
  /* The compiled regexes: those with back-references, then (once
     DONE) the groups.  Each thread searches with a copy of a buffer's
     struct (struct regex_copies): GNU regex locks a buffer during a
     search, and the fastmaps are computed at compilation.  */
  struct re_pattern_buffer *pats;
  size_t npats;
  bool done;
  char *patterns;               /* a copy, to compile then */
  size_t size;
  reg_syntax_t syntax;
  char eol;
  bool words, lines;            /* -w (without -x), -x */
  /* -w: a shorter match may be empty (regex_set_shorter_empty).  */
  bool shorter_empty;
  /* The locale the regexes are compiled in, or (locale_t) 0 for the
     current one (regex_set_compile_in).  */
  locale_t locale;
};

/* Whether PAT (LEN bytes) may hold a back-reference: a backslash
   followed by a digit 1-9.  */
static bool
possible_backref (char const *pat, size_t len)
{
  for (size_t i = 0; i + 1 < len; i++)
    if (pat[i] == '\\')
      {
        if ('1' <= pat[i + 1] && pat[i + 1] <= '9')
          return true;
        i++;
      }
  return false;
}

/* Report ERR, regex's message about pattern INDEX; out of memory,
   exit at once (one message, not one per pattern).  */
static void
regex_error (size_t index, char const *err)
{
  char espace[128];
  regerror (REG_ESPACE, NULL, espace, sizeof espace);
  if (strcmp (err, espace) == 0)
    xalloc_die ();
  matcher_pattern_error (index, err);
}

/* Compile PAT (LEN bytes, pattern INDEX or a group of patterns) into
   P with the current syntax; on an error, print it and return
   false.  */
static bool
compile_one (struct re_pattern_buffer *p, char const *pat, size_t len,
             char eol, size_t index)
{
  memset (p, 0, sizeof *p);
  /* No fastmap with -i, as in grep: the regex folds the pattern and the
     text to upper case, the fastmap to lower case, so a letter that is
     not the lower case of its capital (Greek's final sigma) would never
     start a match.  */
  bool icase = (re_syntax_options & RE_ICASE) != 0;
  p->fastmap = icase ? NULL : xmalloc (UCHAR_MAX + 1);
  p->translate = NULL;
  char const *err = re_compile_pattern (pat, len, p);
  if (err)
    {
      regex_error (index, err);
      free (p->fastmap);
      p->fastmap = NULL;
      return false;
    }
  p->newline_anchor = eol == '\n';
  /* Now, not in the first search: the threads only read it then.  */
  if (p->fastmap && re_compile_fastmap (p) != 0)
    xalloc_die ();
  return true;
}

/* Whether PAT (LEN bytes), one pattern, can be a bad one: regex finds
   no error in a pattern without these characters, in either
   syntax.  */
static bool
may_be_invalid (char const *pat, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if (pat[i] && strchr ("\\[](){}", pat[i]))
      return true;
  return false;
}

/* Check PAT (LEN bytes), pattern INDEX, on its own, as grep does: the
   patterns compiled together (a newline separates alternatives) may
   be valid when one alone is not ("\(" and "\)").  Print the error
   and return false.  */
static bool
check_one (char const *pat, size_t len, reg_syntax_t syntax, size_t index)
{
  if (!may_be_invalid (pat, len))
    return true;
  struct re_pattern_buffer p;
  memset (&p, 0, sizeof p);
  re_set_syntax (syntax | RE_NO_SUB);
  char const *err = re_compile_pattern (pat, len, &p);
  re_set_syntax (syntax);
  regfree (&p);
  if (err)
    {
      regex_error (index, err);
      return false;
    }
  return true;
}

static void regex_set_new (struct regex_set **, char const *, size_t,
                           reg_syntax_t, char, bool, bool, locale_t, bool);

void
regex_set_compile_in (struct regex_set **setp, char const *patterns,
                      size_t size, reg_syntax_t syntax, char eol, bool words,
                      bool lines, locale_t loc)
{
  regex_set_new (setp, patterns, size, syntax, eol, words, lines, loc, !loc);
}

void
regex_set_compile_literal (struct regex_set **setp, char const *patterns,
                           size_t size, reg_syntax_t syntax, char eol,
                           bool words, bool lines)
{
  regex_set_new (setp, patterns, size, syntax, eol, words, lines,
                 (locale_t) 0, false);
}

void
regex_set_compile (struct regex_set **setp, char const *patterns,
                   size_t size, reg_syntax_t syntax, char eol, bool words,
                   bool lines)
{
  regex_set_compile_in (setp, patterns, size, syntax, eol, words, lines,
                        (locale_t) 0);
}

/* regex_set_compile_in, checking each pattern alone when CHECK.  */
static void
regex_set_new (struct regex_set **setp, char const *patterns, size_t size,
               reg_syntax_t syntax, char eol, bool words, bool lines,
               locale_t loc, bool check)
{
  locale_t old = loc ? uselocale (loc) : (locale_t) 0;
  re_set_syntax (syntax);
  char const *lim = patterns + size;
  size_t nlines = 0;
  for (char const *p = patterns; p <= lim; nlines++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      p = (nl ? nl : lim) + 1;
    }
  struct regex_set *set = xzalloc (sizeof *set);
  set->eol = eol;
  set->words = words && !lines;
  set->lines = lines;
  set->shorter_empty = false;
  pthread_mutex_init (&set->lock, NULL);
  set->done = false;
  set->locale = loc;
  set->npats = 0;
  /* Room for a group of one each, at most.  */
  set->pats = xnmalloc (nlines, sizeof *set->pats);
  *setp = set;
  bool failed = false;
  size_t index = 0;
  for (char const *p = patterns; p <= lim; index++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      if (!possible_backref (p, end - p))
        failed |= check && !check_one (p, end - p, syntax, index);
      else if (compile_one (&set->pats[set->npats], p, end - p, eol,
                            index))
        set->npats++;
      else
        failed = true;
      p = end + 1;
    }
  if (loc)
    uselocale (old);
  if (failed)
    exit (EXIT_TROUBLE);
  set->patterns = xmemdup (patterns, size);
  set->size = size;
  set->syntax = syntax;
}

/* Compile SET's patterns without back-references, in groups of
   REGEX_GROUP, after the others in its pats (its lock held).  Each was valid alone; a group that is not (regex's
   limits) is an error still, with its first pattern's index.  */
static void
compile_groups (struct regex_set *set)
{
  char const *patterns = set->patterns;
  char const *lim = patterns + set->size;
  /* re_compile_pattern takes the syntax from a global: another
     matcher's compilation may have set it since.  */
  re_set_syntax (set->syntax);
  char *plain = xmalloc (set->size + 1);
  size_t plainlen = 0, nplain = 0, first = 0, index = 0;
  bool failed = false;
  for (char const *p = patterns; p <= lim; index++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      if (!possible_backref (p, end - p))
        {
          if (nplain++)
            plain[plainlen++] = '\n';
          else
            first = index;
          memcpy (plain + plainlen, p, end - p);
          plainlen += end - p;
        }
      p = end + 1;
      if (nplain && (nplain == REGEX_GROUP || p > lim))
        {
          if (compile_one (&set->pats[set->npats], plain, plainlen, set->eol,
                           first))
            set->npats++;
          else
            failed = true;
          plainlen = nplain = 0;
        }
    }
  free (plain);
  if (failed)
    exit (EXIT_TROUBLE);
}

/* Make sure that RS has every regex of SET, the groups included: the
   first thread to need them compiles them, once; each thread then
   takes its copies of the buffers.  */
static void
regex_groups (struct regex_set *set, struct regex_copies *rs)
{
  if (rs->groups)
    return;
  /* Two matchers may compile their groups at once, and
     re_compile_pattern's syntax is a global.  */
  static pthread_mutex_t syntax_lock = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock (&set->lock);
  if (!set->done)
    {
      size_t before = set->npats;
      pthread_mutex_lock (&syntax_lock);
      /* uselocale is the calling thread's.  */
      locale_t old = set->locale ? uselocale (set->locale) : (locale_t) 0;
      compile_groups (set);
      if (set->locale)
        uselocale (old);
      pthread_mutex_unlock (&syntax_lock);
      set->done = true;
      if (set->npats > before && getenv ("MMGREP_DEBUG_ENGINE"))
        fprintf (stderr, "mmgrep: engine: regex groups%s: %zu\n",
                 set->locale ? " (C)" : "", set->npats - before);
    }
  size_t npats = set->npats;
  pthread_mutex_unlock (&set->lock);
  rs->pats = xreallocarray (rs->pats, npats, sizeof *rs->pats);
  for (size_t i = rs->npats; i < npats; i++)
    {
      memset (&rs->pats[i], 0, sizeof rs->pats[i]);
      rs->pats[i].buf = set->pats[i];
    }
  rs->npats = npats;
  rs->groups = true;
}

void
regex_set_shorter_empty (struct regex_set *set)
{
  set->shorter_empty = true;
}

char const *
regex_set_in_line (struct regex_set *set, struct regex_copies *rs,
                   char const *beg, char const *end, char const *ptr,
                   bool start_mode, size_t *lenp)
{
  char const *best = end;
  size_t best_len = 0;
  regoff_t linelen = end - beg - 1;
  regex_groups (set, rs);
  for (size_t i = 0; i < rs->npats; i++)
    {
      struct regex_pattern *p = &rs->pats[i];
      p->buf.not_eol = 0;
      regoff_t start = re_search (&p->buf, beg, linelen, ptr - beg,
                                  end - ptr - 1, &p->regs);
      if (start < -1)
        xalloc_die ();
      if (start < 0)
        continue;
      size_t len = p->regs.end[0] - start;
      char const *match = beg + start;
      if (match > best)
        continue;
      bool found = false;
      /* With -w, as grep's fixed-string matcher: a regex that matches
         the empty string (an empty pattern among plain strings)
         matches at every byte, and each is a start to try.  */
      bool every_byte = (set->words && set->shorter_empty
                         && re_match (&p->buf, "", 0, 0, NULL) == 0);
      if (start_mode && !set->words)
        found = true;
      else if (!set->lines && !set->words)
        found = true;
      else if (set->lines)
        {
          if (match == ptr && len == (size_t) (end - ptr - 1))
            found = true;
        }
      else
        /* -w: this match, a shorter one at the same place, or a
           later one, as long as it is bounded by non-word
           characters.  */
        while (match <= best)
          {
            /* grep's fixed-string matcher looks for the character
               before from PTR: with -o, a match where the previous
               one ended is taken as a word start.  */
            if (!matcher_wordchar_at (match + len, end - 1)
                && (match == ptr && start_mode && set->shorter_empty
                    ? true : !matcher_wordchar_before (beg, match, end - 1)))
              {
                found = true;
                break;
              }
            regoff_t shorter = -1;
            if (len > 0)
              {
                --len;
                p->buf.not_eol = 1;
                shorter = re_match (&p->buf, beg, match + len - beg,
                                    match - beg, &p->regs);
                if (shorter < -1)
                  xalloc_die ();
              }
            if (shorter > 0 || (shorter == 0 && set->shorter_empty))
              len = shorter;
            else
              {
                if (match == end - 1)
                  break;
                /* A byte on, as grep: in UTF-8 an empty match inside
                   a character that is not a word constituent is
                   bounded by non-word characters.  */
                match++;
                p->buf.not_eol = 0;
                if (every_byte)
                  {
                    start = re_match (&p->buf, beg, linelen, match - beg,
                                      &p->regs);
                    if (start < -1)
                      xalloc_die ();
                    len = start < 0 ? 0 : start;
                    continue;
                  }
                start = re_search (&p->buf, beg, linelen, match - beg,
                                   end - match - 1, &p->regs);
                if (start < 0)
                  {
                    if (start < -1)
                      xalloc_die ();
                    break;
                  }
                len = p->regs.end[0] - start;
                match = beg + start;
              }
          }
      if (!found)
        continue;
      if (!start_mode)
        {
          *lenp = len;
          return match;
        }
      if (match < best || (match == best && len > best_len))
        {
          best = match;
          best_len = len;
        }
    }
  if (best < end)
    {
      *lenp = best_len;
      return best;
    }
  return NULL;
}

void
regex_set_free (struct regex_set *set)
{
  if (!set)
    return;
  for (size_t i = 0; i < set->npats; i++)
    regfree (&set->pats[i]);
  free (set->pats);
  free (set->patterns);
  pthread_mutex_destroy (&set->lock);
  free (set);
}

void
regex_copies_free (struct regex_copies *rs)
{
  /* The buffers are copies: only their registers are this thread's.  */
  for (size_t i = 0; i < rs->npats; i++)
    {
      free (rs->pats[i].regs.start);
      free (rs->pats[i].regs.end);
    }
  free (rs->pats);
  rs->pats = NULL;
  rs->npats = 0;
  rs->groups = false;
}
