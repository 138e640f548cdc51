/* fuzz-engines.c -- mmgrep's engines agree with GNU regex, used line
   by line as GNU grep 3.8 uses it.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input: one byte of options, the patterns up to the first NUL
   (newlines separate them, as with -e), then the text searched.  The
   options byte: bits 0-1 the syntax (-G, -E, -F, -G), bit 2 -i,
   bit 3 -w, bit 4 -x, bit 5 C.UTF-8 rather than C, bit 6 Hyperscan
   off.  The lines that matcher_execute selects (whatever route the
   matcher takes: fixed strings, the DFA, regex, Hyperscan) must be
   the lines that the reference selects: for each line and each
   pattern, re_search and re_match of glibc's regex (gnulib's), with
   grep 3.8's syntax bits, its whole-line test for -x and its retries
   for -w.  -v is grep's own inversion of that set, and is not the
   engines' business.

   A pattern the reference refuses is skipped; one the engines refuse
   (they print grep's message and exit 2) is skipped too: this file's
   build of the engines calls fuzz_error and fuzz_exit, which jump
   back here (the build's -Derror=fuzz_error -Dexit=fuzz_exit).  In
   C.UTF-8, texts and patterns that are not valid UTF-8 are skipped:
   GNU grep's DFA and its regex differ there, and the DFA is grep's
   decider.  */

/* The hooks of this build of the engines (fuzz/local.mk) are not for
   this file.  */
#undef error
#undef exit
#undef hs_valid_platform

#include <config.h>

#if HAVE_LIBHS
# include <hs.h>
#endif
#include <fcntl.h>
#include <locale.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <uchar.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "matcher.h"
#include "fuzz.h"

enum { MAX_PATTERN = 48, MAX_TEXT = 400 };

static jmp_buf refused;
static bool in_engine;
static bool hs_off;

void fuzz_error (int status, int errnum, char const *format, ...);
void fuzz_exit (int status);

void
fuzz_error (int status, int errnum, char const *format, ...)
{
  (void) errnum;
  if (getenv ("FUZZ_VERBOSE"))
    {
      va_list ap;
      va_start (ap, format);
      vfprintf (stderr, format, ap);
      va_end (ap);
      fputc ('\n', stderr);
    }
  if (status)
    fuzz_exit (status);
}

void
fuzz_exit (int status)
{
  if (!in_engine)
    exit (status);
  in_engine = false;
  longjmp (refused, 1);
}

#if HAVE_LIBHS
/* What engine-hs.c asks (its build's -Dhs_valid_platform=...).  */
hs_error_t fuzz_hs_valid_platform (void);
hs_error_t
fuzz_hs_valid_platform (void)
{
  return hs_off ? HS_ARCH_ERROR : hs_valid_platform ();
}
#endif

static bool utf8;

/* Whether the character at P (of LINE..LIM) is a word constituent,
   and the one before P.  */
static bool
wordchar (char const *p, char const *lim)
{
  if (p >= lim)
    return false;
  if (!utf8)
    {
      unsigned char c = *p;
      return c == '_' || (c < 0x80 && (('0' <= c && c <= '9')
                                       || ('a' <= (c | 0x20)
                                           && (c | 0x20) <= 'z')));
    }
  mbstate_t st = { 0 };
  wchar_t wc;
  size_t n = mbrtowc (&wc, p, lim - p, &st);
  if (n == 0 || n > (size_t) (lim - p))
    return false;
  return wc == L'_' || iswalnum (wc);
}

static bool
wordchar_before (char const *line, char const *p, char const *lim)
{
  if (p == line)
    return false;
  if (!utf8)
    return wordchar (p - 1, lim);
  char const *q = line, *last = line;
  while (q < p)
    {
      mbstate_t st = { 0 };
      size_t n = mbrlen (q, p - q, &st);
      if (n == 0 || n > (size_t) (p - q))
        n = 1;
      last = q;
      q += n;
    }
  return wordchar (last, lim);
}

/* Whether PAT selects LINE (LEN bytes, no newline), as grep 3.8's
   EGexecute decides it.  */
