/* pattern-text.c -- what the text of -G and -E patterns says, read
   before any compilation: bracket expressions, plain strings, the
   strings every match contains, whether the patterns mean the same on
   ASCII text in the C locale.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "pattern-text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "c-ctype.h"
#include "xalloc.h"

/* The end of the bracket expression that starts at PATTERNS[I] ("["):
   the index of its "]", which may come first (after "^"); "[:", "[."
   and "[=" run to ":]", ".]", "=]".  SIZE when it has none on its
   line.  */
size_t
pattern_bracket_end (char const *patterns, size_t size, size_t i)
{
  size_t j = i + 1;
  if (j < size && patterns[j] == '^')
    j++;
  if (j < size && patterns[j] == ']')
    j++;
  while (j < size && patterns[j] != ']' && patterns[j] != '\n')
    {
      if (patterns[j] == '[' && j + 1 < size
          && strchr (":.=", patterns[j + 1]))
        {
          char const *close = NULL;
          for (size_t k = j + 2; k + 1 < size && patterns[k] != '\n'; k++)
            if (patterns[k] == patterns[j + 1] && patterns[k + 1] == ']')
              {
                close = patterns + k;
                break;
              }
          if (close)
            j = close - patterns + 1;
        }
      j++;
    }
  return j < size && patterns[j] == ']' ? j : size;
}

/* PATTERNS (SIZE bytes, one per line) for a DFA that wraps them in
   parentheses (-x, -w), in extended syntax: each ")" that closes no
   "(" of its own line is a literal, and becomes "\)" so that it cannot
   close the wrapper's.  NULL when no pattern has one; else a new
   buffer, its size in *NEWSIZE.  (grep 3.8 wraps them as they are: its
   -E -x 'a)b' matches the line "ab)", not "a)b"; the manual lists the
   difference.)  */
char *
pattern_quote_unmatched_parens (char const *patterns, size_t size,
                                size_t *newsize)
{
  char *out = NULL;
  size_t n = 0;
  for (int pass = 0; pass < 2; pass++)
    {
      size_t depth = 0, extra = 0;
      for (size_t i = 0; i < size; i++)
        {
          char c = patterns[i];
          if (out)
            out[n++] = c;
          if (c == '\n')
            depth = 0;
          else if (c == '\\' && i + 1 < size && patterns[i + 1] != '\n')
            {
              i++;
              if (out)
                out[n++] = patterns[i];
            }
          else if (c == '[')
            {
              /* A bracket expression: to its "]".  */
              size_t j = pattern_bracket_end (patterns, size, i);
              if (j < size)
                {
                  if (out)
                    {
                      memcpy (out + n, patterns + i + 1, j - i);
                      n += j - i;
                    }
                  i = j;
                }
            }
          else if (c == '(')
            depth++;
          else if (c == ')')
            {
              if (depth)
                depth--;
              else if (out)
                {
                  out[n - 1] = '\\';
                  out[n++] = ')';
                }
              else
                extra++;
            }
        }
      if (!out)
        {
          if (!extra)
            return NULL;
          out = xmalloc (size + extra);
        }
    }
  *newsize = n;
  return out;
}

/* Whether PATTERNS hold no character special in SYNTAX.  */
bool
pattern_plain_strings (char const *patterns, size_t size,
                       reg_syntax_t syntax)
{
  char const *special = (syntax & RE_NO_BK_PARENS
                         ? "\\[.*^$+?{}()|" : "\\[.*^$");
  for (size_t i = 0; i < size; i++)
    if (patterns[i] && strchr (special, patterns[i]))
      return false;
  return true;
}

/* If PATTERNS are alternatives of plain strings in SYNTAX (ERE's |,
   BRE's \|), none empty, return them as a list of strings, one per
   line, and set *LEN.  Otherwise return NULL.  */
char *
pattern_literal_alternatives (char const *patterns, size_t size,
                              reg_syntax_t syntax, size_t *len)
{
  bool ere = (syntax & RE_NO_BK_VBAR) != 0;
  char const *special = ere ? "\\[.*^$+?{}()|" : "\\[.*^$";
  char *list = xmalloc (size + 1);
  size_t n = 0;
  bool empty = true;
  for (size_t i = 0; i < size; i++)
    {
      char c = patterns[i];
      bool sep = c == '\n';
      if (ere && c == '|')
        sep = true;
      else if (!ere && c == '\\' && i + 1 < size && patterns[i + 1] == '|')
        {
          sep = true;
          i++;
        }
      else if (c && !sep && strchr (special, c))
        {
          free (list);
          return NULL;
        }
      if (sep && empty)
        break;
      list[n++] = sep ? '\n' : c;
      empty = sep;
    }
  if (empty)
    {
      free (list);
      return NULL;
    }
  *len = n;
  return list;
}

