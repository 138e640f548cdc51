/* engine-regex.c -- -G and -E: gnulib's dfa decides which lines match,
   GNU regex finds back-references and the bounds of each match.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The patterns go to the DFA together (a newline separates
   alternatives), wrapped for -w and -x so that the DFA alone says
   whether a line has a match when no back-reference is involved.
   Regex (regex-set.c) is run only on a line the DFA chose when the
   DFA cannot decide (back-references, constructs it does not
   support), and on one line when the caller asks where the matches
   are (-o, --color).

   With Hyperscan (engine-hs.c), a translation of the patterns finds
   the candidate lines first, over the whole buffer; the DFA then
   checks a candidate only when the translation is a superset.
   Without it, alternatives of plain strings go to engine-fixed.c.
   The string that every match contains (the DFA's "must") is
   searched for first, as in grep, when the search is case-sensitive
   (with Hyperscan, when it has 3 bytes or more and while it is rare:
   must_execute); the DFA (or Hyperscan) then looks at its line
   only.  In a UTF-8 locale, the lines of ASCII bytes only are
   decided by a twin of the DFA and of the regexes compiled in the C
   locale, when the patterns mean the same there (ascii_twin): in
   UTF-8 the DFA leaves -w to regex, which is slow there.  The
   environment variable MMGREP_DEBUG_ENGINE, when set, makes the
   compilation say on standard error which route was taken (a
   debugging aid for the test suite).  */

#include <config.h>

#include "cli.h"
#include "matcher.h"

#include <ctype.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "c-ctype.h"
#include "dfa.h"
#include "pattern-text.h"
#include "regex-set.h"
#include "memfind.h"
#if HAVE_LIBHS
# include "engine-hs.h"
#endif
#include "error.h"
#include "localeinfo.h"
#include "exit-status.h"
#include "xalloc.h"

#if HAVE_LIBHS
/* How many strings besides the DFA's "must" may be tried.  */
enum { MUST_ALT_MAX = 3 };
#endif

/* What is compiled once and shared by every thread: read-only while
   they search, except for the regexes compiled when first needed
   (regex-set.c).  The DFA here is parsed only, the template of each
   thread's (struct regex_scratch): a DFA builds its states as it
   runs.  */
struct regex_comp
{
  /* Set when the patterns are plain strings: engine-fixed.c does the
     work, as in grep.  */
  void *fixed;
  struct dfa *dfa;
  char *motif;                  /* what DFA was parsed from */
  size_t motiflen;
  struct regex_set *set;        /* for GNU regex */
  bool words, lines;
  /* -w as grep's fixed-string matcher (MATCHER_GREP_FIXED).  */
  bool grep_fixed;
  char eol;
  /* A string every match contains (the DFA's), searched for first
     (before Hyperscan too, while it is rare), or NULL.  */
  char *must;
  size_t mustlen;
  struct mmu__needle needle;    /* MUST, prepared for mmu__memfind */
#if HAVE_LIBHS
  /* Hyperscan's first pass, or NULL; which of its lines to check.  */
  struct hsx *hs;
  int hs_check;
  /* Other strings that every match contains (pattern_required_strings), tried
     in turn when MUST proves common: in 'static.*inline', "inline" is
     five times rarer than dfamust's "static" in C source.  */
  char *alt[MUST_ALT_MAX];
  struct mmu__needle alt_needle[MUST_ALT_MAX];
  size_t nalt;
#endif
  /* In a UTF-8 locale, the patterns compiled again in the C locale,
     for the lines of ASCII bytes only, or NULL (see ascii_twin).  */
  struct regex_comp *ascii;
  /* In such a twin: its locale (C), and whether its DFA decides -w:
     not when a pattern matches the empty string, which grep's -w
     with regex (a UTF-8 locale's) does not take after a longer match
     at the same place failed.  */
  locale_t c_locale;
  bool dfa_words;
};

#if HAVE_LIBHS
/* The hand-over between the search for a string every match contains
   (must_execute) and Hyperscan (hs_execute), one thread's: which of
   the two goes first, and what decides when the other takes over.
   Only regex_execute and must_execute touch it.  */
