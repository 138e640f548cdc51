/* hs-translate.c -- GNU regular expressions in Hyperscan's syntax.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   A pattern is parsed as GNU grep parses it, BRE for -G, ERE for -E,
   and written again in Hyperscan's PCRE-like syntax (engine-hs.c
   compiles and runs the result).  Nothing may match across a line:
   every character set is written out as the bytes it holds, without
   the newline ('.', [^...], \W and \S included), and ^ and $ are
   Hyperscan's multi-line anchors.

   In the C locale the translation is exact, except for \< and \>
   (Hyperscan has no look-around): these are dropped, which makes a
   superset; so does -w, for which the patterns are taken as they are.
   In a UTF-8 locale the translation works on bytes (the UTF-8 mode of
   Hyperscan is undefined on invalid input), and each set of
   characters becomes its ASCII part (a bracket with a range: the
   ASCII characters GNU regex puts in it in this locale), which is
   exact on lines of ASCII characters only; so is -i with s, k or i,
   which fold with U+017F, U+212A, U+0130 and U+0131 in glibc.  The
   lines with a non-ASCII byte are then left to the DFA
   (HSX_CHECK_NON_ASCII); a non-ASCII letter with -i is not taken.
   When the translation is a superset (HSX_CHECK_FOUND),
   engine-regex.c checks each line found with the DFA.

   Not taken (here, or by engine-hs.c): back-references, equivalence
   classes and collating symbols, escapes GNU grep warns about, an
   operator where GNU takes it as an ordinary character (a leading *, a
   { that does not start an interval), patterns that may match the
   empty string, groups nested more than 1000 deep, intervals whose
   copies weigh too much (HS_REPEAT_COPIES_MAX), -z, locales other than
   C, POSIX and UTF-8 ones.
   engine-regex.c then uses its DFA alone.  */

#include <config.h>

#include "hs-translate.h"

#include <ctype.h>
#include <limits.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "xalloc.h"

/* The translation of one pattern.  */
struct tr
{
  char const *p, *lim;
  char *out;
  size_t len, alloc;
  bool bre, utf8, icase;
  /* Set when the result is only a superset.  */
  bool superset;
  /* Set when the result is exact only on lines of ASCII characters
     (UTF-8 locales).  */
  bool ascii_lines;
  /* The largest count of the last interval read: X{3} is three X, and
     X{2,} three as well (two and a star).  */
  uint64_t bound;
};

/* What a part of the pattern weighs: its atoms, each interval's copies
   counted (EXPANDED), and counted once (PLAIN).  Hyperscan's compiler
   expands bounded repeats into that many states, and its time grows
   much faster than their number where a repeat meets another one:
   "a{1000}b*a{1000}" took it 42 s (GNU grep 0.01 s), "0x*a{2122}" 7
   s, "(a{30}b*){30}" 1.7 s.  */
struct weight
{
  uint64_t expanded, plain;
};

/* A weight's expanded count never grows past this (nested intervals
   multiply).  */
enum { WEIGHT_CAP = 1 << 30 };

static void
weight_add (struct weight *w, struct weight const *v)
{
  w->expanded += v->expanded;
  if (w->expanded > WEIGHT_CAP)
    w->expanded = WEIGHT_CAP;
  w->plain += v->plain;
}

/* What the last item of a branch was: a quantifier needs an atom.  */
enum last { LAST_NONE, LAST_ANCHOR, LAST_ATOM };

static void
out_mem (struct tr *t, char const *s, size_t n)
{
  if (t->alloc - t->len < n + 1)
    {
      t->alloc = 2 * (t->len + n + 1);
      t->out = xrealloc (t->out, t->alloc);
    }
  memcpy (t->out + t->len, s, n);
  t->len += n;
  t->out[t->len] = '\0';
}

static void
out_str (struct tr *t, char const *s)
{
  out_mem (t, s, strlen (s));
}

static void
out_byte (struct tr *t, unsigned char c)
{
  char buf[5];
  static char const hex[] = "0123456789abcdef";
  buf[0] = '\\';
  buf[1] = 'x';
  buf[2] = hex[c >> 4];
  buf[3] = hex[c & 15];
  out_mem (t, buf, 4);
}

