/* fuzz-ref.c -- the reference of the engine targets: GNU regex used
   line by line as GNU grep 3.8 uses it, and GNU grep itself.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "fuzz-ref.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
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
  /* The character that holds the byte before P, decoded whole: P may
     be inside a character (GNU regex's search, like grep's -w retries,
     goes on a byte at a time), and that character, cut at P, would
     read as an encoding error, no word constituent ("\u212A" cut
     after its second byte; fuzz/corpus/engines/found-w-paren-kelvin).
     grep's wordchar_prev decodes it whole.  */
  char const *q = line, *last = line;
  while (q < p)
    {
      mbstate_t st = { 0 };
      size_t n = mbrlen (q, lim - q, &st);
      if (n == 0 || n > (size_t) (lim - q))
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
   grep's own answer is the reference.

   grep is started with posix_spawn, which costs the same whatever the
   size of this process (a fuzzer with ASan grows to hundreds of MiB:
   fork's copy of its page tables then costs more than grep, and with
   two such fuzzers fork failed, ENOMEM or EAGAIN).
   When grep cannot be started, or does not end with a status of its
   own (0, 1 or 2), the input is not judged: the model is wrong in
   known places, and only grep can tell.  Such inputs are counted, and
   the count printed at exit.  */
static char patfile[] = "/tmp/mmu-fuzz-pat.XXXXXX";
static char textfile[] = "/tmp/mmu-fuzz-text.XXXXXX";

/* What grep was asked and said, printed at exit: the inputs skipped,
   always when there were some, and with FUZZ_STATS set, how often grep
   ran, for which options and patterns, and whether the answers
   repeated.  */
static unsigned long skipped;
/* The inputs skipped for fuzz_ref_too_slow.  */
static unsigned long too_slow;
static unsigned long spawns, repeats;
enum { NCLASSES = 64, NSEEN = 1 << 14 };
static struct
{
  char what[64];
  unsigned long n, engines;
  bool judged;
} classes[NCLASSES];
static uint64_t seen[NSEEN];

static void
report (FILE *f)
{
  if (skipped)
    fprintf (f, "fuzz: %lu input%s skipped: GNU grep could not be run"
             " on %s\n", skipped, skipped == 1 ? "" : "s",
             skipped == 1 ? "it" : "them");
  if (too_slow)
    fprintf (f, "fuzz: %lu input%s skipped: repetitions nested too much"
             " (fuzz_ref_too_slow), slow for GNU regex to compile\n",
             too_slow, too_slow == 1 ? "" : "s");
  if (!getenv ("FUZZ_STATS"))
    return;
  fprintf (f, "fuzz: GNU grep run %lu times; asked the same again %lu"
           " times\n", spawns, repeats);
  for (int i = 0; i < NCLASSES && classes[i].n; i++)
    if (classes[i].judged)
      fprintf (f, "fuzz: asked %8lu times (grep sided with the engines"
               " %lu): %s\n", classes[i].n, classes[i].engines,
               classes[i].what);
    else
      fprintf (f, "fuzz: asked %8lu times: %s\n", classes[i].n,
               classes[i].what);
}

static void at_exit (void);

/* Have at_exit called at exit, once.  */
static void
report_at_exit (void)
{
  static bool registered;
  if (!registered)
    atexit (at_exit);
  registered = true;
}

static void
at_exit (void)
{
  unlink (patfile);
  unlink (textfile);
  if (!skipped && !too_slow && !getenv ("FUZZ_STATS"))
    return;
  report (stderr);
  char const *log = getenv ("FUZZ_MESSAGES");
  FILE *f = log ? fopen (log, "a") : NULL;
  if (f)
    {
      report (f);
      fclose (f);
    }
}

/* Count a question of class WHAT (a short text); if JUDGED, ENGINES:
   grep sided with the engines.  */
static void
count (char const *what, bool judged, bool engines)
{
  int i;
  for (i = 0; i < NCLASSES && classes[i].n; i++)
    if (strcmp (classes[i].what, what) == 0)
      break;
  if (i == NCLASSES)
    return;
  if (!classes[i].n)
    snprintf (classes[i].what, sizeof classes[i].what, "%s", what);
  classes[i].n++;
  classes[i].judged = judged;
  classes[i].engines += engines;
  /* Most asked first.  */
  for (; 0 < i && classes[i - 1].n < classes[i].n; i--)
    {
      __typeof__ (classes[0]) t = classes[i];
      classes[i] = classes[i - 1];
      classes[i - 1] = t;
    }
}

/* The class of Q, for the counts: its options, and what its patterns
   hold of the places where the model is weak.  */
static void
classify (struct fuzz_query const *q, char *what, size_t size)
{
  char const *p = q->patterns;
  size_t n = q->patlen;
  bool multi = memchr (p, '\n', n) != NULL;
  bool range = false, backref = false, brace = false, paren = false;
  for (size_t i = 0; i < n; i++)
    {
      range |= p[i] == '[' && memchr (p + i, '-', n - i);
      backref |= p[i] == '\\' && i + 1 < n && '1' <= p[i + 1]
                 && p[i + 1] <= '9';
      brace |= p[i] == '{';
      paren |= p[i] == '(' || p[i] == ')';
    }
  snprintf (what, size, "-%c%s%s%s %s%s%s%s%s%s", q->syntax,
            q->icase ? "i" : "", q->words ? "w" : "", q->lines ? "x" : "",
            q->utf8 ? "UTF-8" : "C", multi ? " several" : "",
            range ? " range" : "", backref ? " backref" : "",
            brace ? " brace" : "", paren ? " paren" : "");
}

/* Whether Q was asked before (as far as a small table of hashes
   remembers).  */
static bool
asked_before (struct fuzz_query const *q)
{
  uint64_t h = 1469598103934665603u;
  unsigned char o[5] = { q->syntax, q->icase, q->words, q->lines, q->utf8 };
  for (size_t i = 0; i < sizeof o; i++)
    h = (h ^ o[i]) * 1099511628211u;
  for (size_t i = 0; i < q->patlen; i++)
    h = (h ^ (unsigned char) q->patterns[i]) * 1099511628211u;
  h = (h ^ 0x100) * 1099511628211u;
  for (size_t i = 0; i < q->textlen; i++)
    h = (h ^ (unsigned char) q->text[i]) * 1099511628211u;
  uint64_t *slot = &seen[h % NSEEN];
  bool before = *slot == h;
  *slot = h;
  return before;
}

/* The environment of grep: this one, with LC_ALL set to C or
   C.UTF-8.  */
static char **
grep_env (bool utf8)
{
  static char **env[2];
  static char lc_c[] = "LC_ALL=C", lc_utf8[] = "LC_ALL=C.UTF-8";
  if (!env[utf8])
    {
      size_t n = 0;
      while (environ[n])
        n++;
      char **e = malloc ((n + 2) * sizeof *e);
      size_t k = 0;
      e[k++] = utf8 ? lc_utf8 : lc_c;
      for (size_t i = 0; i < n; i++)
        if (strncmp (environ[i], "LC_ALL=", 7) != 0)
          e[k++] = environ[i];
      e[k] = NULL;
      env[utf8] = e;
    }
  return env[utf8];
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
      pfd = mkostemp (patfile, O_CLOEXEC);
      tfd = mkostemp (textfile, O_CLOEXEC);
      report_at_exit ();
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
  if (pipe2 (pipefd, O_CLOEXEC) != 0)
    return NULL;
  /* Not on the standard descriptors, which make fuzz closes
     (-close_fd_mask): the child's dup2 onto 1 would close its pipe.  */
  for (int i = 0; i < 2; i++)
    if (pipefd[i] <= STDERR_FILENO)
      {
        int fd = fcntl (pipefd[i], F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
        close (pipefd[i]);
        pipefd[i] = fd;
      }
  if (pipefd[0] < 0 || pipefd[1] < 0)
    {
      if (0 <= pipefd[0])
        close (pipefd[0]);
      if (0 <= pipefd[1])
        close (pipefd[1]);
      return NULL;
    }
  posix_spawn_file_actions_t fa;
  int err = posix_spawn_file_actions_init (&fa);
  if (!err)
    {
      /* dup2 clears the copy's close-on-exec flag.  grep's warnings
         ("stray \ before ...") are not wanted but with FUZZ_VERBOSE.  */
      err = posix_spawn_file_actions_adddup2 (&fa, pipefd[1],
                                              STDOUT_FILENO);
      if (!err && !getenv ("FUZZ_VERBOSE"))
        err = posix_spawn_file_actions_addopen (&fa, STDERR_FILENO,
                                                "/dev/null", O_WRONLY, 0);
      if (!err)
        err = posix_spawnp (pid, prog, &fa, NULL, (char *const *) argv,
                            grep_env (q->utf8));
      posix_spawn_file_actions_destroy (&fa);
    }
  close (pipefd[1]);
  if (err)
    {
      if (getenv ("FUZZ_VERBOSE"))
        fprintf (stderr, "fuzz: %s: %s\n", prog, strerror (err));
      close (pipefd[0]);
      return NULL;
    }
  spawns++;
  FILE *out = fdopen (pipefd[0], "r");
  if (!out)
    close (pipefd[0]);
  return out;
}

/* Close OUT, and what grep (PID) said: 0 or 1, it ran; 2, it refused;
   anything else, or killed, or OUT null, it could not be run.  */
static enum fuzz_grep
grep_close (FILE *out, pid_t pid)
{
  bool read_ok = out && !ferror (out);
  if (out)
    fclose (out);
  int status;
  pid_t r;
  while ((r = waitpid (pid, &status, 0)) < 0 && errno == EINTR)
    continue;
  if (r != pid || !WIFEXITED (status) || 2 < WEXITSTATUS (status)
      || !read_ok)
    {
      if (getenv ("FUZZ_VERBOSE"))
        fprintf (stderr, "fuzz: grep %s %d\n",
                 r == pid && WIFSIGNALED (status) ? "killed by signal"
                 : "ended with status",
                 r != pid ? -1 : WIFSIGNALED (status) ? WTERMSIG (status)
                 : WEXITSTATUS (status));
      return FUZZ_GREP_SKIP;
    }
  return WEXITSTATUS (status) == 2 ? FUZZ_GREP_REFUSED : FUZZ_GREP_OK;
}

/* What grep says of Q with the patterns PATTERNS..PATLEN; if it ran,
   the lines it selects in SEL (NLINES).  */
static enum fuzz_grep
grep_selects (struct fuzz_query const *q, char const *patterns,
              size_t patlen, bool *sel, size_t nlines)
{
  static char const *const n[] = { "-n", NULL };
  pid_t pid;
  FILE *out = grep_open (q, patterns, patlen, n, &pid);
  if (!out)
    return FUZZ_GREP_SKIP;
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

/* Whether grep's answer for the one pattern P..P+N of Q is not the
   reference: with -E and -x or -w, a ")" that closes no "(" of the
   pattern closes the parenthesis grep 3.8 wraps the patterns in (the
   manual's "mmgrep and grep" lists the difference; mmgrep and the
   model take the ")" as an ordinary character).  If OUT is not null,
   the pattern with each such ")" quoted ("\\)"), what mmgrep reads, is
   put there (at most 2 * N bytes), its length in *OUTLEN.  */
static bool
quote_by_design (struct fuzz_query const *q, char const *p, size_t n,
                 char *out, size_t *outlen)
{
  bool differs = false;
  size_t o = 0;
  if (q->syntax != 'E' || !(q->words || q->lines))
    {
      if (out)
        memcpy (out, p, n);
      o = n;
      goto done;
    }
  size_t depth = 0;
  for (size_t i = 0; i < n; i++)
    {
      size_t from = i;
      switch (p[i])
        {
        case '\\':
          i += i + 1 < n;
          break;
        case '[':
          {
            /* A bracket expression: its "]" first is its own, and so
               are those of its [:class:], [.coll.] and [=equiv=].  */
            size_t j = i + 1;
            if (j < n && p[j] == '^')
              j++;
            if (j < n && p[j] == ']')
              j++;
            while (j < n && p[j] != ']')
              {
                if (p[j] == '[' && j + 1 < n && strchr (":.=", p[j + 1])
                    && p[j + 1])
                  {
                    char const *close = NULL;
                    for (size_t k = j + 2; k + 1 < n && !close; k++)
                      if (p[k] == p[j + 1] && p[k + 1] == ']')
                        close = p + k;
                    if (close)
                      j = close + 1 - p;
                  }
                j++;
              }
            i = j < n ? j : n - 1;
          }
          break;
        case '(':
          depth++;
          break;
        case ')':
          if (!depth)
            {
              differs = true;
              if (out)
                out[o] = '\\';
              o++;
            }
          else
            depth--;
          break;
        }
      if (out)
        memcpy (out + o, p + from, i + 1 - from);
      o += i + 1 - from;
    }
 done:
  if (outlen)
    *outlen = o;
  return differs;
}

static bool
grep_differs_by_design (struct fuzz_query const *q, char const *p, size_t n)
{
  return quote_by_design (q, p, n, NULL, NULL);
}

bool
fuzz_grep_by_design (struct fuzz_query const *q)
{
  for (char const *p = q->patterns, *lim = p + q->patlen; p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      if (grep_differs_by_design (q, p, end - p))
        return true;
      p = end + 1;
    }
  return false;
}

/* The end of the run of operators C (backslashed if BS) that starts
   at P, when no other operator follows it; P otherwise.  */
static char const *
same_ops_end (char const *p, char const *lim, char c, bool bs, bool ere)
{
  char const *q = p;
  for (;;)
    {
      char const *r = q;
      bool rbs = r + 1 < lim && *r == '\\';
      r += rbs;
      if (r < lim && *r == c && rbs == bs)
        {
          q = r + 1;
          continue;
        }
      bool other = r < lim && ((*r == '*' && !rbs)
                               || (ere != rbs && (*r == '?' || *r == '+'
                                                  || *r == '{')));
      return other ? p : q;
    }
}

/* How much the repetitions nest in the pattern P..LIM (SYNTAX 'E' or
   'G'): each repetition operator ("?", "*", "+", an interval; "\?",
   "\+" in a BRE) counts the operators it applies to, directly ("a?+":
   1 for the "+") or through a group ("(a?)+": 1), one more when they
   start with an anchor ("^*", "(^)?"), and the counts add up ("a??+":
   0 + 1 + 2).  A run of "*" or of "?" ("a***") counts as that
   operator once: GNU regex compiles it fast (fuzz/corpus/engines/
   found-stacked-stars, 40 stars), where a run that mixes them
   ("a??+++") takes time exponential in its length, and a run of "+"
   memory: regex makes "a+" "aa*", and "0" with 24 "+" took it 21 GB
   (GNU grep 3.8 runs out of memory on it).  An operator that
   the syntax takes as an ordinary character there (a "*" that starts
   a BRE) counts as well: the sum is never less.  In *NESTED, how many
   operands have more than one operator, or one on an anchor ("a**",
   "(a?)+", "^*"): a sequence of such runs is slow too
   ("^****^****.****^***[^a]****$***.*****[^a]****", 8 of them, more
   than 15 s under ASan; 6 of them, 0.3 s).  In *COPIES, the most
   copies of an atom that the intervals make, their bounds multiplied
   through the groups: GNU regex copies the operand of "{N}" N times,
   and takes time more than linear in the copies ("((x{99}){99}){99}",
   970299 copies, more than a minute for GNU grep 3.8; "(x{99}){99}",
   9801, 1.8 s; "x{5000}", 0.2 s).  */
static int
repeat_nesting (char const *p, char const *lim, char syntax, int *nested,
                long *copies)
{
  bool ere = syntax == 'E';
  enum { NEST = 64 };
  int inner[NEST] = { 0 };      /* the deepest in each open group */
  int level = 0, last = 0, sum = 0;
  /* The most copies in each open group, of the last operand.  */
  long icopies[NEST] = { 0 }, last_copies = 1;
  enum { COPIES_CLAMP = 1000000000 };
  bool after_op = false;
  /* Whether the operand of the current run of operators is counted in
     *NESTED.  */
  bool counted = false;
  *nested = 0;
  *copies = 1;
  while (p < lim)
    {
      char c = *p++;
      bool bs = c == '\\' && p < lim;
      if (bs)
        c = *p++;
      if (c == '[' && !bs)
        {
          /* A bracket expression, one atom: its "]" first or after
             "^" is its own, and so are those of "[:alpha:]".  */
          if (p < lim && *p == '^')
            p++;
          if (p < lim && *p == ']')
            p++;
          while (p < lim && *p != ']')
            {
              if (*p == '[' && p + 1 < lim && strchr (":.=", p[1]))
                {
                  char d = p[1];
                  for (p += 2; p + 1 < lim && !(p[0] == d && p[1] == ']');)
                    p++;
                  p += p < lim;
                }
              p += p < lim;
            }
          p += p < lim;
          last = 0;
          last_copies = 1;
          after_op = counted = false;
          continue;
        }
      bool op = ((c == '*' && !bs)
                 || (ere != bs && (c == '?' || c == '+' || c == '{')));
      if (c == '{' && op)
        {
          /* Its bounds, up to "}" ("\}" in a BRE), when they are
             digits and a comma.  Anything else is no interval (GNU
             grep's -E takes the "{" as an ordinary character; a BRE's
             is refused): what follows is read on, not skipped to the
             next "}" ("x*{*\**+++...", fuzz/corpus/hs/
             capped-plus-run-brace).  */
          char const *q = p;
          long bound = 1, n = 0;
          while (q < lim && (('0' <= *q && *q <= '9') || *q == ','))
            {
              n = *q == ',' ? 0 : n < 100000 ? 10 * n + (*q - '0') : n;
              if (bound < n)
                bound = n;
              q++;
            }
          if (!ere && q < lim && *q == '\\')
            q++;
          if (q < lim && *q == '}')
            {
              p = q + 1;
              last_copies = (last_copies < COPIES_CLAMP / bound
                             ? last_copies * bound : COPIES_CLAMP);
              if (*copies < last_copies)
                *copies = last_copies;
              if (icopies[level] < last_copies)
                icopies[level] = last_copies;
            }
          else
            op = false;
        }
      if (op && (c == '*' || c == '?') && !after_op)
        {
          char const *q = same_ops_end (p, lim, c, bs, ere);
          if (q != p)
            *nested += !counted;
          counted |= q != p;
          p = q;
        }
      after_op = op;
      if (op)
        {
          if (last && !counted)
            {
              ++*nested;
              counted = true;
            }
          sum += last;
          if (sum > 1000)
            return sum;
          last++;
          if (inner[level] < last)
            inner[level] = last;
        }
      else if (c == '(' && ere != bs)
        {
          if (level + 1 < NEST)
            {
              inner[++level] = 0;
              icopies[level] = 1;
            }
          last = 0;
          last_copies = 1;
          counted = false;
        }
      else if (c == ')' && ere != bs && level > 0)
        {
          last = inner[level];
          last_copies = icopies[level--];
          if (inner[level] < last)
            inner[level] = last;
          if (icopies[level] < last_copies)
            icopies[level] = last_copies;
          counted = false;
        }
      else if (bs ? c && strchr ("<>bB`'", c) : c == '^' || c == '$')
        {
          /* An anchor: its repetitions are nested ones.  */
          last = 1;
          last_copies = 1;
          if (inner[level] < last)
            inner[level] = last;
          counted = false;
        }
      else
        {
          last = 0;
          last_copies = 1;
          counted = false;
        }
    }
  return sum;
}

bool
fuzz_ref_too_slow (char const *patterns, size_t patlen, char syntax)
{
  if (syntax == 'F')
    return false;
  char const *lim = patterns + patlen;
  for (char const *p = patterns; p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      int nested;
      long copies;
      if (repeat_nesting (p, end, syntax, &nested, &copies)
          > REPEAT_NESTING_MAX
          || nested > REPEAT_NESTED_MAX || copies > REPEAT_COPIES_MAX)
        {
          too_slow++;
          report_at_exit ();
          return true;
        }
      p = end + 1;
    }
  return false;
}

/* Count an input not judged.  */
static enum fuzz_grep
skip (void)
{
  skipped++;
  return FUZZ_GREP_SKIP;
}

enum fuzz_grep
fuzz_grep_first_match (struct fuzz_query const *q, size_t line_start,
                       size_t line_end, bool *found, size_t *start,
                       size_t *end)
{
  static char const *const ob[] = { "-o", "-b", NULL };
  char what[64];
  classify (q, what, sizeof what - 4);
  strcat (what, " -o");
  repeats += asked_before (q);
  pid_t pid;
  FILE *out = grep_open (q, q->patterns, q->patlen, ob, &pid);
  if (!out)
    return skip ();
  bool at_start = true;
  size_t num = 0, len = 0;
  int c;
  *found = false;
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
          if (!*found && line_start <= num && num < line_end)
            {
              *found = true;
              *start = num;
              *end = num + len;
            }
          at_start = true;
          num = 0;
        }
    }
  enum fuzz_grep r = grep_close (out, pid);
  count (what, false, false);
  return r == FUZZ_GREP_SKIP ? skip () : r;
}

enum fuzz_grep
fuzz_grep_selects (struct fuzz_query const *q, bool *sel, size_t nlines)
{
  char what[64];
  classify (q, what, sizeof what);
  if (fuzz_grep_by_design (q))
    return FUZZ_GREP_REFUSED;
  repeats += asked_before (q);
  enum fuzz_grep r = grep_selects (q, q->patterns, q->patlen, sel, nlines);
  count (what, false, false);
  return r == FUZZ_GREP_SKIP ? skip () : r;
}

bool
fuzz_ref_escaped_strings (char const *patterns, size_t len)
{
  if (!memchr (patterns, '\\', len))
    return false;
  for (size_t i = 0; i < len; i++)
    if (patterns[i] && strchr ("$*.[^(){}|+?", patterns[i]))
      return false;
  return true;
}

enum fuzz_grep
fuzz_grep_decides (struct fuzz_query const *q, bool *sel,
                   bool const *engine_sel, bool const *model,
                   size_t nlines)
{
  char what[64];
  classify (q, what, sizeof what);
  repeats += asked_before (q);
  /* The patterns as mmgrep reads them: a ")" that closes grep's
     wrapper by design quoted, as the manual says ("\\)"), so that grep
     judges the set as a whole, as it combines the patterns
     (fuzz/corpus/engines/found-w-paren-set-utf8: with "{", an empty
     alternative for its regex, under -w in C.UTF-8).  */
  char *quoted = malloc (2 * q->patlen + 1);
  size_t patlen = 0;
  for (char const *p = q->patterns, *lim = p + q->patlen; p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      size_t len;
      quote_by_design (q, p, end - p, quoted + patlen, &len);
      patlen += len;
      if (nl)
        quoted[patlen++] = '\n';
      p = end + 1;
    }
  char const *patterns = quoted;
  bool several = memchr (patterns, '\n', patlen) != NULL;
  enum fuzz_grep r = grep_selects (q, patterns, patlen, sel, nlines);
  if (r == FUZZ_GREP_SKIP)
    {
      free (quoted);
      return skip ();
    }
  if (r == FUZZ_GREP_OK
      && (!several || fuzz_ref_escaped_strings (patterns, patlen)
          || memcmp (sel, engine_sel, nlines * sizeof *sel) == 0))
    goto done;
  if (!several)
    {
      /* The one pattern, refused by grep: the model's lines.  */
      memcpy (sel, model, nlines * sizeof *sel);
      goto done;
    }
  /* Each pattern alone, the lines put together; for a pattern grep
     refuses, the model's lines (see fuzz-ref.h).  */
  bool *one = malloc (nlines * sizeof *one);
  memset (sel, 0, nlines * sizeof *sel);
  size_t k = 0;
  for (char const *p = patterns, *lim = patterns + patlen; p <= lim; k++)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      r = grep_selects (q, p, end - p, one, nlines);
      if (r == FUZZ_GREP_SKIP)
        {
          free (one);
          free (quoted);
          return skip ();
        }
      bool const *lines = r == FUZZ_GREP_REFUSED ? model + k * nlines : one;
      for (size_t i = 0; i < nlines; i++)
        sel[i] |= lines[i];
      p = end + 1;
    }
  free (one);
 done:
  free (quoted);
  count (what, true, memcmp (sel, engine_sel, nlines * sizeof *sel) == 0);
  return FUZZ_GREP_OK;
}