struct must_turn
{
  /* Whether Hyperscan goes first: written by must_execute (on) when
     the string's candidates are too common, and by regex_execute (off)
     once Hyperscan has searched MUST_OFF_BYTES; read by
     regex_execute, to choose.  */
  bool off;
  /* The bytes searched since the string last went first or behind:
     must_execute adds those it searched for the string, regex_execute
     those Hyperscan searched while OFF.  Read by must_execute while
     the string goes first (how common its candidates are), by
     regex_execute while OFF (when it goes first again).  */
  size_t bytes;
  /* The candidates that did not match, counted with BYTES (both
     zeroed when a string proves common): written and read by
     must_execute.  */
  size_t misses;
  /* Which string must_execute looks for: 0, MUST; I, the ALT I - 1.
     Written by must_execute as each proves common (back to 0 when it
     hands over to Hyperscan); read by must_execute.  */
  size_t at;
};
#endif

/* What one thread changes while it searches.  */
struct regex_scratch
{
  void *fixed;                  /* engine-fixed.c's, with FIXED */
  struct dfa *dfa;
  struct regex_copies re;       /* its copies of the set's regexes */
  char *line;                   /* a copy of a line (line_copy) */
  size_t linesize;
#if HAVE_LIBHS
  struct hs_scratch *hs;
  struct must_turn turn;
#endif
  /* The twin's (struct regex_comp's ASCII), made when first needed.  */
  struct regex_scratch *ascii;
};

void
dfaerror (char const *mesg)
{
  error (EXIT_TROUBLE, 0, "%s", mesg);
  abort ();
}

void
dfawarn (char const *mesg)
{
  if (!matcher_no_warnings)
    error (0, 0, _("warning: %s"), mesg);
}

/* The first non-ASCII byte in P..LIM, or NULL.  */
static char *
find_non_ascii (char const *p, char const *lim)
{
#ifdef __SSE2__
  for (; lim - p >= 64; p += 64)
    {
      __m128i a = _mm_loadu_si128 ((void const *) p);
      __m128i b = _mm_loadu_si128 ((void const *) (p + 16));
      __m128i c = _mm_loadu_si128 ((void const *) (p + 32));
      __m128i d = _mm_loadu_si128 ((void const *) (p + 48));
      if (_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (a, b),
                                           _mm_or_si128 (c, d))))
        break;
    }
#endif
  /* Eight bytes at a time: most lines are shorter than 64.  */
  for (; lim - p >= 8; p += 8)
    {
      uint64_t w;
      memcpy (&w, p, sizeof w);
      if (w & 0x8080808080808080u)
        break;
    }
  for (; p < lim; p++)
    if ((unsigned char) *p >= 0x80)
      return (char *) p;
  return NULL;
}

/* RC's motif: PATTERNS (SIZE bytes), wrapped for -x and -w in
   SYNTAX.  Return where the patterns are in it.  */
static char *
make_motif (struct regex_comp *rc, char const *patterns, size_t size,
            reg_syntax_t syntax)
{
  bool bk = !(syntax & RE_NO_BK_PARENS);
  char const *pre = "", *post = "";
  if (rc->lines)
    {
      pre = bk ? "^\\(" : "^(";
      post = bk ? "\\)$" : ")$";
    }
  else if (rc->words)
    {
      pre = bk ? "\\(^\\|[^[:alnum:]_]\\)\\(" : "(^|[^[:alnum:]_])(";
      post = bk ? "\\)\\([^[:alnum:]_]\\|$\\)" : ")([^[:alnum:]_]|$)";
    }
  size_t prelen = strlen (pre), postlen = strlen (post);
  char *motif = xmalloc (prelen + size + postlen + 1);
  memcpy (motif, pre, prelen);
  memcpy (motif + prelen, patterns, size);
  memcpy (motif + prelen + size, post, postlen);
  rc->motif = motif;
  rc->motiflen = prelen + size + postlen;
  return motif + prelen;
}

/* Parse RC's motif into its DFA, in SYNTAX and the locale LOCALEINFO,
   and return the string every match contains (dfamust), or NULL.  On
   a bad pattern, the DFA's message and exit 2 (dfaerror), RC's DFA
   then being partly parsed.  */
static struct dfamust *
compile_dfa (struct regex_comp *rc, reg_syntax_t syntax,
             struct localeinfo const *localeinfo, bool quiet)
{
  rc->dfa = dfaalloc ();
  int dfaopts = (DFA_CONFUSING_BRACKETS_ERROR
                 | (quiet ? 0 : DFA_PLUS_WARN)
                 | (!quiet && syntax & RE_CONTEXT_INDEP_OPS ? DFA_STAR_WARN : 0)
                 | (rc->eol ? 0 : DFA_EOL_NUL));
  dfasyntax (rc->dfa, localeinfo, syntax, dfaopts);
  dfaparse (rc->motif, rc->motiflen, rc->dfa);
  return dfamust (rc->dfa);
}