/* Write the set of bytes SET as one atom.  In a UTF-8 locale, SET
   holds the atom's ASCII characters: the atom is exact on lines of
   ASCII characters only.  */
static bool
out_set (struct tr *t, bool set[UCHAR_MAX + 1])
{
  int hi = t->utf8 ? 0x7f : UCHAR_MAX;
  set['\n'] = false;
  bool empty = true;
  for (int c = 0; c <= hi; c++)
    empty &= !set[c];
  if (t->utf8)
    {
      t->ascii_lines = true;
      /* No ASCII character: only lines with others can match.  */
      if (empty)
        out_str (t, "[\\x80-\\xff]");
    }
  else if (empty)
    return false;
  if (!empty)
    {
      out_str (t, "[");
      for (int c = 0; c <= hi; c++)
        if (set[c])
          {
            int e = c;
            while (e < hi && set[e + 1])
              e++;
            out_byte (t, c);
            if (e > c)
              {
                out_str (t, "-");
                out_byte (t, e);
              }
            c = e;
          }
      out_str (t, "]");
    }
  return true;
}

/* Fold SET for -i.  */
static void
fold_set (struct tr *t, bool set[UCHAR_MAX + 1])
{
  if (!t->icase)
    return;
  for (int c = 0; c <= UCHAR_MAX; c++)
    if (set[c])
      set[toupper (c)] = set[tolower (c)] = true;
}

/* The bytes of class NAME (NAMELEN bytes) into SET.  */
static bool
class_set (struct tr *t, char const *name, size_t namelen,
           bool set[UCHAR_MAX + 1])
{
  static char const *const names[] =
    { "alpha", "upper", "lower", "digit", "xdigit", "space", "print",
      "punct", "graph", "cntrl", "blank", "alnum" };
  int k;
  for (k = 0; k < (int) (sizeof names / sizeof *names); k++)
    if (strlen (names[k]) == namelen && !memcmp (names[k], name, namelen))
      break;
  int hi = t->utf8 ? 0x7f : UCHAR_MAX;
  for (int c = 0; c <= hi; c++)
    {
      bool in;
      switch (k)
        {
        case 0: in = isalpha (c); break;
        case 1: in = isupper (c); break;
        case 2: in = islower (c); break;
        case 3: in = isdigit (c); break;
        case 4: in = isxdigit (c); break;
        case 5: in = isspace (c); break;
        case 6: in = isprint (c); break;
        case 7: in = ispunct (c); break;
        case 8: in = isgraph (c); break;
        case 9: in = iscntrl (c); break;
        case 10: in = isblank (c); break;
        case 11: in = isalnum (c); break;
        default: return false;
        }
      if (in)
        set[c] = true;
    }
  /* With -i, [:upper:] and [:lower:] take both cases (fold_set).  */
  return true;
}

/* The length of the character at P, or 0 if it is not valid.  */
static size_t
char_len (struct tr *t, char const *p)
{
  if (!t->utf8 || (unsigned char) *p < 0x80)
    return 1;
  mbstate_t st = { 0 };
  size_t n = mbrlen (p, t->lim - p, &st);
  return n == 0 || n > (size_t) (t->lim - p) ? 0 : n;
}

/* The bracket expression BR (LEN bytes) of a UTF-8 locale, with a
   range in it, written as its ASCII characters: those that GNU regex,
   which the DFA asks about such ranges, matches in this locale.  */
static bool
regex_set (struct tr *t, char const *br, size_t len)
{
  if (memchr (br, '\0', len))
    return false;
  char *pat = ximemdup0 (br, len);
  regex_t re;
  int err = regcomp (&re, pat, REG_NOSUB | (t->icase ? REG_ICASE : 0));
  free (pat);
  if (err)
    return false;
  bool set[UCHAR_MAX + 1] = { false };
  for (int c = 0; c < 0x80; c++)
    {
      /* Terminated too, for those who ignore REG_STARTEND.  */
      char str[2] = { c, '\0' };
      regmatch_t m[1] = { { 0, 1 } };
      set[c] = regexec (&re, str, 1, m, REG_STARTEND) == 0;
    }
  regfree (&re);
  return out_set (t, set);
}

