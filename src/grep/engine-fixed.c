/* engine-fixed.c -- -F: fixed strings.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   One string, matched case-sensitively, is searched with memmem over
   the whole buffer (the library's fast search can take its place).
   Up to eight strings are searched with litset.c's SIMD prefilter;
   more (thousands, from -f), with Hyperscan's literal matcher where
   mmgrep has it (engine-hs.c), else in one pass by an Aho-Corasick
   automaton, case-folded for -i in single-byte locales.
   What remains (an empty string among several, -i in a multibyte
   locale) becomes a list of escaped basic regular expressions for the
   engine of engine-regex.c.  -G and -E patterns without special
   characters come here too (fixed_compile_plain), as in grep.  */

#include <config.h>

#include "matcher.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#if HAVE_LIBHS
# include "engine-hs.h"
#endif
#include "fixed-ac.h"
#include "fixed-fold.h"
#include "litset.h"
#include "localeinfo.h"
#include "memfind.h"
#include "regex-set.h"
#include "xalloc.h"

/* From this many strings (or bytes of strings) on, -i in UTF-8 with
   ASCII strings that fold outside ASCII (s, k) takes the automaton,
   folding the text per character, rather than the regex engine, whose
   DFA or Hyperscan database grows with the caseless UTF-8 expansion
   of each string (20,000 words: 200 MB to GBs, seconds to minutes).
   Below it the regex engine, often Hyperscan, is faster.  */
enum { FIXED_MBFOLD_MIN_STRINGS = 256, FIXED_MBFOLD_MIN_SIZE = 16 * 1024 };