/* With MMGREP_DEBUG_ENGINE set, say which ROUTE the patterns take.  */
static void
debug_route (char const *route)
{
  if (getenv ("MMGREP_DEBUG_ENGINE"))
    fprintf (stderr, "mmgrep: engine: %s\n", route);
}

/* In a UTF-8 locale, RC's patterns (PATTERNS, SIZE bytes, as regex
   takes them; QUOTED, QUOTEDSIZE bytes, as the DFA does) compiled
   again in the C locale into RC->ascii, when their meaning on a line
   of ASCII bytes is the same there (pattern_same_on_ascii).  Most
   lines are ASCII; there, the DFA decides -w, which it cannot in
   UTF-8 (its wrapper "[^[:alnum:]_]" is multibyte there), and regex
   (-o, --color, back-references) runs several times faster.  */
static void
ascii_twin (struct regex_comp *rc, char const *patterns, size_t size,
            char const *quoted, size_t quotedsize, reg_syntax_t syntax)
{
  locale_t c = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (!c)
    return;
  if (!pattern_same_on_ascii (patterns, size, (syntax & RE_ICASE) != 0, c))
    {
      freelocale (c);
      return;
    }
  locale_t old = uselocale (c);
  struct regex_comp *twin = xzalloc (sizeof *twin);
  rc->ascii = twin;
  twin->c_locale = c;
  twin->words = rc->words;
  twin->lines = rc->lines;
  twin->eol = rc->eol;
  struct localeinfo localeinfo;
  init_localeinfo (&localeinfo);
  regex_set_compile_in (&twin->set, patterns, size, syntax, rc->eol,
                        rc->words, rc->lines, c);
  if (rc->grep_fixed)
    regex_set_shorter_empty (twin->set);
  make_motif (twin, quoted, quotedsize, syntax);
  struct dfamust *dm = compile_dfa (twin, syntax, &localeinfo, true);
  if (dm)
    dfamustfree (dm);
  twin->dfa_words = true;
  if (rc->words)
    {
      /* Whether a pattern matches the empty string: whether the
         patterns alone match an empty line.  */
      struct dfa *bare = dfaalloc ();
      dfasyntax (bare, &localeinfo, syntax,
                 DFA_CONFUSING_BRACKETS_ERROR | (rc->eol ? 0 : DFA_EOL_NUL));
      dfaparse (quoted, quotedsize, bare);
      dfacomp (NULL, 0, bare, true);
      char line[2] = { rc->eol, 0 };
      idx_t count = 0;
      bool backref = false;
      char *next = dfaexec (bare, line, line + 1, false, &count, &backref);
      twin->dfa_words = !backref && (!next || next == line + 1);
      dfafree (bare);
      free (bare);
    }
  uselocale (old);
  if (getenv ("MMGREP_DEBUG_ENGINE"))
    fprintf (stderr, "mmgrep: engine: ascii lines: %s\n",
             rc->words && !twin->dfa_words ? "regex (C)" : "dfa (C)");
}

/* Compile into *COMPILED, set at once: what is compiled is reachable
   from it as it is built (see struct matcher_engine's compile).  */