/* A bracket expression; T->p is just after the '['.  */
static bool
bracket (struct tr *t)
{
  char const *open = t->p - 1;
  bool set[UCHAR_MAX + 1] = { false };
  bool neg = false, any = false;
  if (t->p < t->lim && *t->p == '^')
    {
      neg = true;
      t->p++;
    }
  for (bool first = true;; first = false)
    {
      if (t->p >= t->lim)
        return false;
      unsigned char c = *t->p;
      if (c == ']' && !first)
        {
          t->p++;
          break;
        }
      if (c == '[' && t->p + 1 < t->lim
          && (t->p[1] == ':' || t->p[1] == '=' || t->p[1] == '.'))
        {
          if (t->p[1] != ':')
            return false;
          char const *name = t->p + 2;
          char const *e = name;
          while (e + 1 < t->lim && !(e[0] == ':' && e[1] == ']'))
            e++;
          if (e + 1 >= t->lim || !class_set (t, name, e - name, set))
            return false;
          t->p = e + 2;
          continue;
        }
      size_t n = char_len (t, t->p);
      if (!n)
        return false;
      char const *after = t->p + n;
      if (after + 1 < t->lim && *after == '-' && after[1] != ']')
        {
          unsigned char c2 = after[1];
          size_t n2 = char_len (t, after + 1);
          if (!n2 || c2 == '[')
            return false;
          if (!t->utf8)
            {
              if (c > c2)
                return false;
              for (int b = c; b <= c2; b++)
                set[b] = true;
            }
          else if (n == 1 && n2 == 1 && isdigit (c) && isdigit (c2))
            for (int b = c; b <= c2; b++)
              set[b] = true;
          else
            /* Ranges follow the locale's collation: ask regex.  */
            any = true;
          t->p = after + 1 + n2;
          continue;
        }
      /* A non-ASCII character of a UTF-8 locale: only on lines that
         are checked anyway; but with -i it may have an ASCII
         counterpart.  */
      if (n == 1)
        set[c] = true;
      else if (t->icase)
        return false;
      t->p = after;
    }
  if (any)
    return regex_set (t, open, t->p - open);
  fold_set (t, set);
  int hi = t->utf8 ? 0x7f : UCHAR_MAX;
  for (int c = 0; c <= hi; c++)
    set[c] ^= neg;
  return out_set (t, set);
}

/* The set of \w, \W, \s, \S, or '.' (C).  */
static bool
escape_set (struct tr *t, char c)
{
  bool set[UCHAR_MAX + 1] = { false };
  int hi = t->utf8 ? 0x7f : UCHAR_MAX;
  for (int b = 0; b <= hi; b++)
    switch (c)
      {
      case 'w': set[b] = b == '_' || isalnum (b); break;
      case 'W': set[b] = !(b == '_' || isalnum (b)); break;
      case 's': set[b] = isspace (b); break;
      case 'S': set[b] = !isspace (b); break;
      default: set[b] = true; break;
      }
  return out_set (t, set);
}

/* One ordinary character at T->p, N bytes.  */
static bool
literal (struct tr *t, size_t n)
{
  unsigned char c = *t->p;
  if (t->icase && t->utf8)
    {
      if (n > 1)
        return false;
      if (strchr ("sSkKiI", c))
        t->ascii_lines = true;
    }
  for (size_t i = 0; i < n; i++)
    out_byte (t, t->p[i]);
  t->p += n;
  return true;
}

/* Whether T->p starts the two-byte BRE operator \C.  */
static bool
bk (struct tr const *t, char c)
{
  return t->p + 1 < t->lim && t->p[0] == '\\' && t->p[1] == c;
}

