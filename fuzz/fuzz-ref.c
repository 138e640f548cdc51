/* fuzz-ref.c -- the reference of the engine targets: GNU regex used
   line by line as GNU grep 3.8 uses it, and GNU grep itself.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "fuzz-ref.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "fuzz.h"

/* Whether the character at P (of LINE..LIM) is a word constituent,
   and the one before P.  */
static bool
wordchar (char const *p, char const *lim, bool utf8)
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
wordchar_before (char const *line, char const *p, char const *lim,
                 bool utf8)
{
  if (p == line)
    return false;
  if (!utf8)
    return wordchar (p - 1, lim, utf8);
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
  return wordchar (last, lim, utf8);
}

bool
fuzz_ref_match (struct re_pattern_buffer *pat, char const *line,
                regoff_t len, bool words, bool lines, bool utf8,
                regoff_t *mstart, regoff_t *mend)
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
  /* Where -w accepts a match, it is not always the leftmost-longest:
     none is reported.  */
  mstart = mend = NULL;
  regoff_t match = start;
  while (match <= len)
    {
      regoff_t shorter = 0;
      if (!wordchar (line + match + mlen, line + len, utf8)
          && !wordchar_before (line, line + match, line + len, utf8))
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
  if (found && mstart && mend)
    {
      *mstart = start;
      *mend = start + mlen;
    }
  if (pat->regs_allocated == REGS_REALLOCATE)
    {
      free (regs.start);
      free (regs.end);
    }
  return found;
}

bool
fuzz_valid_utf8 (char const *p, size_t n)
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
   grep itself, as -a -n with the same options and patterns.  The model
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

/* Start GNU grep on Q with the patterns PATTERNS..PATLEN, as -a with
   the options in EXTRA (a null-terminated list), in *PID; return a
   stream of its output, or NULL if it cannot be run.  */
static FILE *
grep_open (struct fuzz_query const *q, char const *patterns, size_t patlen,
           char const *const *extra, pid_t *pid)
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
      || pwrite (tfd, q->text, q->textlen, 0) != (ssize_t) q->textlen)
    return NULL;
  char const *prog = getenv ("FUZZ_GREP") ? getenv ("FUZZ_GREP") : "grep";
  char const *argv[16];
  int argc = 0;
  argv[argc++] = prog;
  argv[argc++] = q->syntax == 'E' ? "-E" : q->syntax == 'F' ? "-F" : "-G";
  argv[argc++] = "-a";
  while (*extra && argc < 10)
    argv[argc++] = *extra++;
  if (q->icase)
    argv[argc++] = "-i";
  if (q->words)
    argv[argc++] = "-w";
  if (q->lines)
    argv[argc++] = "-x";
  argv[argc++] = "-f";
  argv[argc++] = patfile;
  argv[argc++] = textfile;
  argv[argc] = NULL;
  int pipefd[2];
  if (pipe (pipefd) != 0)
    return NULL;
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
    return NULL;
  fflush (NULL);
  *pid = fork ();
  if (*pid < 0)
    return NULL;
  if (*pid == 0)
    {
      dup2 (pipefd[1], STDOUT_FILENO);
      close (pipefd[0]);
      close (pipefd[1]);
      setenv ("LC_ALL", q->utf8 ? "C.UTF-8" : "C", 1);
      execvp (prog, (char *const *) argv);
      _exit (127);
    }
  close (pipefd[1]);
  FILE *out = fdopen (pipefd[0], "r");
  if (!out)
    close (pipefd[0]);
  return out;
}

/* Close OUT, and whether grep (PID) ended with a status of 0 or 1.  */
static bool
grep_close (FILE *out, pid_t pid)
{
  if (out)
    fclose (out);
  int status;
  return (waitpid (pid, &status, 0) == pid && WIFEXITED (status)
          && WEXITSTATUS (status) <= 1 && out);
}

/* Whether grep can be run on Q with the patterns PATTERNS..PATLEN;
   then the lines it selects in SEL (NLINES).  */
static bool
grep_selects (struct fuzz_query const *q, char const *patterns,
              size_t patlen, bool *sel, size_t nlines)
{
  static char const *const n[] = { "-n", NULL };
  pid_t pid;
  FILE *out = grep_open (q, patterns, patlen, n, &pid);
  if (!out)
    return false;
  memset (sel, 0, nlines * sizeof *sel);
  bool at_start = true;
  size_t num = 0;
  int c;
  while ((c = getc (out)) != EOF)
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
  return grep_close (out, pid);
}

bool
fuzz_grep_first_match (struct fuzz_query const *q, size_t line_start,
                       size_t line_end, size_t *start, size_t *end)
{
  static char const *const ob[] = { "-o", "-b", NULL };
  pid_t pid;
  FILE *out = grep_open (q, q->patterns, q->patlen, ob, &pid);
  if (!out)
    return false;
  bool found = false, at_start = true;
  size_t num = 0, len = 0;
  int c;
  while ((c = getc (out)) != EOF)
    {
      if (at_start && '0' <= c && c <= '9')
        num = 10 * num + (c - '0');
      else if (at_start)
        {
          at_start = false;
          len = 0;
        }
      else if (c != '\n')
        len++;
      if (c == '\n')
        {
          if (!found && line_start <= num && num < line_end)
            {
              found = true;
              *start = num;
              *end = num + len;
            }
          at_start = true;
          num = 0;
        }
    }
  return grep_close (out, pid) && found;
}

bool
fuzz_grep_selects (struct fuzz_query const *q, bool *sel, size_t nlines)
{
  return grep_selects (q, q->patterns, q->patlen, sel, nlines);
}

bool
fuzz_grep_agrees (struct fuzz_query const *q, bool *sel,
                  bool const *engine_sel, size_t nlines)
{
  if (grep_selects (q, q->patterns, q->patlen, sel, nlines)
      && memcmp (sel, engine_sel, nlines * sizeof *sel) == 0)
    return true;
  char const *patterns = q->patterns;
  size_t patlen = q->patlen;
  if (!memchr (patterns, '\n', patlen))
    return false;
  bool *one = calloc (nlines, sizeof *one);
  memset (sel, 0, nlines * sizeof *sel);
  bool ok = true;
  for (char const *p = patterns, *lim = patterns + patlen; ok && p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      ok = grep_selects (q, p, end - p, one, nlines);
      for (size_t i = 0; ok && i < nlines; i++)
        sel[i] |= one[i];
      p = end + 1;
    }
  free (one);
  return ok && memcmp (sel, engine_sel, nlines * sizeof *sel) == 0;
}