static void
regex_compile_patterns (void **compiled, char const *patterns, size_t size,
                        int flags, reg_syntax_t syntax)
{
  struct regex_comp *rc = xzalloc (sizeof *rc);
  *compiled = rc;
  if (!(flags & MATCHER_NO_FIXED)
      && pattern_plain_strings (patterns, size, syntax))
    {
      engine_fixed.compile (&rc->fixed, patterns, size, flags);
      debug_route ("fixed");
      return;
    }
  /* Alternatives of plain strings (not with -w, whose retries differ):
     fixed strings too, unless Hyperscan takes them.  */
  size_t listlen;
  char *list;
  if (!(flags & (MATCHER_NO_FIXED | MATCHER_WORDS))
#if HAVE_LIBHS
      && !hsx_usable ()
#endif
      && (list = pattern_literal_alternatives (patterns, size, syntax,
                                               &listlen)))
    {
      /* The fixed-string engine refuses no pattern: LIST is not
         lost.  */
      engine_fixed.compile (&rc->fixed, list, listlen, flags);
      free (list);
      debug_route ("fixed");
      return;
    }
  rc->words = (flags & MATCHER_WORDS) && !(flags & MATCHER_LINES);
  rc->lines = (flags & MATCHER_LINES) != 0;
  rc->eol = flags & MATCHER_NUL_EOL ? '\0' : '\n';
  if (flags & MATCHER_ICASE)
    syntax |= RE_ICASE;
  /* The locale's facts, as they are now (dfasyntax keeps a copy).  */
  struct localeinfo localeinfo;
  init_localeinfo (&localeinfo);

  /* Regex: each pattern on its own first, as grep.  */
  regex_set_compile (&rc->set, patterns, size, syntax, rc->eol,
                     rc->words, rc->lines);
  rc->grep_fixed = (flags & MATCHER_GREP_FIXED) != 0;
  if (rc->grep_fixed)
    regex_set_shorter_empty (rc->set);

  /* The DFA: every pattern, wrapped for -x and -w; a ")" that closes
     no "(" of its own quoted for it (and for Hyperscan).  */
  bool bk = !(syntax & RE_NO_BK_PARENS);
  char const *orig = patterns;
  size_t origsize = size;
  size_t quotedsize;
  char *quoted = (!bk && (rc->lines || rc->words)
                  ? pattern_quote_unmatched_parens (patterns, size,
                                                    &quotedsize)
                  : NULL);
  /* From here on, PATTERNS are those in RC's motif, the DFA's: QUOTED
     is freed before the DFA may refuse them.  */
  patterns = make_motif (rc, quoted ? quoted : patterns,
                         quoted ? quotedsize : size, syntax);
  if (quoted)
    size = quotedsize;
  free (quoted);
  struct dfamust *dm = compile_dfa (rc, syntax, &localeinfo, false);
  if (localeinfo.using_utf8)
    ascii_twin (rc, orig, origsize, patterns, size, syntax);

  char const *route = "dfa";
  /* The string every match contains, as in grep, when the search for
     it is case-sensitive and it is long enough to be rare: the DFA
     then checks only the lines that hold it.  With Hyperscan too (3
     bytes or more), wherever the string is in the pattern, as
     ripgrep does with inner literals: the byte search runs at memory
     speed where Hyperscan, on a pattern that starts with a set such
     as [A-Z]+_RESUME, does not; Hyperscan takes over while the
     string is common (must_execute).  */
  size_t mustlen = dm && !(flags & MATCHER_ICASE) ? strlen (dm->must) : 0;
#if HAVE_LIBHS
  rc->hs = hsx_compile (patterns, size, flags, bk, localeinfo.using_utf8,
                        localeinfo.simple, &rc->hs_check);
  if (rc->hs)
    route = (rc->hs_check == 0 ? "hyperscan"
             : rc->hs_check == HSX_CHECK_FOUND ? "hyperscan+dfa"
             : rc->hs_check == HSX_CHECK_NON_ASCII ? "hyperscan+dfa-non-ascii"
             : "hyperscan+dfa+dfa-non-ascii");
  if (rc->hs && mustlen < 3)
    mustlen = 0;
#endif
  if (mustlen >= 2)
    {
      rc->mustlen = mustlen;
      rc->must = xmemdup (dm->must, rc->mustlen + 1);
      mmu__needle_init (&rc->needle, rc->must, rc->mustlen);
      route = "dfa+must";
#if HAVE_LIBHS
      if (rc->hs)
        {
          enum { RUNS_MAX = 16 };
          size_t rbeg[RUNS_MAX], rlen[RUNS_MAX];
          size_t nruns = pattern_required_strings (patterns, size, syntax,
                                                   rbeg, rlen, RUNS_MAX);
          for (size_t r = 0; r < nruns && rc->nalt < MUST_ALT_MAX; r++)
            if (!(rlen[r] == rc->mustlen
                  && memcmp (patterns + rbeg[r], rc->must, rlen[r]) == 0))
              {
                char *s = rc->alt[rc->nalt]
                  = xmemdup (patterns + rbeg[r], rlen[r]);
                mmu__needle_init (&rc->alt_needle[rc->nalt++], s, rlen[r]);
              }
        }
      if (rc->nalt && getenv ("MMGREP_DEBUG_ENGINE"))
        fprintf (stderr, "mmgrep: engine: other strings: %zu\n", rc->nalt);
      if (rc->hs)
        route = (rc->hs_check == 0 ? "must+dfa, hyperscan"
                 : rc->hs_check == HSX_CHECK_FOUND ? "must+dfa, hyperscan+dfa"
                 : rc->hs_check == HSX_CHECK_NON_ASCII
                 ? "must+dfa, hyperscan+dfa-non-ascii"
                 : "must+dfa, hyperscan+dfa+dfa-non-ascii");
#endif
    }
  if (dm)
    dfamustfree (dm);
  debug_route (route);
}