/* After the '{' or "\{" of an interval: write it as a quantifier.  */
static bool
interval (struct tr *t, char *quant)
{
  long lo = -1, hi = -1;
  bool comma = false;
  char const *p = t->p;
  for (; p < t->lim && isdigit ((unsigned char) *p); p++)
    {
      lo = (lo < 0 ? 0 : lo) * 10 + (*p - '0');
      if (lo > RE_DUP_MAX)
        return false;
    }
  if (p < t->lim && *p == ',')
    {
      comma = true;
      for (p++; p < t->lim && isdigit ((unsigned char) *p); p++)
        {
          hi = (hi < 0 ? 0 : hi) * 10 + (*p - '0');
          if (hi > RE_DUP_MAX)
            return false;
        }
    }
  if (t->bre ? !(p + 1 < t->lim && p[0] == '\\' && p[1] == '}')
      : !(p < t->lim && *p == '}'))
    return false;
  if (lo < 0 && !comma)
    return false;
  if (lo < 0)
    lo = 0;
  if (hi >= 0 && hi < lo)
    return false;
  t->p = p + (t->bre ? 2 : 1);
  t->bound = (hi >= 0 ? hi : comma ? lo + 1 : lo);
  if (t->bound < 1)
    t->bound = 1;
  if (!comma)
    sprintf (quant, "{%ld}", lo);
  else if (hi < 0)
    sprintf (quant, "{%ld,}", lo);
  else
    sprintf (quant, "{%ld,%ld}", lo, hi);
  return true;
}

static bool alternatives (struct tr *t, int depth, struct weight *w);

/* Groups nested deeper than this are not taken: the translation, and
   Hyperscan's compiler, would recurse as deep.  */
enum { MAX_DEPTH = 1000 };

/* If T->p starts a quantifier (*, +, ?, an interval), consume it, write
   it as Hyperscan's into QUANT and return 1; return 0 if there is none,
   -1 if it cannot be taken (it follows no atom, or a bad interval).  */
static int
quantifier (struct tr *t, enum last last, char quant[64])
{
  char c = *t->p;
  if (c == '*')
    {
      strcpy (quant, "*");
      t->p++;
    }
  else if (!t->bre && (c == '+' || c == '?'))
    {
      quant[0] = c;
      quant[1] = '\0';
      t->p++;
    }
  else if (t->bre && (bk (t, '+') || bk (t, '?')))
    {
      quant[0] = t->p[1];
      quant[1] = '\0';
      t->p += 2;
    }
  else if (t->bre ? bk (t, '{') : c == '{')
    {
      if (last != LAST_ATOM)
        return -1;
      t->p += t->bre ? 2 : 1;
      if (!interval (t, quant))
        return -1;
    }
  else
    return 0;
  return last == LAST_ATOM ? 1 : -1;
}

/* The atom of a backslash at T->p, and what it is in *LAST.  */
static bool
escaped_atom (struct tr *t, enum last *last)
{
  if (t->p + 1 >= t->lim)
    return false;
  char d = t->p[1];
  char const *special = t->bre ? ".[]\\*^$" : ".[]\\*+?{}()|^$";
  if (strchr ("wWsS", d))
    {
      t->p += 2;
      return escape_set (t, d);
    }
  if (d == 'b' || d == 'B')
    {
      t->p += 2;
      out_str (t, d == 'b' ? "\\b" : "\\B");
      *last = LAST_ANCHOR;
      t->ascii_lines |= t->utf8;
      return true;
    }
  if (d == '<' || d == '>')
    {
      t->p += 2;
      t->superset = true;
      *last = LAST_NONE;
      return true;
    }
  if (d == '`' || d == '\'')
    {
      t->p += 2;
      out_str (t, d == '`' ? "^" : "$");
      *last = LAST_ANCHOR;
      return true;
    }
  if (d && strchr (special, d))
    {
      t->p++;
      return literal (t, 1);
    }
  return false;
}

/* One atom at T->p: a group, a bracket expression, ".", an anchor, an
   escape or a character; START if it begins the branch.  What it is,
   in *LAST (an atom unless it says otherwise), and what it weighs, in
   *W.  */
static bool
atom (struct tr *t, int depth, bool start, enum last *last, struct weight *w)
{
  char c = *t->p;
  *last = LAST_ATOM;
  *w = (struct weight) { 1, 1 };
  if (t->bre ? bk (t, '(') : c == '(')
    {
      t->p += t->bre ? 2 : 1;
      out_str (t, "(?:");
      *w = (struct weight) { 0, 0 };
      if (depth >= MAX_DEPTH || !alternatives (t, depth + 1, w))
        return false;
      if (!(t->bre ? bk (t, ')') : t->p < t->lim && *t->p == ')'))
        return false;
      t->p += t->bre ? 2 : 1;
      out_str (t, ")");
      return true;
    }
  if (c == '[')
    {
      t->p++;
      return bracket (t);
    }
  if (c == '.')
    {
      t->p++;
      return escape_set (t, '.');
    }
  if ((c == '^' && (!t->bre || start))
      || (c == '$'
          && (!t->bre || t->p + 1 == t->lim
              || (t->p + 2 < t->lim && t->p[1] == '\\'
                  && (t->p[2] == ')' || t->p[2] == '|')))))
    {
      t->p++;
      out_str (t, c == '^' ? "^" : "$");
      *last = LAST_ANCHOR;
      return true;
    }
  if (c == '\\')
    return escaped_atom (t, last);
  size_t n = char_len (t, t->p);
  return n && literal (t, n);
}

