/* matcher.c -- choose an engine and run it (see matcher.h).

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "matcher.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <wchar.h>
#include <wctype.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

#include "error.h"
#include "localeinfo.h"
#include "memfind.h"
#include "utf8-valid.h"
#include "xalloc.h"

/* How GNU grep 3.8 answers its start-up question, whether the line
   "\n" after a NUL byte matches (see matcher_grep_selects_empty_line).  */
enum grep_verdict
{
  GREP_VERDICT_TRUE,            /* as mmgrep's engine answers */
  GREP_VERDICT_NO,              /* no: its fixed-string matcher with -x */
  GREP_VERDICT_NOTBOL           /* the engine's empty_notbol (-P) */
};

/* The compiled patterns, shared by every thread.  */
struct matcher
{
  struct matcher_engine const *engine;
  void *compiled;
  enum grep_verdict grep_verdict;
  char eol;
};

/* One thread's.  */
struct matcher_scratch
{
  struct matcher_engine const *engine;
  void *engine_scratch;
  /* The proof that the searches note (matcher_nul_proof_start), while
     PROVING.  */
  bool proving;
  struct nul_proof proof;
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

/* grep 3.8's mb_clen: the length of the character at P (N bytes
   left), negative for an encoding error or an incomplete one.  */
static ptrdiff_t
grep_clen (struct localeinfo const *li, char const *p, size_t n,
           mbstate_t *st)
{
  signed char len = li->sbclen[(unsigned char) *p];
  return len == -2 ? (ptrdiff_t) mbrlen (p, n, st) : len;
}

/* grep 3.8's fgrep_icase_charlen (with its ok_fold table): the length
   of the character at P if grep's fixed-string matcher can ignore its
   case (a single-byte character whose case counterparts are all
   single bytes, or a multibyte one with none), else -1.  */
static ptrdiff_t
grep_icase_clen (struct localeinfo const *li, char const *p, size_t n,
                 mbstate_t *st)
{
  unsigned char c = *p;
  wchar_t folded[CASE_FOLDED_BUFSIZE];
  if (li->sbctowc[c] != WEOF)
    {
      for (int i = case_folded_counterparts (li->sbctowc[c], folded);
           0 <= --i; )
        {
          char buf[MB_LEN_MAX];
          mbstate_t s = { 0 };
          if (wcrtomb (buf, folded[i], &s) != 1)
            return -1;
        }
      return 1;
    }
  wchar_t wc;
  size_t wn = mbrtowc (&wc, p, n, st);
  if (MB_LEN_MAX < wn || case_folded_counterparts (wc, folded))
    return -1;
  for (ptrdiff_t i = wn; 0 < --i; )
    {
      unsigned char b = p[i];
      if (toupper (b) != b)
        return -1;
    }
  return wn;
}

/* Whether GNU grep 3.8 searches PATTERNS (SIZE bytes, one per line,
   duplicates removed) in SYNTAX with FLAGS with its fixed-string
   matcher, in the current locale.  grep's main keeps -F, except that
   in a unibyte locale a single pattern with -w goes to -G, and in a
   multibyte one patterns with an encoding error, or with -i
   characters whose case the fixed-string matcher cannot fold
   (fgrep_icase_available), go to -G; and it moves -G and -E with two
   patterns or more to -F when all are plain strings once their
   backslashes are removed (try_fgrep_pattern).  */
static bool
grep_uses_fixed (char const *patterns, size_t size,
                 enum matcher_syntax syntax, int flags)
{
  if (syntax != MATCHER_FIXED && syntax != MATCHER_BRE
      && syntax != MATCHER_ERE)
    return false;
  struct localeinfo li;
  init_localeinfo (&li);
  bool icase = (flags & MATCHER_ICASE) != 0;
  bool several = memchr (patterns, '\n', size) != NULL;
  mbstate_t st = { 0 };
  if (syntax == MATCHER_FIXED)
    {
      if (!li.multibyte)
        return several || !(flags & MATCHER_WORDS);
      for (size_t i = 0; i < size; )
        {
          ptrdiff_t n = (icase ? grep_icase_clen : grep_clen)
            (&li, patterns + i, size - i, &st);
          if (n < 0)
            return false;
          i += n + !n;
        }
      return true;
    }
  if (!several)
    return false;
  bool bre = syntax == MATCHER_BRE;
  char const *q = patterns;
  size_t len = size;
  while (len != 0)
    {
      switch (*q)
        {
        case '$': case '*': case '.': case '[': case '^':
          return false;
        case '(': case '+': case '?': case '{': case '|':
          if (!bre)
            return false;
          break;
        case '\\':
          if (1 < len)
            switch (q[1])
              {
              case '\n':
              case 'B': case 'S': case 'W': case '\'': case '<':
              case 'b': case 's': case 'w': case '`': case '>':
              case '1': case '2': case '3': case '4':
              case '5': case '6': case '7': case '8': case '9':
                return false;
              case '(': case '+': case '?': case '{': case '|': case ')':
                if (bre)
                  return false;
                q++, len--;
                break;
              default:
                q++, len--;
                break;
              }
          break;
        default:
          break;
        }
      ptrdiff_t n = (icase ? grep_icase_clen : grep_clen) (&li, q, len, &st);
      if (n < 0)
        return false;
      q += n;
      len -= n;
    }
  return true;
}

/* PATTERNS (SIZE bytes), -G or -E ones with a backslash that grep
   3.8 searches as fixed strings (grep_uses_fixed): those strings as
   its try_fgrep_pattern makes them, each backslash removed before the
   character it escapes and a last one that escapes nothing kept
   (grep -e a -e '\', where its regex compiler would say "Trailing
   backslash"), NUL-terminated, to free, of *NEW_SIZE bytes.  The
   regex engines would not always search them as those strings: with
   -i, regex in UTF-8 never matches an escaped lowercase letter
   (grep -i -w -e '\k' -e a matches "k" as a word).  */
static char *
grep_fixed_strings (char const *patterns, size_t size, int flags,
                    size_t *new_size)
{
  struct localeinfo li;
  init_localeinfo (&li);
  bool icase = (flags & MATCHER_ICASE) != 0;
  mbstate_t st = { 0 };
  char *r = xmalloc (size + 1);
  char *p = r;
  char const *q = patterns;
  size_t len = size;
  while (len != 0)
    {
      if (*q == '\\' && len != 1)
        q++, len--;
      ptrdiff_t n = (icase ? grep_icase_clen : grep_clen) (&li, q, len, &st);
      if (n <= 0)
        n = 1;
      memcpy (p, q, n);
      p += n;
      q += n;
      len -= n;
    }
  *p = '\0';
  *new_size = p - r;
  return r;
}

struct matcher *
matcher_new (void)
{
  return xzalloc (sizeof (struct matcher));
}

void
matcher_compile (struct matcher *m, char const *patterns, size_t size,
                 enum matcher_syntax syntax, int flags,
                 struct matcher_origin const *o, size_t no)
{
  matcher_multibyte = MB_CUR_MAX > 1;
  matcher_unsync = matcher_multibyte && !locale_is_utf8 ();
  char *fixed = NULL;
  size_t fixed_size;
  /* The fixed-string engine refuses no pattern: FIXED is not lost.  */
  if ((syntax == MATCHER_BRE || syntax == MATCHER_ERE)
      && memchr (patterns, '\\', size)
      && grep_uses_fixed (patterns, size, syntax, flags))
    {
      fixed = grep_fixed_strings (patterns, size, flags, &fixed_size);
      patterns = fixed;
      size = fixed_size;
      syntax = MATCHER_FIXED;
    }
  switch (syntax)
    {
    case MATCHER_BRE: m->engine = &engine_regex_bre; break;
    case MATCHER_ERE: m->engine = &engine_regex_ere; break;
    case MATCHER_FIXED: m->engine = &engine_fixed; break;
    default: m->engine = &engine_pcre; break;
    }
  origins = o;
  norigins = no;
  if ((flags & MATCHER_WORDS) && !(flags & MATCHER_LINES)
      && grep_uses_fixed (patterns, size, syntax, flags))
    flags |= MATCHER_GREP_FIXED;
  if ((flags & MATCHER_ICASE) && matcher_multibyte
      && syntax != MATCHER_PCRE
      && !grep_uses_fixed (patterns, size, syntax, flags))
    flags |= MATCHER_GREP_REGEX;
  m->engine->compile (&m->compiled, patterns, size, flags);
  m->eol = flags & MATCHER_NUL_EOL ? '\0' : '\n';
  /* With -z, the NUL byte before grep's empty line is an end of line:
     its matchers answer truly.  */
  m->grep_verdict = GREP_VERDICT_TRUE;
  if (!(flags & MATCHER_NUL_EOL))
    {
      if (syntax == MATCHER_PCRE && m->engine->empty_notbol)
        m->grep_verdict = GREP_VERDICT_NOTBOL;
      else if ((flags & MATCHER_LINES)
               && grep_uses_fixed (patterns, size, syntax, flags))
        m->grep_verdict = GREP_VERDICT_NO;
    }
  free (fixed);
  origins = NULL;
  norigins = 0;
  /* The patterns warned once: the threads' scratches, which parse
     them again (the DFA), do not.  */
  matcher_no_warnings = true;
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
  s->proving = false;
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
                             match_size, start,
                             s->proving && !start ? &s->proof : NULL);
}