static bool
ref_match (struct re_pattern_buffer *pat, char const *line, regoff_t len,
           bool words, bool lines)
{
  struct re_registers regs;
  pat->not_eol = 0;
  pat->regs_allocated = REGS_UNALLOCATED;
  regoff_t start = re_search (pat, line, len, 0, len, &regs);
  bool found = false;
  if (start < -1)
    FUZZ_FAIL ("re_search: out of memory");
  if (start < 0)
    goto done;
  regoff_t mlen = regs.end[0] - start;
  if (!words && !lines)
    {
      found = true;
      goto done;
    }
  if (lines)
    {
      /* grep 3.8: the leftmost-longest match must be the line.  */
      found = start == 0 && mlen == len;
      goto done;
    }
  regoff_t match = start;
  while (match <= len)
    {
      regoff_t shorter = 0;
      if (!wordchar (line + match + mlen, line + len)
          && !wordchar_before (line, line + match, line + len))
        {
          found = true;
          goto done;
        }
      if (mlen > 0)
        {
          --mlen;
          pat->not_eol = 1;
          shorter = re_match (pat, line, match + mlen, match, &regs);
          if (shorter < -1)
            FUZZ_FAIL ("re_match: out of memory");
        }
      if (0 < shorter)
        mlen = shorter;
      else
        {
          if (match == len)
            break;
          pat->not_eol = 0;
          start = re_search (pat, line, len, match + 1, len - match - 1,
                             &regs);
          if (start < 0)
            {
              if (start < -1)
                FUZZ_FAIL ("re_search: out of memory");
              break;
            }
          mlen = regs.end[0] - start;
          match = start;
        }
    }
 done:
  if (pat->regs_allocated == REGS_REALLOCATE)
    {
      free (regs.start);
      free (regs.end);
    }
  return found;
}

/* PAT (LEN bytes) as a basic regular expression matching it as a
   fixed string.  */
static char *
quote_fixed (char const *pat, size_t len, size_t *qlen)
{
  char *q = malloc (2 * len + 1);
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    {
      if (strchr ("\\[].*^$", pat[i]) && pat[i])
        q[n++] = '\\';
      q[n++] = pat[i];
    }
  *qlen = n;
  return q;
}

static bool
valid_utf8 (char const *p, size_t n)
{
  mbstate_t st = { 0 };
  while (n)
    {
      size_t k = mbrlen (p, n, &st);
      if (k == 0)
        k = 1;
      if (k > n)
        return false;
      p += k;
      n -= k;
    }
  return true;
}

/* The last word, where the engines and the model of grep disagree: GNU
   grep itself (FUZZ_GREP, else grep on PATH), as -a -n with the same
   options and patterns.  Its choice of lines, in SEL (NLINES); false
   when it cannot be run (then the model's word stands).  The model
   reads each pattern on its own, as grep 3.8's regex does; grep also
   compiles them as one for its DFA and word checks, and where the two
   differ (seen: an unmatched ")" before an empty pattern under -w),
   grep's own answer is the reference.  */
static char patfile[] = "/tmp/mmu-fuzz-pat.XXXXXX";
static char textfile[] = "/tmp/mmu-fuzz-text.XXXXXX";

static void
remove_files (void)
{
  unlink (patfile);
  unlink (textfile);
}