/* One branch: up to a '|' (BRE "\|"), a closing parenthesis or the
   end.  What it weighs is added to *W.  */
static bool
branch (struct tr *t, int depth, struct weight *w)
{
  enum last last = LAST_NONE;
  /* The last atom's weight, its quantifier's copies counted.  */
  struct weight aw = { 0, 0 };
  size_t atom_start = t->len;
  /* Where the quantifier of the last atom starts in T->out, or
     SIZE_MAX if it has none.  */
  size_t quant_at = SIZE_MAX;
  bool start = true;
  while (t->p < t->lim)
    {
      char c = *t->p;
      if (t->bre ? bk (t, ')') || bk (t, '|') : c == ')' || c == '|')
        {
          weight_add (w, &aw);
          return !((t->bre ? bk (t, ')') : c == ')') && depth == 0);
        }

      /* A quantifier wraps the atom before it.  */
      char quant[64];
      int q = quantifier (t, last, quant);
      if (q < 0)
        return false;
      if (q && quant_at != SIZE_MAX)
        {
          /* A quantifier of a quantified atom ("x**", "x*+"): the two
             make one (x** is x*), where nesting them would make
             Hyperscan's compiler take time exponential in their
             number.  Stacked intervals are left to the DFA.  */
          char prev = t->out[quant_at];
          if (quant[1] || !strchr ("*+?", quant[0])
              || t->len != quant_at + 1)
            return false;
          /* x++ is x+, x?? is x?; any other two make x*.  */
          t->out[quant_at] = prev == quant[0] ? prev : '*';
          continue;
        }
      if (q)
        {
          if (quant[0] == '{')
            aw.expanded = (aw.expanded > WEIGHT_CAP / t->bound
                           ? WEIGHT_CAP : aw.expanded * t->bound);
          size_t n = t->len - atom_start;
          out_str (t, "(?:");
          memmove (t->out + atom_start + 3, t->out + atom_start, n);
          memcpy (t->out + atom_start, "(?:", 3);
          out_str (t, ")");
          quant_at = t->len;
          out_str (t, quant);
          start = false;
          continue;
        }

      weight_add (w, &aw);
      atom_start = t->len;
      quant_at = SIZE_MAX;
      if (!atom (t, depth, start, &last, &aw))
        return false;
      start = false;
    }
  weight_add (w, &aw);
  return true;
}

static bool
alternatives (struct tr *t, int depth, struct weight *w)
{
  for (;;)
    {
      if (!branch (t, depth, w))
        return false;
      if (t->bre ? bk (t, '|') : t->p < t->lim && *t->p == '|')
        {
          t->p += t->bre ? 2 : 1;
          out_str (t, "|");
          continue;
        }
      return true;
    }
}

char *
hs_translate (char const *p, char const *lim, bool bre, bool utf8,
              bool icase, bool whole_lines, bool *superset,
              bool *ascii_lines, size_t *repeats)
{
  struct tr t = { .p = p, .lim = lim, .bre = bre, .utf8 = utf8,
                  .icase = icase };
  out_str (&t, whole_lines ? "^(?:" : "");
  struct weight w = { 0, 0 };
  bool ok = alternatives (&t, 0, &w) && t.p == lim;
  size_t copies = w.expanded > w.plain ? w.expanded - w.plain : 0;
  if (!ok || copies > HS_REPEAT_COPIES_MAX)
    {
      free (t.out);
      return NULL;
    }
  if (whole_lines)
    out_str (&t, ")$");
  *superset |= t.superset;
  *ascii_lines |= t.ascii_lines;
  *repeats += copies;
  return t.out;
}