struct fixed_comp
{
  /* Set when the regex engine does the work.  */
  void *regex;
  /* With REGEX: strings that every match contains, to find the lines
     worth giving to REGEX (see fold_safe_set); or, when they are one
     byte that is no ASCII letter, PRE_BYTE (else -1).  */
  struct litset *pre;
  int pre_byte;
  /* Set for several strings, or -i.  */
  struct ac *ac;
  /* The same strings, when the SIMD search can take them.  */
  struct litset *ls;
#if HAVE_LIBHS
  /* Or, for more strings than it takes, Hyperscan's literal matcher,
     and the length of each string (by id).  With HS_MB (-i in UTF-8,
     AC->nmb characters folding to ASCII letters), it finds the
     occurrences on the lines without those characters, and AC decides
     the lines with them.  */
  struct hsx *hs;
  size_t *hslen;
  bool hs_mb;
#endif
  /* Otherwise the one string, and its search prepared.  */
  char *str;
  size_t len;
  struct mmu__needle needle;
  bool words, lines;
  /* The empty string: the next start to try after one that does not
     fit is a byte on, not a character, as in grep (its fixed-string
     matcher, and its regex one but with -i), where an empty match
     inside a character that is no word constituent fits -w.  */
  bool byte_steps;
  /* -w as grep's fixed-string matcher (MATCHER_GREP_FIXED): with -o,
     an occurrence at the start of the search, where the previous one
     ended, has nothing before it.  */
  bool grep_fixed;
  /* With MATCHER_GREP_REGEX, when the strings are not left to the
     regex engine (REGEX): the basic regular expressions grep searches
     for them, with -i, for the lines with an encoding error, where
     GNU regex may miss matches (matcher_encoding_error): their
     matches (-o, --color), and with -w, whether they match.  */
  struct regex_set *grep_re;
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

/* Set FC's prefilter for -i in a multibyte locale (fold_safe_set).  */
static void
fold_prefilter (struct fixed_comp *fc, char const *patterns, size_t size)
{
  for (int variants = 1; variants >= 0 && !fc->pre; variants--)
    {
      size_t n;
      char *set = fold_safe_set (patterns, size, variants, &n);
      if (!set)
        continue;
      if (n == 1 && !isalpha ((unsigned char) set[0]))
        fc->pre_byte = (unsigned char) set[0];
      else
        fc->pre = litset_compile (set, n, true);
      free (set);
      if (fc->pre_byte >= 0)
        return;
    }
}

/* Whether -i with the strings PATTERNS[0..SIZE) (not all folding
   within ASCII) is better left to the automaton with ac_mb_fold_table
   than to the regex engine: a UTF-8 locale, ASCII strings, and many
   of them.  */
static bool
mb_fold_fits (char const *patterns, size_t size)
{
  if (!matcher_multibyte || matcher_unsync)
    return false;
  size_t n = 1;
  for (size_t i = 0; i < size; i++)
    {
      if ((unsigned char) patterns[i] >= 0x80)
        return false;
      n += patterns[i] == '\n';
    }
  return n >= FIXED_MBFOLD_MIN_STRINGS || size >= FIXED_MBFOLD_MIN_SIZE;
}

#if HAVE_LIBHS
/* Whether PATTERNS[0..SIZE) are ASCII.  */
static bool
ascii_only (char const *patterns, size_t size)
{
  for (size_t i = 0; i < size; i++)
    if ((unsigned char) patterns[i] >= 0x80)
      return false;
  return true;
}

/* Give FC Hyperscan's search of the strings PATTERNS[0..SIZE) (none
   empty), ASCII letters folded if ICASE.  False if it cannot.  */
static bool
hs_literals (struct fixed_comp *fc, char const *patterns, size_t size,
             bool icase)
{
  fc->hs = hsx_compile_literals (patterns, size, icase);
  if (!fc->hs)
    return false;
  size_t n = 1;
  for (size_t i = 0; i < size; i++)
    n += patterns[i] == '\n';
  fc->hslen = xnmalloc (n, sizeof *fc->hslen);
  char const *lim = patterns + size;
  size_t k = 0;
  for (char const *p = patterns; p <= lim; k++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      fc->hslen[k] = end - p;
      p = end + 1;
    }
  return true;
}
#endif

/* Compile into FC, new and zeroed.  */
static void
fixed_compile_1 (struct fixed_comp *fc, char const *patterns, size_t size,
                 int flags)
{
  fc->pre_byte = -1;
  fc->eol = flags & MATCHER_NUL_EOL ? '\0' : '\n';
  fc->lines = (flags & MATCHER_LINES) != 0;
  fc->words = (flags & MATCHER_WORDS) && !fc->lines;
  fc->grep_fixed = (flags & MATCHER_GREP_FIXED) != 0;
  bool icase = (flags & MATCHER_ICASE) != 0;
  bool several = memchr (patterns, '\n', size) != NULL;
  /* An empty string among several: every line has it.  */
  bool empty = false;
  if (several)
    {
      char const *lim = patterns + size;
      for (char const *p = patterns; p <= lim && !empty;)
        {
          char const *nl = memchr (p, '\n', lim - p);
          char const *end = nl ? nl : lim;
          empty = end == p;
          p = end + 1;
        }
    }
  bool ascii_fold = icase && fold_is_ascii (patterns, size);
  bool nul_eol = fc->eol != '\n' && memchr (patterns, fc->eol, size);
#if HAVE_LIBHS
  /* -i in UTF-8 with ASCII strings of which some fold outside ASCII:
     Hyperscan's literals find the occurrences on the lines without
     those characters, the automaton decides the lines with them.  Any
     number of strings: the search has no caseless UTF-8 expansion to
     grow.  */
  if (icase && matcher_multibyte && !matcher_unsync && !ascii_fold && !empty
      && !nul_eol && ascii_only (patterns, size))
    {
      struct ac *ac = ac_build (patterns, size, icase);
      if (ac_mb_fold_table (ac) && hs_literals (fc, patterns, size, true))
        {
          fc->ac = ac;
          fc->hs_mb = true;
          return;
        }
      ac_free (ac);
    }
#endif
  if (icase && matcher_multibyte && !ascii_fold && !empty && !nul_eol
      && mb_fold_fits (patterns, size))
    {
      struct ac *ac = ac_build (patterns, size, icase);
      if (ac_mb_fold_table (ac))
        {
          fc->ac = ac;
          return;
        }
      ac_free (ac);
    }
  if ((icase && matcher_multibyte && !ascii_fold) || empty || nul_eol)
    {
      size_t len;
      char *re = escape_patterns (patterns, size, &len);
      engine_regex_bre.compile (&fc->regex, re, len,
                                flags | MATCHER_NO_FIXED);
      free (re);
      if (icase && !empty && !nul_eol)
        fold_prefilter (fc, patterns, size);
      return;
    }
  if (several || (icase && size != 0))
    {
      fc->ac = ac_build (patterns, size, icase);
      if (!icase || ascii_fold)
        fc->ls = litset_compile (patterns, size, icase);
#if HAVE_LIBHS
      if (!fc->ls && (!icase || ascii_fold))
        hs_literals (fc, patterns, size, icase);
#endif
      return;
    }
  fc->str = xmemdup (patterns, size + 1);
  fc->len = size;
  fc->byte_steps = size == 0 && (!icase || (flags & MATCHER_GREP_FIXED));
  mmu__needle_init (&fc->needle, fc->str, fc->len);
}

static void
fixed_compile (void **compiled, char const *patterns, size_t size, int flags)
{
  struct fixed_comp *fc = xzalloc (sizeof *fc);
  *compiled = fc;
  fixed_compile_1 (fc, patterns, size, flags);
  if ((flags & MATCHER_GREP_REGEX) && !fc->regex)
    {
      size_t len;
      char *re = escape_patterns (patterns, size, &len);
      /* Strings escaped: none can be refused, RE is not lost.  */
      regex_set_compile_literal (&fc->grep_re, re, len,
                                 RE_SYNTAX_GREP | RE_ICASE, fc->eol,
                                 fc->words, fc->lines);
      free (re);
    }
  /* The route taken, for MMGREP_DEBUG_ENGINE (see engine-regex.c).  */
  if (getenv ("MMGREP_DEBUG_ENGINE"))
    {
      char const *route = (fc->regex ? "regex"
                           : fc->ls ? "litset"
#if HAVE_LIBHS
                           : fc->hs_mb ? "hyperscan+automaton-non-ascii"
                           : fc->hs ? "hyperscan"
#endif
                           : fc->ac && fc->ac->nmb ? "automaton-non-ascii"
                           : fc->ac ? "automaton"
                           : "memfind");
      fprintf (stderr, "mmgrep: engine: fixed: %s\n", route);
    }
}

/* Whether the occurrence at M (LEN bytes) in the line BEG..END (END
   at its end-of-line byte) satisfies -w and -x; START is where the
   search (-o) started, or NULL.  */
static bool
fixed_fits (struct fixed_comp const *fc, char const *beg, char const *end,
            char const *m, size_t len, char const *start)
{
  /* Tested here first: in UTF-8 and unibyte locales, every match is on
     boundaries, and this runs for each one.  */
  if (matcher_unsync && !matcher_char_starts (beg, m, end + 1))
    return false;
  if (fc->lines)
    return m == beg && m + len == end;
  if (fc->words)
    /* grep's fixed-string matcher looks for the character before from
       where it starts: with -o, an occurrence where the previous one
       ended is taken as a word start.  */
    return !(m == start && fc->grep_fixed
             ? false : matcher_wordchar_before (beg, m, end + 1))
           && !matcher_wordchar_at (m + len, end);
  return true;
}

/* The line of BUF..LIM that M is in: set *LBEG to its start and *LEND
   to its end-of-line byte (LIM - 1 for the last line), unless they are
   already M's line (a cache, first set to LIM and BUF): a long line
   with many occurrences that do not fit -w or -x has its bounds found
   once, not once an occurrence.  */
static void
cached_line (struct fixed_comp const *fc, char const *buf, char const *lim,
             char const *m, char const **lbeg, char const **lend)
{
  if (*lbeg <= m && m <= *lend)
    return;
  char const *b = memrchr (buf, fc->eol, m - buf);
  *lbeg = b ? b + 1 : buf;
  char const *e = memchr (m, fc->eol, lim - m);
  *lend = e ? e : lim - 1;
}

/* The Aho-Corasick search: the first line of BUF..LIM with an
   occurrence that fits, or with START, the leftmost-longest fitting
   occurrence at or after START in the one line.  */
static ptrdiff_t
ac_execute (struct fixed_comp const *fc, char *buf, size_t size,
            size_t *match_size, char const *start)
{
  struct ac const *ac = fc->ac;
  char const *lim = buf + size;
  char const *p = start ? start : buf;
  char const *stop = start ? lim - 1 : lim;
  char const *best = NULL;
  size_t best_len = 0;
  char const *lbeg = lim, *lend = buf;
  int32_t s = 0;
  for (; p < stop; p++)
    {
      if (best && (size_t) (p - best) >= ac->maxlen)
        break;
      unsigned char c = ac->fold[(unsigned char) *p];
      int32_t g;
      while ((g = ac_child (ac, s, c)) < 0 && s != 0)
        s = ac->fail[s];
      s = g >= 0 ? g : 0;
      for (int32_t t = ac->len[s] ? s : ac->dict[s]; t >= 0; t = ac->dict[t])
        {
          size_t len = ac->len[t];
          char const *m = p + 1 - len;
          if (!start)
            cached_line (fc, buf, lim, m, &lbeg, &lend);
          char const *beg = start ? buf : lbeg;
          char const *end = start ? lim - 1 : lend;
          if (!fixed_fits (fc, beg, end, m, len, start))
            continue;
          if (!start)
            {
              *match_size = end + 1 - beg;
              return beg - buf;
            }
          if (!best || m < best || (m == best && len > best_len))
            {
              best = m;
              best_len = len;
            }
        }
    }
  if (!best)
    return -1;
  *match_size = best_len;
  return best - buf;
}

/* ac_execute with the per-character folding of ac_mb_fold_table: the
   characters of AC->mb are fed as their ASCII fold, and a ring of the
   text positions of the last symbols fed maps a string's end back to
   its start.  */
static ptrdiff_t
ac_execute_mb (struct fixed_comp const *fc, char *buf, size_t size,
               size_t *match_size, char const *start)
{
  struct ac const *ac = fc->ac;
  size_t maxmb = 1;
  for (int i = 0; i < ac->nmb; i++)
    if (maxmb < ac->mb[i].len)
      maxmb = ac->mb[i].len;
  size_t ring = 1;
  while (ring <= ac->maxlen)
    ring *= 2;
  char const **pos = xnmalloc (ring, sizeof *pos);
  char const *lim = buf + size;
  char const *p = start ? start : buf;
  char const *stop = start ? lim - 1 : lim;
  char const *best = NULL;
  size_t best_len = 0, k = 0;
  char const *lbeg = lim, *lend = buf;
  int32_t s = 0;
  ptrdiff_t result = -1;
  while (p < stop)
    {
      if (best && (size_t) (p - best) >= ac->maxlen * maxmb)
        break;
      unsigned char b = *p;
      unsigned char c = ac->fold[b];
      size_t w = 1;
      if (b >= 0x80)
        for (int i = 0; i < ac->nmb; i++)
          if (ac->mb[i].len <= stop - p
              && memcmp (p, ac->mb[i].bytes, ac->mb[i].len) == 0)
            {
              c = ac->mb[i].fold;
              w = ac->mb[i].len;
              break;
            }
      pos[k++ & (ring - 1)] = p;
      p += w;
      int32_t g;
      while ((g = ac_child (ac, s, c)) < 0 && s != 0)
        s = ac->fail[s];
      s = g >= 0 ? g : 0;
      for (int32_t t = ac->len[s] ? s : ac->dict[s]; t >= 0; t = ac->dict[t])
        {
          char const *m = pos[(k - ac->len[t]) & (ring - 1)];
          size_t len = p - m;
          if (!start)
            cached_line (fc, buf, lim, m, &lbeg, &lend);
          char const *beg = start ? buf : lbeg;
          char const *end = start ? lim - 1 : lend;
          if (!fixed_fits (fc, beg, end, m, len, start))
            continue;
          if (!start)
            {
              *match_size = end + 1 - beg;
              result = beg - buf;
              goto done;
            }
          if (!best || m < best || (m == best && len > best_len))
            {
              best = m;
              best_len = len;
            }
        }
    }
  if (best)
    {
      *match_size = best_len;
      result = best - buf;
    }
 done:
  free (pos);
  return result;
}

/* The line of FROM..LIM that P is in (FROM a line start): set
   *LINE_END to its end-of-line byte (LIM - 1 for the last line) and
   return its start.  */
static char const *
line_of (struct fixed_comp const *fc, char const *from, char const *p,
         char const *lim, char const **line_end)
{
  char *next;
  char const *beg = matcher_line (from, p, lim, fc->eol, &next);
  *line_end = next - 1;
  return beg;
}

#if HAVE_LIBHS
/* The search of one buffer with Hyperscan's literals: what the
   callback of each occurrence knows, and what it found.  */
struct hs_search
{
  struct fixed_comp const *fc;
  char const *buf, *lim;
  /* With HS_MB: the lines before this (a line start) are decided.  */
  char const *decided;
  /* The line of the last occurrence, from its start to its end-of-line
     byte, for the next ones in it (a long line with many occurrences
     that do not fit -w: its bounds are found once).  */
  char const *line_beg, *line_end;
  /* The line found, and its length.  */
  char const *found;
  size_t found_size;
};

/* With HS_MB: the first byte of [P, LIM) that starts one of the
   characters AC->mb, or NULL.  */
static char const *
find_mb_lead (struct ac const *ac, char const *p, char const *lim)
{
  char const *first = NULL;
  for (int i = 0; i < ac->nmb; i++)
    {
      char const *q = memchr (p, ac->mb[i].bytes[0],
                              (first ? first : lim) - p);
      if (q)
        first = q;
    }
  return first;
}

/* With HS_MB: decide with the automaton the lines of [S->decided, TO)
   (TO a line start) that hold a character of AC->mb.  True when one
   matches (the first is S->found).  */
static bool
hs_decide_mb (struct hs_search *s, char const *to)
{
  struct fixed_comp const *fc = s->fc;
  while (s->decided < to)
    {
      char const *h = find_mb_lead (fc->ac, s->decided, to);
      if (!h)
        {
          s->decided = to;
          break;
        }
      char const *e;
      char const *b = line_of (fc, s->decided, h, s->lim, &e);
      s->decided = e + 1;
      size_t len;
      if (ac_execute_mb (fc, (char *) b, e + 1 - b, &len, NULL) >= 0)
        {
          s->found = b;
          s->found_size = len;
          return true;
        }
    }
  return false;
}

static int
hs_on_match (unsigned int id, size_t end, void *context)
{
  struct hs_search *s = context;
  struct fixed_comp const *fc = s->fc;
  size_t len = fc->hslen[id];
  char const *m = s->buf + end - len;
  cached_line (fc, s->buf, s->lim, m, &s->line_beg, &s->line_end);
  char const *beg = s->line_beg, *e = s->line_end;
  if (fc->hs_mb)
    {
      if (beg < s->decided)
        return 0;
      if (hs_decide_mb (s, beg))
        return 1;
    }
  if (fc->hs_mb && find_mb_lead (fc->ac, beg, e))
    {
      /* The automaton decides this line, once.  */
      s->decided = beg;
      return hs_decide_mb (s, e + 1);
    }
  if (!(fc->words || fc->lines || matcher_unsync)
      || fixed_fits (fc, beg, e, m, len, NULL))
    {
      s->found = beg;
      s->found_size = e + 1 - beg;
      return 1;
    }
  return 0;
}

/* The first line of BUF[0..SIZE) with an occurrence of a string that
   fits -w and -x, found with Hyperscan.  */
static ptrdiff_t
hs_lit_execute (struct fixed_comp const *fc, struct hs_scratch *scratch,
                char *buf, size_t size, size_t *match_size)
{
  struct hs_search s = { fc, buf, buf + size, buf, buf + size, buf, NULL, 0 };
  if (!hsx_scan_literals (fc->hs, scratch, buf, size, fc->ac->maxlen,
                          hs_on_match, &s)
      && !(fc->hs_mb && hs_decide_mb (&s, s.lim)))
    return -1;
  *match_size = s.found_size;
  return s.found - buf;
}
#endif

/* The first line of BUF[0..SIZE) with an occurrence of a string that
   fits -w and -x, found with the literal set.  */
static ptrdiff_t
litset_execute (struct fixed_comp const *fc, char *buf, size_t size,
                size_t *match_size)
{
  char const *lim = buf + size;
  char const *from = buf;       /* a line start */
  for (char const *p = buf; p < lim;)
    {
      unsigned int which;
      char const *resume;
      char const *m = litset_next (fc->ls, p, lim, &which, &resume);
      if (!m)
        return -1;
      char const *end;
      if (m == litset_give_up)
        {
          /* Linear whatever the input: the automaton, from the start
             of the line it gave up in.  */
          char const *beg = line_of (fc, from, resume, lim, &end);
          ptrdiff_t off = ac_execute (fc, (char *) beg, lim - beg,
                                      match_size, NULL);
          return off < 0 ? -1 : off + (beg - buf);
        }
      char const *beg = line_of (fc, from, m, lim, &end);
      for (unsigned int i = 0; which; i++, which >>= 1)
        if ((which & 1)
            && fixed_fits (fc, beg, end, m, litset_len (fc->ls, i), NULL))
          {
            *match_size = end + 1 - beg;
            return beg - buf;
          }
      /* Not here; -x: go to the next line, else one character on.  */
      from = beg;
      if (fc->lines)
        p = from = end + 1;
      else
        p = m + (matcher_unsync ? 1 : matcher_charlen (m, lim));
    }
  return -1;
}

/* The first line of BUF[0..SIZE) that the regex engine matches, asked
   only of the lines where the prefilter finds its strings.  */
static ptrdiff_t
prefiltered_execute (struct fixed_comp const *fc, void *scratch, char *buf,
                     size_t size, size_t *match_size)
{
  char const *lim = buf + size;
  for (char const *p = buf; p < lim;)
    {
      unsigned int which;
      char const *resume;
      char const *m = (fc->pre_byte >= 0
                       ? memchr (p, fc->pre_byte, lim - p)
                       : litset_next (fc->pre, p, lim, &which, &resume));
      if (!m)
        return -1;
      char const *end;
      if (m == litset_give_up)
        {
          char const *beg = line_of (fc, p, resume, lim, &end);
          ptrdiff_t off = engine_regex_bre.execute (fc->regex, scratch,
                                                    (char *) beg, lim - beg,
                                                    match_size, NULL, NULL);
          return off < 0 ? -1 : off + (beg - buf);
        }
      char const *beg = line_of (fc, p, m, lim, &end);
      size_t len;
      ptrdiff_t off = engine_regex_bre.execute (fc->regex, scratch,
                                                (char *) beg, end + 1 - beg,
                                                &len, NULL, NULL);
      if (off >= 0)
        {
          *match_size = len;
          return off + (beg - buf);
        }
      p = end + 1;
    }
  return -1;
}

/* The only mutable state is the regex engine's, when it does the
   work, or Hyperscan's: a thread's scratch holds its scratch, or is
   NULL.  */
struct fixed_scratch
{
  void *regex;
#if HAVE_LIBHS
  struct hs_scratch *hs;
#endif
  struct regex_copies grep_re;  /* for GREP_RE */
  /* The line last asked about with a START (-o, --color), and whether
     it has an encoding error: a line's matches are asked for in turn,
     from its start on.  */
  char const *err_line;
  size_t err_size;
  bool err;
};

static void *
fixed_scratch_new (void const *compiled)
{
  struct fixed_comp const *fc = compiled;
  bool hs = false;
#if HAVE_LIBHS
  hs = fc->hs != NULL;
#endif
  if (!fc->regex && !hs && !fc->grep_re)
    return NULL;
  struct fixed_scratch *fs = xzalloc (sizeof *fs);
  if (fc->regex)
    fs->regex = engine_regex_bre.scratch_new (fc->regex);
#if HAVE_LIBHS
  if (fc->hs)
    fs->hs = hsx_scratch_new (fc->hs);
#endif
  return fs;
}

static void
fixed_scratch_free (void *scratch)
{
  struct fixed_scratch *fs = scratch;
  if (!fs)
    return;
  engine_regex_bre.scratch_free (fs->regex);
#if HAVE_LIBHS
  if (fs->hs)
    hsx_scratch_free (fs->hs);
#endif
  regex_copies_free (&fs->grep_re);
  free (fs);
}

static inline ptrdiff_t
fixed_execute_1 (struct fixed_comp const *fc, struct fixed_scratch *fs,
                 char *buf, size_t size, size_t *match_size,
                 char const *start, struct nul_proof *proof)
{
  if (fc->regex)
    {
      if ((fc->pre || fc->pre_byte >= 0) && !start)
        return prefiltered_execute (fc, fs->regex, buf, size, match_size);
      return engine_regex_bre.execute (fc->regex, fs->regex, buf, size,
                                       match_size, start, NULL);
    }
#if HAVE_LIBHS
  if (fc->hs && !start)
    return hs_lit_execute (fc, fs->hs, buf, size, match_size);
#endif
  if (fc->ls && !start)
    return litset_execute (fc, buf, size, match_size);
  if (fc->ac && fc->ac->nmb)
    return ac_execute_mb (fc, buf, size, match_size, start);
  if (fc->ac)
    return ac_execute (fc, buf, size, match_size, start);
  char const *lim = buf + size;
  char const *p = start ? start : buf;
  /* The end of the line: START's line, or the whole buffer.  */
  char const *stop = start ? lim - 1 : lim;
  while (start ? p <= stop : p < lim)
    {
      char const *m = matcher_find_proving (proof, p, stop - p,
                                            &fc->needle);
      if (!m)
        return -1;
      char const *beg = memrchr (buf, fc->eol, m - buf);
      beg = beg ? beg + 1 : buf;
      char const *end = memchr (m, fc->eol, lim - m);
      if (!end)
        end = lim - 1;
      /* The search goes on after this line, or after the line
         returned: the proof over it, while it is in the cache.  */
      matcher_nul_bridge (proof, end + 1);
      if (m + fc->len <= end
          && fixed_fits (fc, beg, end, m, fc->len, start))
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
        p = m + (matcher_unsync || fc->byte_steps
                 ? 1 : matcher_charlen (m, lim));
    }
  return -1;
}

/* As grep, whose regex matcher, with -i in a multibyte locale, may
   miss matches on a line with an encoding error
   (matcher_encoding_error): there GNU regex says where the matches
   are (START), and, with -w, whether the line matches (it finds only
   occurrences of the strings, so only a line the strings' search
   chose can match).  */
static ptrdiff_t
grep_re_execute (struct fixed_comp const *fc, struct fixed_scratch *fs,
                 char *buf, size_t size, size_t *match_size,
                 char const *start)
{
  char *lim = buf + size;
  if (start)
    {
      if (start == buf || buf != fs->err_line || size != fs->err_size)
        {
          fs->err_line = buf;
          fs->err_size = size;
          fs->err = matcher_encoding_error (buf, lim);
        }
      if (!fs->err)
        return fixed_execute_1 (fc, fs, buf, size, match_size, start, NULL);
      size_t len;
      char const *m = regex_set_in_line (fc->grep_re, &fs->grep_re, buf, lim,
                                         start, true, &len);
      if (!m)
        return -1;
      *match_size = len;
      return m - buf;
    }
  for (char *p = buf; p < lim;)
    {
      ptrdiff_t off = fixed_execute_1 (fc, fs, p, lim - p, match_size, NULL,
                                       NULL);
      if (off < 0)
        return off;
      char *b = p + off;
      char *e = b + *match_size;
      size_t len;
      if (!matcher_encoding_error (b, e)
          || regex_set_in_line (fc->grep_re, &fs->grep_re, b, e, b, false,
                                &len))
        return b - buf;
      p = e;
    }
  return -1;
}

static ptrdiff_t
fixed_execute (void const *compiled, void *scratch, char *buf, size_t size,
               size_t *match_size, char const *start,
               struct nul_proof *proof)
{
  struct fixed_comp const *fc = compiled;
  struct fixed_scratch *fs = scratch;
  if (fc->grep_re && (start || fc->words))
    return grep_re_execute (fc, fs, buf, size, match_size, start);
  return fixed_execute_1 (fc, fs, buf, size, match_size, start, proof);
}

static void
fixed_free (void *compiled)
{
  struct fixed_comp *fc = compiled;
  if (!fc)
    return;
  if (fc->regex)
    engine_regex_bre.free (fc->regex);
  if (fc->ac)
    ac_free (fc->ac);
  litset_free (fc->ls);
  litset_free (fc->pre);
  regex_set_free (fc->grep_re);
#if HAVE_LIBHS
  hsx_free (fc->hs);
  free (fc->hslen);
#endif
  free (fc->str);
  free (fc);
}

struct matcher_engine const engine_fixed =
  {
    fixed_compile, fixed_scratch_new, fixed_scratch_free, fixed_execute,
    fixed_free, NULL, NULL
  };