/* Append the byte C to the buffer B (of *N bytes).  */
static void
put (char *b, size_t *n, char c)
{
  b[(*n)++] = c;
}

/* The bracket expression at P (its "["), of a pattern that ends at LIM,
   as the set of the bytes it lists (not its negation) in SET, and
   whether it is negated in *NEG; return its end, or NULL if it holds
   what this does not take (a collating element of several characters,
   an unknown class, no "]").  In the C locale.  */
static char const *
bracket_set (char const *p, char const *lim, bool set[256], bool *neg)
{
  memset (set, 0, 256 * sizeof *set);
  p++;
  *neg = p < lim && *p == '^';
  p += *neg;
  bool first = true;
  while (p < lim && (first || *p != ']'))
    {
      first = false;
      int lo;
      if (*p == '[' && p + 1 < lim && (p[1] == ':' || p[1] == '.'
                                       || p[1] == '='))
        {
          char kind = p[1];
          char const *q = p + 2, *e = NULL;
          for (; q + 1 < lim && !e; q++)
            if (q[0] == kind && q[1] == ']')
              e = q;
          if (!e)
            return NULL;
          if (kind == ':')
            {
              static char const *const names[] = {
                "alpha", "upper", "lower", "digit", "xdigit", "space",
                "print", "punct", "graph", "cntrl", "blank", "alnum" };
              int (*const fns[]) (int) = {
                isalpha, isupper, islower, isdigit, isxdigit, isspace,
                isprint, ispunct, isgraph, iscntrl, isblank, isalnum };
              size_t k, len = e - (p + 2);
              for (k = 0; k < sizeof names / sizeof *names; k++)
                if (strlen (names[k]) == len
                    && memcmp (names[k], p + 2, len) == 0)
                  break;
              if (k == sizeof names / sizeof *names)
                return NULL;
              for (int c = 1; c < 256; c++)
                set[c] |= fns[k] (c) != 0;
              p = e + 2;
              continue;
            }
          if (e - (p + 2) != 1)
            return NULL;
          lo = (unsigned char) p[2];
          p = e + 2;
        }
      else
        lo = (unsigned char) *p++;
      if (p + 1 < lim && *p == '-' && p[1] != ']')
        {
          int hi;
          if (p[1] == '[')
            {
              /* A range to [.x.]: not taken.  */
              return NULL;
            }
          hi = (unsigned char) p[1];
          p += 2;
          if (hi < lo)
            return NULL;
          for (int c = lo; c <= hi; c++)
            set[c] = true;
        }
      else
        set[lo] = true;
    }
  return p < lim ? p + 1 : NULL;
}