static bool
grep_selects (enum matcher_syntax syntax, bool icase, bool words,
              bool lines, char const *patterns, size_t patlen,
              char const *text, size_t textlen, bool *sel, size_t nlines)
{
  static int pfd = -2, tfd = -2;
  if (pfd == -2)
    {
      pfd = mkstemp (patfile);
      tfd = mkstemp (textfile);
      atexit (remove_files);
    }
  if (pfd < 0 || tfd < 0
      || ftruncate (pfd, 0) != 0 || ftruncate (tfd, 0) != 0
      || pwrite (pfd, patterns, patlen, 0) != (ssize_t) patlen
      || pwrite (pfd, "\n", 1, patlen) != 1
      || pwrite (tfd, text, textlen, 0) != (ssize_t) textlen)
    return false;
  char const *prog = getenv ("FUZZ_GREP") ? getenv ("FUZZ_GREP") : "grep";
  char const *argv[12];
  int argc = 0;
  argv[argc++] = prog;
  argv[argc++] = syntax == MATCHER_ERE ? "-E"
                 : syntax == MATCHER_FIXED ? "-F" : "-G";
  argv[argc++] = "-a";
  argv[argc++] = "-n";
  if (icase)
    argv[argc++] = "-i";
  if (words)
    argv[argc++] = "-w";
  if (lines)
    argv[argc++] = "-x";
  argv[argc++] = "-f";
  argv[argc++] = patfile;
  argv[argc++] = textfile;
  argv[argc] = NULL;
  int pipefd[2];
  if (pipe (pipefd) != 0)
    return false;
  /* Not on the standard descriptors, which make fuzz closes
     (-close_fd_mask): the child's dup2 onto 1 would close its pipe.  */
  for (int i = 0; i < 2; i++)
    if (pipefd[i] <= STDERR_FILENO)
      {
        int fd = fcntl (pipefd[i], F_DUPFD, STDERR_FILENO + 1);
        close (pipefd[i]);
        pipefd[i] = fd;
      }
  if (pipefd[0] < 0 || pipefd[1] < 0)
    return false;
  fflush (NULL);
  pid_t pid = fork ();
  if (pid < 0)
    return false;
  if (pid == 0)
    {
      dup2 (pipefd[1], STDOUT_FILENO);
      close (pipefd[0]);
      close (pipefd[1]);
      setenv ("LC_ALL", utf8 ? "C.UTF-8" : "C", 1);
      execvp (prog, (char *const *) argv);
      _exit (127);
    }
  close (pipefd[1]);
  memset (sel, 0, nlines * sizeof *sel);
  FILE *out = fdopen (pipefd[0], "r");
  bool at_start = true;
  size_t num = 0;
  int c;
  while (out && (c = getc (out)) != EOF)
    {
      if (at_start && '0' <= c && c <= '9')
        num = 10 * num + (c - '0');
      else if (at_start)
        {
          if (c == ':' && 0 < num && num <= nlines)
            sel[num - 1] = true;
          at_start = false;
        }
      if (c == '\n')
        {
          at_start = true;
          num = 0;
        }
    }
  if (out)
    fclose (out);
  else
    close (pipefd[0]);
  int status;
  if (waitpid (pid, &status, 0) != pid || !WIFEXITED (status)
      || WEXITSTATUS (status) > 1)
    return false;
  return true;
}

/* Whether GNU grep selects the lines ENGINE_SEL (NLINES) selects, in
   SEL.  Asked for all the patterns at once, then, if it differs, for
   each pattern alone, the lines it selects put together: with -E and
   -x or -w, grep 3.8 wraps all its patterns in one pair of parentheses,
   which a ")" that closes no "(" of its own pattern closes (the
   manual's "mmgrep and grep" lists it); alone, a pattern's lines are
   those it selects among the others, but for that pattern itself.  */