static void
bre_compile (void **compiled, char const *patterns, size_t size, int flags)
{
  regex_compile_patterns (compiled, patterns, size, flags, RE_SYNTAX_GREP);
}

static void
ere_compile (void **compiled, char const *patterns, size_t size, int flags)
{
  regex_compile_patterns (compiled, patterns, size, flags, RE_SYNTAX_EGREP);
}


/* dfaexec stores a sentinel just after what it scans.  In the private
   view of a mapped file, each store copies a page: checking candidate
   lines one by one (after the must string, Hyperscan, the DFA's
   superset or engine-fixed.c's prefilter) copied a page per candidate,
   up to the whole file in anonymous memory (900 MB for -c -i KÖNIG on
   1 GB in UTF-8).  A line, or a region, up to this long is checked in
   a copy instead.  */
enum { LINE_COPY_MAX = 4096 };

/* Whether P is in RS's copy.  */
static bool
in_line_copy (struct regex_scratch const *rs, char const *p)
{
  return rs->line && rs->line <= p && p <= rs->line + rs->linesize;
}

/* A copy of the N bytes at P (N <= LINE_COPY_MAX), with room for the
   sentinel after them.  */
static char *
line_copy (struct regex_scratch *rs, char const *p, size_t n)
{
  if (!rs->line)
    {
      rs->linesize = LINE_COPY_MAX + 1;
      rs->line = xmalloc (rs->linesize);
    }
  memcpy (rs->line, p, n);
  return rs->line;
}

static void *regex_scratch_new (void const *compiled);

/* RS's scratch for RC's twin (RC->ascii), made now if need be: in
   the C locale, which is the calling thread's for a while.  */
static struct regex_scratch *
ascii_scratch (struct regex_comp const *rc, struct regex_scratch *rs)
{
  if (!rs->ascii)
    {
      locale_t old = uselocale (rc->ascii->c_locale);
      rs->ascii = regex_scratch_new (rc->ascii);
      uselocale (old);
    }
  return rs->ascii;
}

/* Whether the line BEG..END (END after its end-of-line byte)
   matches; ASCII is 1 when the caller knows the line holds ASCII
   bytes only, 0 when it knows it does not, -1 when it does not
   know.  */
static bool
line_matches_known (struct regex_comp const *rc, struct regex_scratch *rs,
                    char *beg, char *end, int ascii)
{
  if (end - beg <= LINE_COPY_MAX && !in_line_copy (rs, beg))
    {
      size_t n = end - beg;
      beg = line_copy (rs, beg, n);
      end = beg + n;
    }
  struct regex_set *set = rc->set;
  struct regex_copies *re = &rs->re;
  struct dfa *dfa = rs->dfa;
  if (rc->ascii && (ascii < 0 ? !find_non_ascii (beg, end) : ascii))
    {
      /* A line of ASCII characters: the twin's, in the C locale.  */
      struct regex_scratch *as = ascii_scratch (rc, rs);
      set = rc->ascii->set;
      re = &as->re;
      dfa = rc->ascii->dfa_words ? as->dfa : NULL;
    }
  size_t mlen;
  if (!dfa)
    return regex_set_in_line (set, re, beg, end, beg, false, &mlen);
  idx_t count = 0;
  bool backref = false;
  char *next = dfaexec (dfa, beg, end, false, &count, &backref);
  if (!next || next == end)
    return false;
  return !backref || regex_set_in_line (set, re, beg, end, beg, false, &mlen);
}

static bool
line_matches (struct regex_comp const *rc, struct regex_scratch *rs,
              char *beg, char *end)
{
  return line_matches_known (rc, rs, beg, end, -1);
}