size_t
pattern_required_strings (char const *pat, size_t size, reg_syntax_t syntax,
                          size_t *rbeg, size_t *rlen, size_t max)
{
  bool ere = (syntax & RE_NO_BK_PARENS) != 0;
  bool bar = (syntax & RE_NO_BK_VBAR) != 0;
  if (memchr (pat, '\n', size))
    return 0;
  size_t nruns = 0, depth = 0, b = 0, n = 0;
  for (size_t i = 0; i <= size; i++)
    {
      unsigned char c = i < size ? pat[i] : 0;
      bool ordinary = (i < size && depth == 0 && c && c < 0x80
                       && !strchr (".^$*[\\", c)
                       && !(ere && strchr ("(){}?+", c))
                       && !(bar && c == '|'));
      if (ordinary)
        {
          if (!n)
            b = i;
          n++;
          continue;
        }
      /* The run ends here; a repetition takes its last character.  */
      bool repeat = (c == '*' || (ere && strchr ("{?+", c) && c)
                     || (!ere && c == '\\' && i + 1 < size
                         && strchr ("{?+", pat[i + 1]) && pat[i + 1]));
      if (repeat && n)
        n--;
      if (n >= 3 && nruns < max)
        {
          rbeg[nruns] = b;
          rlen[nruns++] = n;
        }
      n = 0;
      if (i == size)
        break;
      if ((ere && c == '{') || (!ere && c == '\\' && i + 1 < size
                                && pat[i + 1] == '{'))
        {
          /* An interval: its bounds are no text.  */
          size_t j = i + 1 + !ere;
          while (j < size && (c_isdigit (pat[j]) || pat[j] == ','))
            j++;
          if (ere ? !(j < size && pat[j] == '}')
              : !(j + 1 < size && pat[j] == '\\' && pat[j + 1] == '}'))
            return 0;
          i = j + !ere;
          continue;
        }
      if (c == '\\')
        {
          if (i + 1 >= size)
            return 0;
          char d = pat[++i];
          if (!ere && d == '(')
            depth++;
          else if (!ere && d == ')')
            {
              if (!depth)
                return 0;
              depth--;
            }
          else if (!bar && d == '|' && !depth)
            return 0;
        }
      else if (c == '[')
        {
          i = pattern_bracket_end (pat, size, i);
          if (i >= size)
            return 0;
        }
      else if (ere && c == '(')
        depth++;
      else if (ere && c == ')')
        {
          if (!depth)
            return 0;
          depth--;
        }
      else if (bar && c == '|' && !depth)
        return 0;
    }
  return nruns;
}

/* Whether the bracket expression BRACKET (LEN bytes, "[" to "]")
   takes the same ASCII characters in the current locale and in the C
   locale C: the ranges follow the locale's
   collation, and an equivalence class takes the characters of the
   same primary weight ("[[=a=]]" matches "A" in en_US.UTF-8).  */
static bool
bracket_same_in_c (char const *bracket, size_t len, locale_t c)
{
  char *pat = xmemdup (bracket, len + 1);
  pat[len] = '\0';
  int cflags = REG_NOSUB;
  regex_t here, there;
  bool same = false;
  if (regcomp (&here, pat, cflags) == 0)
    {
      locale_t old = uselocale (c);
      int err = regcomp (&there, pat, cflags);
      uselocale (old);
      if (err == 0)
        {
          same = true;
          for (int ch = 1; same && ch < 0x80; ch++)
            if (ch != '\n')
              {
                char str[2] = { ch, '\0' };
                bool a = regexec (&here, str, 0, NULL, 0) == 0;
                old = uselocale (c);
                bool b = regexec (&there, str, 0, NULL, 0) == 0;
                uselocale (old);
                same = a == b;
              }
          regfree (&there);
        }
      regfree (&here);
    }
  free (pat);
  return same;
}

/* Whether PATTERNS (SIZE bytes) mean, on a line of ASCII characters,
   in the current UTF-8 locale, what they mean in the C locale C (with
   -i when ICASE): when they are ASCII (in UTF-8, "\u017F" -i matches
   "s", "\u00E9*" matches the empty string), have no anchor or word
   boundary ("^", "$", "\<", "\>", "\b", "\B", "\`", "\'", which
   grep's regex in a UTF-8 locale does not always take where its DFA in
   C does: grep -w '\>*' differs between the two), each bracket
   expression takes the same ASCII characters in both (ranges,
   equivalence classes; without -i), and the locale's classes and case of every
   ASCII character are C's (not so in a Turkish locale, where "i" -i
   does not match "I"), and with -i, no escaped lowercase letter but
   "\s" and "\w" ("\k", which regex in UTF-8 never matches).  */