static bool
grep_agrees (enum matcher_syntax syntax, bool icase, bool words, bool lines,
             char const *patterns, size_t patlen, char const *text,
             size_t textlen, bool *sel, bool const *engine_sel,
             size_t nlines)
{
  if (grep_selects (syntax, icase, words, lines, patterns, patlen, text,
                    textlen, sel, nlines)
      && memcmp (sel, engine_sel, nlines * sizeof *sel) == 0)
    return true;
  if (!memchr (patterns, '\n', patlen))
    return false;
  bool *one = calloc (nlines, sizeof *one);
  memset (sel, 0, nlines * sizeof *sel);
  bool ok = true;
  for (char const *p = patterns, *lim = patterns + patlen; ok && p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      ok = grep_selects (syntax, icase, words, lines, p, end - p, text,
                         textlen, one, nlines);
      for (size_t i = 0; ok && i < nlines; i++)
        sel[i] |= one[i];
      p = end + 1;
    }
  free (one);
  return ok && memcmp (sel, engine_sel, nlines * sizeof *sel) == 0;
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  if (size < 2)
    return 0;
  unsigned int o = data[0];
  enum matcher_syntax syntax = (o & 3) == 1 ? MATCHER_ERE
                               : (o & 3) == 2 ? MATCHER_FIXED : MATCHER_BRE;
  bool icase = o & 4, words = o & 8, lines = o & 16;
  utf8 = o & 32;
  hs_off = o & 64;
  int flags = ((icase ? MATCHER_ICASE : 0) | (words ? MATCHER_WORDS : 0)
               | (lines ? MATCHER_LINES : 0));

  uint8_t const *lim = data + size;
  uint8_t const *nul = memchr (data + 1, 0, size - 1);
  if (!nul)
    return 0;
  size_t patlen = nul - (data + 1);
  size_t textlen = lim - (nul + 1);
  if (patlen > MAX_PATTERN || textlen > MAX_TEXT)
    return 0;
  char const *patterns = (char const *) data + 1;

  if (!setlocale (LC_ALL, utf8 ? "C.UTF-8" : "C"))
    return 0;
  if (utf8 && !(valid_utf8 (patterns, patlen)
                && valid_utf8 ((char const *) nul + 1, textlen)))
    return 0;

  /* The reference, one regex per pattern.  */
  reg_syntax_t rsyntax = (syntax == MATCHER_ERE ? RE_SYNTAX_EGREP
                          : RE_SYNTAX_GREP) | (icase ? RE_ICASE : 0);
  size_t volatile npats = 1;
  for (size_t i = 0; i < patlen; i++)
    npats += patterns[i] == '\n';
  struct re_pattern_buffer *pats = calloc (npats, sizeof *pats);
  size_t volatile k = 0;
  bool volatile ok = true;
  re_set_syntax (rsyntax);
  for (char const *p = patterns, *plim = patterns + patlen; k < npats; k++)
    {
      char const *nl = memchr (p, '\n', plim - p);
      char const *end = nl ? nl : plim;
      size_t qlen = end - p;
      char *q = (syntax == MATCHER_FIXED ? quote_fixed (p, end - p, &qlen)
                 : NULL);
      if (re_compile_pattern (q ? q : p, qlen, &pats[k]))
        ok = false;
      free (q);
      if (!ok)
        {
          k++;
          break;
        }
      p = end + 1;
    }

  /* The engines, on the text made of whole lines.  */
  char *text = malloc (textlen + 2);
  memcpy (text, nul + 1, textlen);
  if (!textlen || text[textlen - 1] != '\n')
    text[textlen++] = '\n';
  struct matcher *volatile m = NULL;
  struct matcher_scratch *volatile s = NULL;
  bool *volatile engine_sel = NULL;
  size_t nlines = 0;
  for (size_t i = 0; i < textlen; i++)
    nlines += text[i] == '\n';
  if (ok)
    {
      matcher_no_warnings = true;
      in_engine = true;
      if (setjmp (refused) == 0)
        {
          m = matcher_compile (patterns, patlen, syntax, flags, NULL, 0);
          s = matcher_scratch_new (m);
          engine_sel = calloc (nlines, sizeof *engine_sel);
          size_t line = 0;
          char *p = text, *tlim = text + textlen;
          while (p < tlim)
            {
              size_t msize;
              ptrdiff_t off = matcher_execute (m, s, p, tlim - p, &msize,
                                               NULL);
              if (off < 0)
                break;
              for (char *q = p; q < p + off; q++)
                line += *q == '\n';
              if (line >= nlines || msize == 0
                  || p[off + msize - 1] != '\n')
                FUZZ_FAIL ("matcher_execute: a match that is not a line");
              engine_sel[line++] = true;
              p += off + msize;
            }
        }
      in_engine = false;
    }

  bool *grep_sel = NULL;
  if (ok && engine_sel)
    {
      size_t line = 0;
      for (char *p = text; p < text + textlen; line++)
        {
          char *nl = memchr (p, '\n', text + textlen - p);
          bool ref = false;
          for (size_t j = 0; j < npats && !ref; j++)
            ref = ref_match (&pats[j], p, nl - p, words, lines);
          if (ref != engine_sel[line] && !grep_sel)
            {
              /* Ask grep once; if it sides with the engines on every
                 line, the model was wrong here.  */
              grep_sel = calloc (nlines, sizeof *grep_sel);
              if (!grep_agrees (syntax, icase, words, lines, patterns,
                                patlen, text, textlen, grep_sel,
                                engine_sel, nlines))
                {
                  free (grep_sel);
                  grep_sel = NULL;
                }
            }
          if (ref != engine_sel[line] && !grep_sel)
            FUZZ_FAIL ("%s%s%s%s%s%s: pattern \"%.*s\", line %zu \"%.*s\":"
                       " the engines %s it, GNU regex %s",
                       syntax == MATCHER_ERE ? "-E" : syntax == MATCHER_FIXED
                       ? "-F" : "-G", icase ? " -i" : "", words ? " -w" : "",
                       lines ? " -x" : "", utf8 ? " (C.UTF-8)" : " (C)",
                       hs_off ? " (no Hyperscan)" : "",
                       (int) patlen, patterns, line + 1, (int) (nl - p), p,
                       engine_sel[line] ? "selects" : "does not select",
                       ref ? "does" : "does not");
          p = nl + 1;
        }
    }

  if (s)
    matcher_scratch_free (s);
  if (m)
    matcher_free (m);
  free (engine_sel);
  free (grep_sel);
  for (size_t j = 0; j < k; j++)
    regfree (&pats[j]);
  free (pats);
  free (text);
  return 0;
}