static void *
regex_scratch_new (void const *compiled)
{
  struct regex_comp const *rc = compiled;
  struct regex_scratch *rs = xzalloc (sizeof *rs);
  if (rc->fixed)
    {
      rs->fixed = engine_fixed.scratch_new (rc->fixed);
      return rs;
    }
  rs->dfa = dfaalloc ();
  dfacopysyntax (rs->dfa, rc->dfa);
  dfaparse (rc->motif, rc->motiflen, rs->dfa);
  dfacomp (NULL, 0, rs->dfa, true);
  /* The regexes are copied when a line needs them (regex-set.c).  */
#if HAVE_LIBHS
  if (rc->hs)
    rs->hs = hsx_scratch_new (rc->hs);
#endif
  return rs;
}

static void
regex_scratch_free (void *scratch)
{
  struct regex_scratch *rs = scratch;
  if (!rs)
    return;
  if (rs->fixed)
    engine_fixed.scratch_free (rs->fixed);
  if (rs->dfa)
    {
      dfafree (rs->dfa);
      free (rs->dfa);
    }
  free (rs->line);
  regex_copies_free (&rs->re);
  regex_scratch_free (rs->ascii);
#if HAVE_LIBHS
  if (rs->hs)
    hsx_scratch_free (rs->hs);
#endif
  free (rs);
}

#if HAVE_LIBHS
/* Hyperscan finds the first match's end; its line is the candidate,
   checked with the DFA when the translation asks for it.  A match
   never spans an end of line.  Return -2 when the rest, from *BEGP on,
   is too large for one scan.  */
static ptrdiff_t
hs_execute (struct regex_comp const *rc, struct regex_scratch *rs,
            char *buf, char **begp, char *lim, size_t *match_size)
{
  char eol = rc->eol;
  for (char *beg = *begp; beg < lim; *begp = beg)
    {
      ptrdiff_t to = hsx_first_match_end (rc->hs, rs->hs, beg, lim - beg);
      if (to < 0)
        return -2;
      char *b = lim, *e = lim;
      if (to > 0)
        b = matcher_line (beg, beg + to - 1, lim, eol, &e);
      /* The translation may have missed the lines with a non-ASCII
         byte before it: the DFA looks at them.  */
      if (rc->hs_check & HSX_CHECK_NON_ASCII)
        for (char *h = beg; (h = find_non_ascii (h, b));)
          {
            char *he;
            char *hb = matcher_line (beg, h, lim, eol, &he);
            if (line_matches (rc, rs, hb, he))
              {
                *match_size = he - hb;
                return hb - buf;
              }
            h = he;
          }
      if (b == lim)
        return -1;
      if (rc->hs_check == 0
          || (rc->hs_check == HSX_CHECK_NON_ASCII && !find_non_ascii (b, e))
          || line_matches (rc, rs, b, e))
        {
          *match_size = e - b;
          return b - buf;
        }
      beg = e;
    }
  return -1;
}
#endif

#if HAVE_LIBHS
/* With Hyperscan behind it, the search for the string stops when its
   candidates that do not match are more than one per MUST_FALSE_BYTES
   bytes searched (each costs a line's DFA, where Hyperscan scans at a
   fraction of a nanosecond a byte), counted once MUST_FALSE_MIN of
   them were seen; Hyperscan then searches MUST_OFF_BYTES before the
   string is tried again.  */
enum
{
  MUST_FALSE_BYTES = 4096,
  MUST_FALSE_MIN = 64,
  MUST_OFF_BYTES = 16 * 1024 * 1024
};
#endif

/* Whether the line B..E (E after its end-of-line byte), which holds
   the string every match contains, matches.  In a UTF-8 locale,
   Hyperscan decides it where its translation is exact: the DFA hands
   \w, [[:alpha:]] and the like to regex there, five times slower
   over all; elsewhere the DFA, a little faster than Hyperscan.  But
   a line of ASCII bytes goes to the DFA of the patterns' twin
   (ascii_twin) when they have one that decides, as in the C locale:
   a call of Hyperscan costs about 1,300 instructions on such a line,
   that DFA about 370 (Hyperscan's calls were a fifth of the
   instructions of -o -E 'PM_[A-Z]+' in C.UTF-8).  */