bool
pattern_same_on_ascii (char const *patterns, size_t size, bool icase,
                       locale_t c)
{
  for (int ch = 0; ch < 0x80; ch++)
    if (btowc (ch) != (wint_t) ch
        || towupper (ch) != (wint_t) toupper_l (ch, c)
        || towlower (ch) != (wint_t) tolower_l (ch, c)
        || !iswalnum (ch) != !isalnum_l (ch, c)
        || !iswalpha (ch) != !isalpha_l (ch, c)
        || !iswblank (ch) != !isblank_l (ch, c)
        || !iswcntrl (ch) != !iscntrl_l (ch, c)
        || !iswdigit (ch) != !isdigit_l (ch, c)
        || !iswgraph (ch) != !isgraph_l (ch, c)
        || !iswlower (ch) != !islower_l (ch, c)
        || !iswprint (ch) != !isprint_l (ch, c)
        || !iswpunct (ch) != !ispunct_l (ch, c)
        || !iswspace (ch) != !isspace_l (ch, c)
        || !iswupper (ch) != !isupper_l (ch, c)
        || !iswxdigit (ch) != !isxdigit_l (ch, c))
      return false;
  /* The brackets with a range, an equivalence class or a collating
     symbol (the others are lists and classes of ASCII characters)
     checked so far: each distinct one is compiled twice and tried on
     the 127 characters, and a set of patterns with more than
     BRACKETS_MAX distinct ones is left without a twin (20,000
     patterns like "w[0-9]1(x)?" have one).  */
  enum { BRACKETS_MAX = 64 };
  char const *seen[BRACKETS_MAX];
  size_t seenlen[BRACKETS_MAX];
  int nseen = 0;
  /* Whether the next character starts an expression (a pattern, or
     what follows "(" or "|", in either syntax): a repetition there
     ("{,3} w", "*a") is read otherwise by grep in C and in UTF-8.  */
  bool at_start = true;
  for (size_t i = 0; i < size; i++)
    {
      unsigned char ch = patterns[i];
      if (ch >= 0x80 || ch == '^' || ch == '$')
        return false;
      bool was_start = at_start;
      at_start = ch == '\n' || ch == '(' || ch == '|';
      if (was_start && strchr ("{*+?", ch) && ch)
        return false;
      if (ch == '\\' && i + 1 < size)
        {
          i++;
          if ((unsigned char) patterns[i] >= 0x80
              || (patterns[i] && strchr ("<>bB`'", patterns[i])))
            return false;
          if (was_start && patterns[i] && strchr ("{+?", patterns[i]))
            return false;
          /* With -i, regex in UTF-8 compares an escaped character as
             written with the text's upper case, so that an escaped
             lowercase letter that is not a class ("\k") never
             matches there, where it does in C: grep -i -w '\k' in
             UTF-8 selects nothing.  */
          if (icase && islower_l ((unsigned char) patterns[i], c)
              && !strchr ("sw", patterns[i]))
            return false;
          at_start = patterns[i] == '(' || patterns[i] == '|';
        }
      else if (ch == '[')
        {
          /* With -i, the C locale's DFA folds a bracket's characters
             where regex, which decides them in UTF-8, folds the text:
             -i -w '[B-y]' matches "Z" in C only.  */
          if (icase)
            return false;
          size_t j = pattern_bracket_end (patterns, size, i);
          if (j < size)
            {
              for (size_t k = i + 1; k < j; k++)
                if ((unsigned char) patterns[k] >= 0x80)
                  return false;
              char const *b = patterns + i;
              size_t blen = j + 1 - i;
              bool local = false;
              for (size_t k = 1; k + 1 < blen; k++)
                if (b[k] == '-' || (b[k] == '[' && strchr ("=.", b[k + 1])))
                  local = true;
              int n = 0;
              while (local && n < nseen
                     && !(seenlen[n] == blen && memcmp (seen[n], b, blen) == 0))
                n++;
              if (local && n == nseen)
                {
                  if (nseen == BRACKETS_MAX
                      || !bracket_same_in_c (b, blen, c))
                    return false;
                  seen[nseen] = b;
                  seenlen[nseen++] = blen;
                }
              i = j;
            }
        }
    }
  return true;
}