/* The end of the interval that starts at P (its "{"), of an ERE that
   ends at LIM, if GNU grep's DFA reads one there (dfa.c's lex, with
   RE_INVALID_INTERVAL_ORD): "{M}", "{M,}", "{,N}", "{,}", "{M,N}" with
   M <= N; NULL if it reads an ordinary "{" ("{}", "{b", "{3,1}",
   "{1,2,3}").  Bounds above RE_DUP_MAX, which grep refuses, count as
   an interval.  */
static char const *
dfa_interval_end (char const *p, char const *lim)
{
  long min = -1, max = -1;
  for (p++; p < lim && '0' <= *p && *p <= '9'; p++)
    min = min < 0 ? *p - '0' : min < 100000 ? 10 * min + (*p - '0') : min;
  if (p < lim && *p == ',')
    {
      if (min < 0)
        min = 0;
      for (p++; p < lim && '0' <= *p && *p <= '9'; p++)
        max = (max < 0 ? *p - '0' : max < 100000 ? 10 * max + (*p - '0')
               : max);
    }
  else
    max = min;
  if (p < lim && *p == '}' && 0 <= min && (max < 0 || min <= max))
    return p + 1;
  return NULL;
}

char *
fuzz_ref_pattern (char const *pat, size_t len, char syntax, bool icase,
                  bool utf8, size_t *newlen)
{
  /* Each bracket expression of at most 4 bytes to at most 256 + 4.  */
  char *b = malloc (len * 70 + 1);
  size_t n = 0;
  bool at_start = true;
  /* Whether GNU grep's DFA decides the lines: in C, without a
     back-reference.  In C.UTF-8 its regex often decides (under -w
     always: "{|b)" selects "{bcd" there), and reads a pattern as the
     model does.  */
  bool dfa_decides = syntax == 'E' && !utf8;
  for (size_t i = 0; i + 1 < len && dfa_decides; i++)
    if (pat[i] == '\\')
      dfa_decides = !('1' <= pat[++i] && pat[i] <= '9');
  for (char const *p = pat, *lim = pat + len; p < lim;)
    {
      char c = *p;
      if (syntax == 'E' && at_start && c == '{'
          && (dfa_decides || dfa_interval_end (p, lim)))
        {
          /* A "{" at the start of the pattern, of a group or of an
             alternative, or after an anchor ("^{b", "\<{b"), or after
             "*", "+", "?" in those places: GNU regex skips it, an
             operator with no operand (RE_CONTEXT_INDEP_OPS), whatever
             follows, and reads on as from a start ("{bcd" is "bcd",
             "x|{" is "x|", which matches the empty string).
             GNU grep's DFA reads a valid interval there as the
             repetition of nothing (with a warning), and any other "{"
             as an ordinary character (RE_INVALID_INTERVAL_ORD; dfa.c's
             lex): the interval goes, such a "{" is quoted where the
             DFA decides (fuzz/corpus/engines/found-w-paren-set-*).  */
          char const *q = dfa_interval_end (p, lim);
          if (q)
            {
              p = q;
              continue;
            }
          put (b, &n, '\\');
          put (b, &n, *p++);
          at_start = false;
          continue;
        }
      if (dfa_decides && at_start && (c == '*' || c == '+' || c == '?'))
        {
          /* A repetition of nothing, for GNU regex (which skips it) as
             for the DFA (which repeats the empty string), and the next
             "{" is at the start still.  (After an anchor the DFA
             repeats the anchor, "^*x" is "x", where regex reads "^x":
             not rewritten.)  */
          put (b, &n, *p++);
          continue;
        }
      at_start = false;
      if (c == '\\' && p + 1 < lim)
        {
          put (b, &n, *p++);
          put (b, &n, *p++);
          if (syntax == 'G' && (p[-1] == '(' || p[-1] == '|'))
            at_start = true;
          if (dfa_decides && strchr ("<>bB`'", p[-1]) && p[-1])
            at_start = true;
          continue;
        }
      if (c == '[' && icase && !utf8)
        {
          /* Under -i, a bracket expression with a range: GNU grep's DFA
             takes each byte of the range and its other case, which GNU
             regex does not always do ([^!-z]); so the model gets the
             bytes listed one by one.  */
          bool set[256], neg;
          char const *e = bracket_set (p, lim, set, &neg);
          if (e && memchr (p, '-', e - p))
            {
              set['\n'] = false;
              size_t count = 0;
              for (int k = 1; k < 256; k++)
                count += set[k];
              if (count && !(count == 1 && set['^']))
                {
                  put (b, &n, '[');
                  if (neg)
                    put (b, &n, '^');
                  if (set[']'])
                    put (b, &n, ']');
                  for (int k = 1; k < 256; k++)
                    if (set[k] && !strchr ("]^-[", k))
                      put (b, &n, k);
                  if (set['['])
                    put (b, &n, '[');
                  if (set['^'])
                    put (b, &n, '^');
                  if (set['-'])
                    put (b, &n, '-');
                  put (b, &n, ']');
                  p = e;
                  continue;
                }
            }
        }
      if (c == '[')
        {
          /* Copied whole: a "(" or "|" in it starts nothing.  */
          bool set[256], neg;
          char const *e = bracket_set (p, lim, set, &neg);
          if (e)
            {
              memcpy (b + n, p, e - p);
              n += e - p;
              p = e;
              continue;
            }
        }
      put (b, &n, *p++);
      if (syntax == 'E' && (c == '(' || c == '|'))
        at_start = true;
      if (dfa_decides && (c == '^' || c == '$'))
        at_start = true;
    }
  *newlen = n;
  return b;
}