static bool
candidate_matches (struct regex_comp const *rc, struct regex_scratch *rs,
                   char *b, char *e)
{
#if HAVE_LIBHS
  if (rc->hs && matcher_multibyte && !(rc->hs_check & HSX_CHECK_FOUND))
    {
      bool twin = rc->ascii && rc->ascii->dfa_words;
      /* 1 for a line of ASCII bytes, 0 for another, -1 unknown.  */
      int ascii = (twin || rc->hs_check & HSX_CHECK_NON_ASCII
                   ? !find_non_ascii (b, e) : -1);
      if (twin && ascii == 1)
        return line_matches_known (rc, rs, b, e, 1);
      if (ascii != 0 || !(rc->hs_check & HSX_CHECK_NON_ASCII))
        {
          ptrdiff_t to = hsx_first_match_end (rc->hs, rs->hs, b, e - b);
          if (0 <= to)
            return to > 0;
        }
      return line_matches_known (rc, rs, b, e, ascii);
    }
#endif
  return line_matches (rc, rs, b, e);
}

/* The DFA on the lines of BEG..LIM (in BUF) with the string every
   match contains.  With MAY_STOP (Hyperscan is behind), return -2
   when the string is too common to go on (see above), having set
   *BEGP to where the search is.  */
static ptrdiff_t
must_execute (struct regex_comp const *rc, struct regex_scratch *rs,
              char *buf, char **begp, char *lim, size_t *match_size,
              bool may_stop, struct nul_proof *proof)
{
  char *beg = *begp;
  while (beg < lim)
    {
#if HAVE_LIBHS
      struct mmu__needle const *needle = (rs->turn.at
                                          ? &rc->alt_needle[rs->turn.at - 1]
                                          : &rc->needle);
#else
      struct mmu__needle const *needle = &rc->needle;
#endif
      char *m = (char *) matcher_find_proving (proof, beg, lim - beg,
                                               needle);
#if HAVE_LIBHS
      rs->turn.bytes += (m ? m : lim) - beg;
#endif
      if (!m)
        return -1;
      char *e;
      char *b = matcher_line (beg, m, lim, rc->eol, &e);
      /* The search goes on after this line, or after the line
         returned: the proof over it, while it is in the cache.  */
      matcher_nul_bridge (proof, e);
      if (candidate_matches (rc, rs, b, e))
        {
          *match_size = e - b;
          return b - buf;
        }
      beg = e;
#if HAVE_LIBHS
      if (may_stop && ++rs->turn.misses >= MUST_FALSE_MIN
          && rs->turn.misses > rs->turn.bytes / MUST_FALSE_BYTES)
        {
          rs->turn.bytes = rs->turn.misses = 0;
          /* The next string that every match contains, if any; then
             Hyperscan, and the first string again after it.  */
          if (rs->turn.at < rc->nalt)
            {
              rs->turn.at++;
              continue;
            }
          rs->turn.at = 0;
          rs->turn.off = true;
          *begp = beg;
          return -2;
        }
#endif
    }
  return -1;
}

/* The DFA (after its superset, when it has one) on the lines of
   BEG..LIM (in BUF); regex for the lines with back-references.  */
static ptrdiff_t
dfa_execute (struct regex_comp const *rc, struct regex_scratch *rs,
             char *buf, char *beg, char *lim, size_t *match_size)
{
  char eol = rc->eol;
  struct dfa *superset = dfasuperset (rs->dfa);
  while (beg < lim)
    {
      char *end = lim;
      idx_t count = 0;
      bool backref = false;
      char *next;

      if (superset)
        {
          next = dfaexec (superset, beg, end, false, &count, NULL);
          if (!next || next == end)
            return -1;
          if (count != 0)
            {
              beg = memrchr (buf, eol, next - buf);
              beg = beg ? beg + 1 : buf;
            }
          end = memchr (next, eol, lim - next);
          end = end ? end + 1 : lim;
          /* The superset's line, checked by the DFA.  */
          if (line_matches (rc, rs, beg, end))
            {
              *match_size = end - beg;
              return beg - buf;
            }
          if (end == lim)
            return -1;
          beg = end;
          continue;
        }

      next = dfaexec (rs->dfa, beg, end, false, &count, &backref);
      if (!next || next == end)
        {
          if (end == lim)
            return -1;
          beg = end;
          continue;
        }
      if (count != 0)
        {
          beg = memrchr (buf, eol, next - buf);
          beg = beg ? beg + 1 : buf;
        }
      end = memchr (next, eol, lim - next);
      end = end ? end + 1 : lim;

      size_t len;
      if (!backref
          || (rc->ascii && !find_non_ascii (beg, end)
              ? line_matches (rc, rs, beg, end)
              : regex_set_in_line (rc->set, &rs->re, beg, end, beg, false,
                                   &len) != NULL))
        {
          *match_size = end - beg;
          return beg - buf;
        }
      beg = end;
    }
  return -1;
}

