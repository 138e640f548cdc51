/* fuzz-engines.c -- mmgrep's engines agree with GNU regex, used line
   by line as GNU grep 3.8 uses it.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input: one byte of options, the patterns up to the first NUL
   (newlines separate them, as with -e; the engines get them as
   mmgrep's main does, each pattern given again dropped), then the
   text searched.  The
   options byte: bits 0-1 the syntax (-G, -E, -F, -G), bit 2 -i,
   bit 3 -w, bit 4 -x, bit 5 C.UTF-8 rather than C, bit 6 Hyperscan
   off, bit 7 the text repeated (below).  The lines that
   matcher_execute selects (whatever route the matcher takes: fixed
   strings, the DFA, regex, Hyperscan) must be the lines that the
   reference selects: for each line and each pattern, re_search and
   re_match of glibc's regex (gnulib's), with grep 3.8's syntax bits,
   its whole-line test for -x and its retries for -w.  -v is grep's
   own inversion of that set, and is not the engines' business.  Where
   the engines and that model disagree, GNU grep itself has the last
   word (fuzz_grep_decides); when it cannot be run, the input is
   skipped, not judged by the model alone.  With FUZZ_GREP_ALWAYS set,
   grep is asked on every input (slow).

   A pattern the reference refuses is skipped; one the engines refuse
   (they print grep's message and exit 2) is skipped too: this file's
   build of the engines calls fuzz_error and fuzz_exit, which jump
   back here (the build's -Derror=fuzz_error -Dexit=fuzz_exit), and
   the matcher, made by matcher_new before its compilation, holds
   what the engines had compiled: matcher_free frees it.  In
   C.UTF-8, texts and patterns that are not valid UTF-8 are skipped:
   GNU grep's DFA and its regex differ there, and the DFA is grep's
   decider.  So are patterns whose repetitions nest too deep
   (fuzz_ref_too_slow): GNU regex may take minutes to compile them.

   The searches note, as mmgrep's do (matcher_nul_proof_start), how
   far their scans for a string that every match holds proved the
   text free of NUL bytes: the proof must hold no NUL and lie within
   the text searched.  NULs in the text are ordinary bytes (grep is
   asked with -a), and the dictionary brings them often.  Without
   bit 7, each call's proof is checked on its own.  With it, the text
   is repeated until it is longer than the engines' line copy (4096
   bytes: the regex engine searches a shorter buffer in a copy, without
   the proof), searched as one slice whose proof grows from call to
   call, as mmgrep's search of a slice; every copy of a line must be
   selected as the first is, and the first copy is what is judged.
   The library's search under the proof is checked on its own too
   (check_memfind_nul), on the same text, for the first pattern's
   bytes.  */

/* The hooks of this build of the engines (fuzz/local.mk) are not for
   this file.  */
#undef error
#undef exit
#undef hs_valid_platform

#include <config.h>

#if HAVE_LIBHS
# include <hs.h>
#endif
#include <locale.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "matcher.h"
#include "memfind.h"
#include "pattern-list.h"
#include "fuzz.h"
#include "fuzz-ref.h"

enum { MAX_PATTERN = 48, MAX_TEXT = 400 };

/* More than the regex engine's LINE_COPY_MAX (engine-regex.c).  */
enum { BIG_TEXT = 4096 + 1 };

/* Fail unless FROM..TO, the proof of a search of BUF..LIM, lies within
   it and holds no NUL.  */
static void
check_nul_proof (char const *buf, char const *lim, char const *from,
                 char const *to)
{
  if (!(buf <= from && from <= to && to <= lim))
    FUZZ_FAIL ("matcher_nul_proof_end: %td..%td outside the text 0..%td",
               from - buf, to - buf, lim - buf);
  char const *z = memchr (from, '\0', to - from);
  if (z)
    FUZZ_FAIL ("matcher_nul_proof_end: 0..%td proved, a NUL at %td",
               to - buf, z - buf);
}

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

/* The library's search under the proof, on its own: the first
   pattern's bytes in the text (COPIES times over), in a buffer of
   their size, must be found where mmu__memfind finds them, and the
   proof must hold no NUL and be whole where there is neither match nor
   NUL.  */