void
matcher_nul_proof_start (struct matcher_scratch *s, char const *at)
{
  s->proving = true;
  s->proof.from = s->proof.to = at;
}

char const *
matcher_nul_proof_end (struct matcher_scratch *s)
{
  s->proving = false;
  return s->proof.to;
}

char const *
matcher_find_proving (struct nul_proof *proof, char const *p, size_t n,
                      struct mmu__needle const *needle)
{
  if (!proof)
    return mmu__memfind_needle (p, n, needle);
  size_t clean;
  char const *m = mmu__memfind_needle_nul (p, n, needle, &clean);
  /* P..P+CLEAN holds no NUL: it extends the proof if it joins it.  */
  if (proof->from <= p && p <= proof->to
      && clean > (size_t) (proof->to - p))
    proof->to = p + clean;
  return m;
}

void
matcher_nul_bridge (struct nul_proof *proof, char const *upto)
{
  if (proof && proof->to < upto)
    {
      char const *z = memchr (proof->to, '\0', upto - proof->to);
      proof->to = z ? z : upto;
    }
}

bool
matcher_grep_selects_empty_line (struct matcher const *m,
                                 struct matcher_scratch *s, bool invert)
{
  ptrdiff_t r;
  switch (m->grep_verdict)
    {
    case GREP_VERDICT_NO:
      r = -1;
      break;
    case GREP_VERDICT_NOTBOL:
      r = m->engine->empty_notbol (m->compiled, s->engine_scratch);
      break;
    default:
      {
        char empty[3] = { m->eol, m->eol, m->eol };
        size_t match_size;
        r = matcher_execute (m, s, empty + 1, 1, &match_size, NULL);
      }
      break;
    }
  return r == MATCHER_FAILED || (r == 0) != invert;
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
      if (m->engine)
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
  /* UTF-8, as grep's wordchar_prev: the character that holds P[-1],
     when P[-1] is a continuation byte of a valid one (P may be inside
     it: grep's -w retries step a byte at a time); otherwise whatever
     starts at P[-1] (an encoding error is no word constituent).  */
  char const *q = p - 1;
  unsigned char b = *q;
  if (b < 0x80)
    return b == '_' || isalnum (b);
  if ((b & 0xc0) == 0x80)
    for (int i = 1; i <= 3 && beg <= q - i; i++)
      if ((q[-i] & 0xc0) != 0x80)
        {
          mbstate_t st = { 0 };
          size_t n = mbrlen (q - i, lim - (q - i), &st);
          if (i < n && n < (size_t) -2)
            q -= i;
          break;
        }
  return matcher_wordchar_at (q, lim);
}