static ptrdiff_t
regex_execute (void const *compiled, void *scratch, char *buf, size_t size,
               size_t *match_size, char const *start,
               struct nul_proof *proof)
{
  struct regex_comp const *rc = compiled;
  struct regex_scratch *rs = scratch;
  if (rc->fixed)
    return engine_fixed.execute (rc->fixed, rs->fixed, buf, size,
                                 match_size, start, proof);
  char *lim = buf + size;
  if (start)
    {
      /* -o, --color: no match at or after START without the string
         (this spares the search after a line's last match, which
         reads the rest of the line: with GNU regex in a UTF-8 locale,
         a tenth of the time of -o).  */
      if (rc->must
          && !mmu__memfind_needle (start, lim - start, &rc->needle))
        return -1;
      size_t len;
      char const *m
        = (rc->ascii && !find_non_ascii (buf, lim)
           ? regex_set_in_line (rc->ascii->set, &ascii_scratch (rc, rs)->re,
                                buf, lim, start, true, &len)
           : regex_set_in_line (rc->set, &rs->re, buf, lim, start, true,
                                &len));
      if (!m)
        return -1;
      *match_size = len;
      return m - buf;
    }
  /* A region this small is a candidate's line (engine-fixed.c's
     prefilter): checked in a copy, see LINE_COPY_MAX.  */
  if (size <= LINE_COPY_MAX && !in_line_copy (rs, buf))
    return regex_execute (compiled, scratch, line_copy (rs, buf, size),
                          size, match_size, NULL, NULL);
  char *beg = buf;
#if HAVE_LIBHS
  if (rc->hs)
    {
      if (rc->must && !rs->turn.off)
        {
          ptrdiff_t off = must_execute (rc, rs, buf, &beg, lim, match_size,
                                       true, proof);
          /* -2: the string is common; Hyperscan from BEG on.  */
          if (off != -2)
            return off;
        }
      char *from = beg;
      ptrdiff_t off = hs_execute (rc, rs, buf, &beg, lim, match_size);
      if (rs->turn.off)
        {
          /* What Hyperscan searched, as far as it is known.  */
          rs->turn.bytes += (off >= 0 ? buf + off : off == -2 ? beg : lim)
                            - from;
          if (rs->turn.bytes >= MUST_OFF_BYTES)
            rs->turn.off = false, rs->turn.bytes = 0;
        }
      /* -2: too large for one scan; the DFA from BEG on then.  */
      if (off != -2)
        return off;
      if (rc->must)
        return must_execute (rc, rs, buf, &beg, lim, match_size, false,
                             proof);
      return dfa_execute (rc, rs, buf, beg, lim, match_size);
    }
#endif
  if (rc->must)
    return must_execute (rc, rs, buf, &beg, lim, match_size, false, proof);
  return dfa_execute (rc, rs, buf, beg, lim, match_size);
}

static void
regex_free (void *compiled)
{
  struct regex_comp *rc = compiled;
  if (!rc)
    return;
  if (rc->fixed)
    {
      engine_fixed.free (rc->fixed);
      free (rc);
      return;
    }
  regex_set_free (rc->set);
  regex_free (rc->ascii);
  if (rc->c_locale)
    freelocale (rc->c_locale);
  free (rc->must);
#if HAVE_LIBHS
  for (size_t i = 0; i < rc->nalt; i++)
    free (rc->alt[i]);
#endif
  free (rc->motif);
#if HAVE_LIBHS
  hsx_free (rc->hs);
#endif
  if (rc->dfa)
    {
      dfafree (rc->dfa);
      free (rc->dfa);
    }
  free (rc);
}

char const *
matcher_hyperscan_version (void)
{
#if HAVE_LIBHS
  return hsx_version ();
#else
  return NULL;
#endif
}

bool
matcher_hyperscan_usable (void)
{
#if HAVE_LIBHS
  return hsx_usable ();
#else
  return false;
#endif
}

struct matcher_engine const engine_regex_bre =
  {
    bre_compile, regex_scratch_new, regex_scratch_free, regex_execute,
    regex_free, NULL, NULL
  };
struct matcher_engine const engine_regex_ere =
  {
    ere_compile, regex_scratch_new, regex_scratch_free, regex_execute,
    regex_free, NULL, NULL
  };