static void
check_memfind_nul (char const *needle, size_t nlen, char const *text,
                   size_t textlen, size_t copies)
{
  size_t len = textlen * copies;
  char *hay = malloc (len ? len : 1);
  for (size_t c = 0; c < copies; c++)
    memcpy (hay + c * textlen, text, textlen);
  struct mmu__needle nd;
  mmu__needle_init (&nd, needle, nlen);
  size_t clean = (size_t) -1;
  char const *r = mmu__memfind_needle_nul (hay, len, &nd, &clean);
  char const *want = mmu__memfind (hay, len, needle, nlen);
  if (r != want)
    FUZZ_FAIL ("mmu__memfind_needle_nul: found at %td, mmu__memfind at %td",
               r ? r - hay : -1, want ? want - hay : -1);
  char const *z = len ? memchr (hay, '\0', len) : NULL;
  if (clean > len || (z && (size_t) (z - hay) < clean))
    FUZZ_FAIL ("mmu__memfind_needle_nul: 0..%zu of %zu proved, a NUL at %td",
               clean, len, z ? z - hay : -1);
  if (!r && !z && clean != len)
    FUZZ_FAIL ("mmu__memfind_needle_nul: 0..%zu of %zu proved, no NUL"
               " and no match", clean, len);
  free (hay);
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
  bool utf8 = o & 32;
  hs_off = o & 64;
  bool big = o & 128;
  int flags = ((icase ? MATCHER_ICASE : 0) | (words ? MATCHER_WORDS : 0)
               | (lines ? MATCHER_LINES : 0));

  uint8_t const *lim = data + size;
  uint8_t const *nul = memchr (data + 1, 0, size - 1);
  if (!nul)
    return 0;
  size_t patlen = nul - (data + 1);
  size_t volatile textlen = lim - (nul + 1);
  if (patlen > MAX_PATTERN || textlen > MAX_TEXT)
    return 0;
  char const *patterns = (char const *) data + 1;
  {
    char const *nl = memchr (patterns, '\n', patlen);
    size_t nlen = nl ? (size_t) (nl - patterns) : patlen;
    check_memfind_nul (patterns, nlen, (char const *) nul + 1, textlen,
                       big && textlen ? BIG_TEXT / textlen + 1 : 1);
  }

  if (!setlocale (LC_ALL, utf8 ? "C.UTF-8" : "C"))
    return 0;
  if (utf8 && !(fuzz_valid_utf8 (patterns, patlen)
                && fuzz_valid_utf8 ((char const *) nul + 1, textlen)))
    return 0;
  if (fuzz_ref_too_slow (patterns, patlen, syntax == MATCHER_ERE ? 'E'
                         : syntax == MATCHER_FIXED ? 'F' : 'G'))
    return 0;

  /* Whether grep is asked even where the model and the engines agree.  */
  bool const ask_grep = ((memchr (patterns, '\n', patlen)
                          && syntax != MATCHER_FIXED
                          && fuzz_ref_escaped_strings (patterns, patlen))
                         || getenv ("FUZZ_GREP_ALWAYS"));

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
                 : fuzz_ref_pattern (p, end - p,
                                     syntax == MATCHER_ERE ? 'E' : 'G',
                                     icase, utf8, &qlen));
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
  /* The patterns as mmgrep's main gives them to the matcher, each
     given again dropped, the first kept: matcher_compile's choices
     (grep_uses_fixed) assume it.  Made after the setjmp (made before
     it, they had gcc's -Wclobbered warn of other locals), so held by
     a volatile pointer.  */
  struct pattern_list *volatile kept = NULL;
  if (ok)
    {
      matcher_no_warnings = true;
      in_engine = true;
      if (setjmp (refused) == 0)
        {
          m = matcher_new ();
          kept = malloc (sizeof *kept);
          pattern_list_init (kept);
          pattern_list_append (kept, patterns, patlen);
          pattern_list_append (kept, "\n", 1);
          pattern_list_keep_new (kept, 0, "");
          matcher_compile (m, kept->bytes, kept->size - 1, syntax, flags,
                           NULL, 0);
          s = matcher_scratch_new (m);
          engine_sel = calloc (nlines, sizeof *engine_sel);
          /* The text searched: TEXT, or BIG with it repeated.  */
          size_t copies = big ? BIG_TEXT / textlen + 1 : 1;
          char *big_text = text;
          if (big)
            {
              big_text = malloc (copies * textlen);
              for (size_t c = 0; c < copies; c++)
                memcpy (big_text + c * textlen, text, textlen);
            }
          size_t line = 0, count = 0;
          char *p = big_text, *tlim = big_text + copies * textlen;
          if (big)
            matcher_nul_proof_start (s, p);
          while (p < tlim)
            {
              size_t msize;
              if (!big)
                matcher_nul_proof_start (s, p);
              ptrdiff_t off = matcher_execute (m, s, p, tlim - p, &msize,
                                               NULL);
              if (!big)
                check_nul_proof (big_text, tlim, p,
                                 matcher_nul_proof_end (s));
              if (off < 0)
                break;
              for (char *q = p; q < p + off; q++)
                line += *q == '\n';
              if (line >= copies * nlines || msize == 0
                  || p[off + msize - 1] != '\n')
                FUZZ_FAIL ("matcher_execute: a match that is not a line");
              /* Each copy of a line as the first: none the first does
                 not select here, and all of those it does (COUNT).  */
              if (line < nlines)
                engine_sel[line] = true;
              else if (!engine_sel[line % nlines])
                FUZZ_FAIL ("matcher_execute: line %zu selected, not its"
                           " copy %zu", line + 1, line % nlines + 1);
              line++;
              count++;
              p += off + msize;
            }
          if (big)
            {
              check_nul_proof (big_text, tlim, big_text,
                               matcher_nul_proof_end (s));
              size_t nsel = 0;
              for (size_t i = 0; i < nlines; i++)
                nsel += engine_sel[i];
              if (count != copies * nsel)
                FUZZ_FAIL ("matcher_execute: %zu lines selected in %zu"
                           " copies of a text, %zu in one", count, copies,
                           nsel);
              free (big_text);
            }
        }
      else
        {
          /* Refused: the engines may have jumped out of a compilation
             in the C locale (a UTF-8 pattern's ASCII twin), whose
             locale object matcher_free frees.  */
          uselocale (LC_GLOBAL_LOCALE);
          free (engine_sel);
          engine_sel = NULL;
        }
      in_engine = false;
    }

  bool *ref_sel = NULL, *grep_sel = NULL, *model = NULL;
  /* Whether grep's answer for a pattern is not the reference, and grep
     is asked with that pattern's ")" quoted.  */
  bool by_design = false;
  if (ok && engine_sel)
    {
      /* The model: whether any pattern selects each line.  */
      ref_sel = calloc (nlines, sizeof *ref_sel);
      size_t line = 0;
      for (char *p = text; p < text + textlen; line++)
        {
          char *nl = memchr (p, '\n', text + textlen - p);
          for (size_t j = 0; j < npats && !ref_sel[line]; j++)
            ref_sel[line] = fuzz_ref_match (&pats[j], p, nl - p, words,
                                            lines, utf8, NULL, NULL);
          p = nl + 1;
        }
      if (memcmp (ref_sel, engine_sel, nlines * sizeof *ref_sel) != 0
          || ask_grep)
        {
          /* Ask grep; the model's lines for each pattern, for those
             grep refuses alone.  */
          model = calloc (npats * nlines, sizeof *model);
          line = 0;
          for (char *p = text; p < text + textlen; line++)
            {
              char *nl = memchr (p, '\n', text + textlen - p);
              for (size_t j = 0; j < npats; j++)
                model[j * nlines + line]
                  = fuzz_ref_match (&pats[j], p, nl - p, words, lines, utf8,
                                    NULL, NULL);
              p = nl + 1;
            }
          struct fuzz_query q = {
            syntax == MATCHER_ERE ? 'E' : syntax == MATCHER_FIXED
            ? 'F' : 'G', icase, words, lines, utf8, patterns, patlen,
            text, textlen };
          by_design = fuzz_grep_by_design (&q);
          grep_sel = calloc (nlines, sizeof *grep_sel);
          if (fuzz_grep_decides (&q, grep_sel, engine_sel, model, nlines)
              == FUZZ_GREP_SKIP)
            {
              /* Not judged: the model alone is wrong in known places.  */
              free (grep_sel);
              grep_sel = NULL;
              goto out;
            }
        }
      bool const *ref = grep_sel ? grep_sel : ref_sel;
      line = 0;
      for (char *p = text; p < text + textlen; line++)
        {
          char *nl = memchr (p, '\n', text + textlen - p);
          if (ref[line] != engine_sel[line])
            FUZZ_FAIL ("%s%s%s%s%s%s: pattern \"%.*s\", line %zu \"%.*s\":"
                       " the engines %s it, %s %s",
                       syntax == MATCHER_ERE ? "-E" : syntax == MATCHER_FIXED
                       ? "-F" : "-G", icase ? " -i" : "", words ? " -w" : "",
                       lines ? " -x" : "", utf8 ? " (C.UTF-8)" : " (C)",
                       hs_off ? " (no Hyperscan)" : "",
                       (int) patlen, patterns, line + 1, (int) (nl - p), p,
                       engine_sel[line] ? "select" : "do not select",
                       !grep_sel ? "GNU regex" : by_design
                       ? "GNU grep (with the \")\" that closes its"
                         " wrapper quoted, by design)" : "GNU grep",
                       ref[line] ? "does" : "does not");
          p = nl + 1;
        }
    }

 out:
  if (s)
    matcher_scratch_free (s);
  if (m)
    matcher_free (m);
  free (engine_sel);
  free (ref_sel);
  free (model);
  free (grep_sel);
  for (size_t j = 0; j < k; j++)
    regfree (&pats[j]);
  free (pats);
  free (text);
  if (kept)
    pattern_list_free (kept);
  free (kept);
  return 0;
}