bool
matcher_encoding_error (char const *p, char const *lim)
{
  if (!matcher_multibyte)
    return false;
  char const *beg = p;
  mbstate_t st = { 0 };
  while (p < lim)
    {
      /* Most lines are mostly ASCII: to the next non-ASCII byte, 16
         or 8 bytes at a time.  */
#ifdef __SSE2__
      for (; lim - p >= 16; p += 16)
        {
          __m128i v = _mm_loadu_si128 ((void const *) p);
          unsigned int mask = _mm_movemask_epi8 (v);
          if (mask)
            {
              p += __builtin_ctz (mask);
              break;
            }
        }
#endif
      uint64_t w;
      for (; lim - p >= 8; p += 8)
        {
          memcpy (&w, p, sizeof w);
          if (w & UINT64_C (0x8080808080808080))
            break;
        }
      if (p == lim)
        break;
      /* The last bytes, at once when they are ASCII: the eight bytes
         before LIM, which may overlap the bytes seen (but not
         before BEG).  */
      if (lim - p < 8 && lim - beg >= 8)
        {
          memcpy (&w, lim - 8, sizeof w);
          if (!(w & UINT64_C (0x8080808080808080)))
            break;
        }
      if ((unsigned char) *p < 0x80)
        {
          p++;
          continue;
        }
      size_t n;
      if (!matcher_unsync)
        {
          /* UTF-8.  */
          n = utf8_char_valid ((unsigned char const *) p,
                               (unsigned char const *) lim);
          if (!n)
            return true;
        }
      else
        {
          n = mbrlen (p, lim - p, &st);
          if (n == (size_t) -1 || n == (size_t) -2)
            return true;
        }
      p += n ? n : 1;
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
