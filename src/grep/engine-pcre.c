/* engine-pcre.c -- -P: Perl-compatible regular expressions by PCRE2.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Without PCRE2 (configure did not find it), -P is refused with the
   message of a GNU grep built without it.  With it, the one pattern
   is compiled with PCRE2_UTF in a UTF-8 locale, wrapped for -w and -x,
   and matched against one line at a time.  */

#include <config.h>

#include "cli.h"
#include "matcher.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exit-status.h"
#include "xalloc.h"


#if HAVE_LIBPCRE2
# define PCRE2_CODE_UNIT_WIDTH 8
# include <pcre2.h>
# include <langinfo.h>

/* The compiled pattern, shared by every thread (pcre2_match only
   reads it, its JIT code included), and what one thread changes.  */
struct pcre_comp
{
  pcre2_code *code;
  char eol;
};
struct pcre_scratch
{
  pcre2_match_data *data;
  /* As in grep: the JIT stack is PCRE2's own (32 KiB) until a match
     needs more; then it is this one, of jit_stack_size bytes, twice
     as large each time it is too small, up to 1 GiB.  The match
     context holds it, and the depth limit, doubled once when it is
     reached (it counts without JIT only).  */
  pcre2_match_context *mcontext;
  pcre2_jit_stack *jit_stack;
  size_t jit_stack_size;
  bool depth_raised;
  /* The error of PCRE2 that stopped the last search, for
     pcre_error.  */
  int error;
  /* Whether an empty line has a match, once known (PCRE2 sees a line
     alone: the answer is the same for all): 0 not known yet, 1 yes,
     2 no.  Runs of empty lines (a hole, whose NULs end lines in
     binary data) are then skipped at once.  */
  char empty_line;
};

enum { JIT_STACK_START = 32 << 10, JIT_STACK_MAX = INT_MAX / 2 };

/* Each refusal is found before anything is kept.  */
static void
pcre_compile_patterns (void **compiled, char const *patterns, size_t size,
                       int flags)
{
  char eol = flags & MATCHER_NUL_EOL ? '\0' : '\n';
  if (memchr (patterns, '\n', size))
    error (EXIT_TROUBLE, 0, _("the -P option only supports a single pattern"));
  char const *pre = "", *post = "";
  if (flags & MATCHER_LINES)
    pre = "^(?:", post = ")$";
  else if (flags & MATCHER_WORDS)
    pre = "(?<!\\w)(?:", post = ")(?!\\w)";
  size_t prelen = strlen (pre), postlen = strlen (post);
  char *re = xmalloc (prelen + size + postlen + 1);
  memcpy (re, pre, prelen);
  memcpy (re + prelen, patterns, size);
  memcpy (re + prelen + size, post, postlen);
  uint32_t options = PCRE2_DOLLAR_ENDONLY;
  if (flags & MATCHER_ICASE)
    options |= PCRE2_CASELESS;
  if (MB_CUR_MAX > 1)
    {
      char const *cs = nl_langinfo (CODESET);
      if (strcmp (cs, "UTF-8") != 0)
        error (EXIT_TROUBLE, 0,
               _("-P supports only unibyte and UTF-8 locales"));
      options |= PCRE2_UTF;
# ifdef PCRE2_MATCH_INVALID_UTF
      options |= PCRE2_MATCH_INVALID_UTF;
# endif
    }
  int err;
  PCRE2_SIZE erroff;
  pcre2_code *code = pcre2_compile ((PCRE2_SPTR) re,
                                    prelen + size + postlen, options,
                                    &err, &erroff, NULL);
  free (re);
  if (!code)
    {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message (err, msg, sizeof msg);
      error (EXIT_TROUBLE, 0, "%s", (char *) msg);
    }
  pcre2_jit_compile (code, PCRE2_JIT_COMPLETE);
  struct pcre_comp *pc = xmalloc (sizeof *pc);
  pc->code = code;
  pc->eol = eol;
  *compiled = pc;
}

static void *
pcre_scratch_new (void const *compiled)
{
  struct pcre_comp const *pc = compiled;
  struct pcre_scratch *ps = xzalloc (sizeof *ps);
  ps->data = pcre2_match_data_create_from_pattern (pc->code, NULL);
  if (!ps->data)
    xalloc_die ();
  ps->jit_stack_size = JIT_STACK_START;
  return ps;
}

static void
pcre_scratch_free (void *scratch)
{
  struct pcre_scratch *ps = scratch;
  if (ps)
    {
      pcre2_match_data_free (ps->data);
      pcre2_jit_stack_free (ps->jit_stack);
      pcre2_match_context_free (ps->mcontext);
      free (ps);
    }
}

/* pcre2_match with PS's match data and context, as grep's jit_exec:
   a JIT stack too small is made larger and the match tried again.  */
static int
pcre_match (struct pcre_comp const *pc, struct pcre_scratch *ps,
            char const *subject, size_t size, size_t offset,
            uint32_t options)
{
  for (;;)
    {
      int rc = pcre2_match (pc->code, (PCRE2_SPTR) subject, size, offset,
                            options, ps->data, ps->mcontext);
      if (rc == PCRE2_ERROR_JIT_STACKLIMIT
          && ps->jit_stack_size <= JIT_STACK_MAX)
        {
          size_t old_size = ps->jit_stack_size;
          ps->jit_stack_size *= 2;
          pcre2_jit_stack_free (ps->jit_stack);
          ps->jit_stack = pcre2_jit_stack_create (old_size,
                                                  ps->jit_stack_size, NULL);
          if (!ps->mcontext)
            ps->mcontext = pcre2_match_context_create (NULL);
          if (!ps->jit_stack || !ps->mcontext)
            error (EXIT_TROUBLE, 0,
                   _("failed to allocate memory for the PCRE JIT stack"));
          pcre2_jit_stack_assign (ps->mcontext, NULL, ps->jit_stack);
        }
      else if (rc == PCRE2_ERROR_DEPTHLIMIT && !ps->depth_raised)
        {
          uint32_t limit;
          if (pcre2_config (PCRE2_CONFIG_DEPTHLIMIT, &limit) < 0
              || UINT32_MAX / 2 <= limit)
            return rc;
          if (!ps->mcontext)
            ps->mcontext = pcre2_match_context_create (NULL);
          if (!ps->mcontext)
            xalloc_die ();
          pcre2_set_depth_limit (ps->mcontext, limit * 2);
          ps->depth_raised = true;
        }
      else
        return rc;
    }
}

/* Match in the line BEG..END (END at its end-of-line byte) from
   START; return the match's start, or NULL when there is none, or
   END + 1 when PCRE2 failed (PS->error says why).  */
static char const *
pcre_in_line (struct pcre_comp const *pc, struct pcre_scratch *ps,
              char const *beg, char const *end, char const *start,
              size_t *lenp)
{
  int rc = pcre_match (pc, ps, beg, end - beg, start - beg, 0);
  if (rc == PCRE2_ERROR_NOMATCH)
    return NULL;
  if (rc < 0)
    {
      ps->error = rc;
      return end + 1;
    }
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer (ps->data);
  *lenp = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
  return beg + ov[0];
}

static ptrdiff_t
pcre_execute (void const *compiled, void *scratch, char *buf, size_t size,
              size_t *match_size, char const *start,
              struct nul_proof *proof _GL_UNUSED)
{
  struct pcre_comp const *pc = compiled;
  struct pcre_scratch *ps = scratch;
  char const *lim = buf + size;
  size_t len;
  if (start)
    {
      char const *m = pcre_in_line (pc, ps, buf, lim - 1, start, &len);
      if (!m)
        return -1;
      if (m == lim)
        return MATCHER_FAILED;
      *match_size = len;
      return m - buf;
    }
  for (char const *beg = buf; beg < lim;)
    {
      if (*beg == pc->eol && ps->empty_line != 1)
        {
          if (!ps->empty_line)
            {
              char const *m = pcre_in_line (pc, ps, beg, beg, beg, &len);
              if (m == beg + 1)
                return MATCHER_FAILED;
              ps->empty_line = m ? 1 : 2;
              continue;
            }
          while (beg < lim && *beg == pc->eol)
            beg++;
          continue;
        }
      char const *end = memchr (beg, pc->eol, lim - beg);
      if (!end)
        end = lim - 1;
      char const *m = pcre_in_line (pc, ps, beg, end, beg, &len);
      if (m == end + 1)
        return MATCHER_FAILED;
      if (m)
        {
          *match_size = end + 1 - beg;
          return beg - buf;
        }
      beg = end + 1;
    }
  return -1;
}

/* See matcher_engine.empty_notbol: the empty subject with
   PCRE2_NOTBOL, as grep's Pexecute searches the empty line that
   follows a byte other than an end of line.  */
static ptrdiff_t
pcre_empty_notbol (void const *compiled, void *scratch)
{
  struct pcre_comp const *pc = compiled;
  struct pcre_scratch *ps = scratch;
  int rc = pcre_match (pc, ps, "", 0, 0, PCRE2_NOTBOL);
  if (rc == PCRE2_ERROR_NOMATCH)
    return -1;
  if (rc < 0)
    {
      ps->error = rc;
      return MATCHER_FAILED;
    }
  return 0;
}

/* FORMAT with its arguments, in memory to free.  */
static char *message (char const *format, ...)
  _GL_ATTRIBUTE_FORMAT ((__printf__, 1, 2));
static char *
message (char const *format, ...)
{
  va_list ap;
  va_start (ap, format);
  int n = vsnprintf (NULL, 0, format, ap);
  va_end (ap);
  if (n < 0)
    xalloc_die ();
  char *m = xmalloc (n + 1);
  va_start (ap, format);
  vsnprintf (m, n + 1, format, ap);
  va_end (ap);
  return m;
}

/* What stopped the search, as grep says it.  */
static char *
pcre_error (void *scratch, char const *name)
{
  struct pcre_scratch *ps = scratch;
  switch (ps->error)
    {
    case PCRE2_ERROR_NOMEMORY:
      return message (_("%s: memory exhausted"), name);
    case PCRE2_ERROR_JIT_STACKLIMIT:
      return message (_("%s: exhausted PCRE JIT stack"), name);
    case PCRE2_ERROR_MATCHLIMIT:
      return message (_("%s: exceeded PCRE's backtracking limit"), name);
    case PCRE2_ERROR_DEPTHLIMIT:
      return message (_("%s: exceeded PCRE's nested backtracking limit"),
                      name);
    case PCRE2_ERROR_RECURSELOOP:
      return message (_("%s: PCRE detected recurse loop"), name);
# ifdef PCRE2_ERROR_HEAPLIMIT
    case PCRE2_ERROR_HEAPLIMIT:
      return message (_("%s: exceeded PCRE's heap limit"), name);
# endif
    default:
      return message (_("%s: internal PCRE error: %d"), name, ps->error);
    }
}

static void
pcre_free_comp (void *compiled)
{
  struct pcre_comp *pc = compiled;
  if (!pc)
    return;
  pcre2_code_free (pc->code);
  free (pc);
}

#else /* !HAVE_LIBPCRE2 */

static void
pcre_compile_patterns (void **compiled, char const *patterns, size_t size,
                       int flags)
{
  error (EXIT_TROUBLE, 0,
         _("Perl matching not supported in a --disable-perl-regexp build"));
}

static void *
pcre_scratch_new (void const *compiled)
{
  return NULL;
}

static void
pcre_scratch_free (void *scratch)
{
}

static ptrdiff_t
pcre_execute (void const *compiled, void *scratch, char *buf, size_t size,
              size_t *match_size, char const *start,
              struct nul_proof *proof _GL_UNUSED)
{
  return -1;
}

static void
pcre_free_comp (void *compiled)
{
}

static ptrdiff_t
pcre_empty_notbol (void const *compiled, void *scratch)
{
  return -1;
}

static char *
pcre_error (void *scratch, char const *name)
{
  return NULL;
}
#endif

char const *
matcher_pcre2_version (void)
{
#if HAVE_LIBPCRE2
  /* PCRE2 says "10.42 2022-12-11": the number only.  */
  static char v[64];
  if (pcre2_config (PCRE2_CONFIG_VERSION, NULL) <= (int) sizeof v
      && 0 < pcre2_config (PCRE2_CONFIG_VERSION, v))
    {
      v[strcspn (v, " ")] = '\0';
      return v;
    }
  return "?";
#else
  return NULL;
#endif
}

struct matcher_engine const engine_pcre =
  {
    pcre_compile_patterns, pcre_scratch_new, pcre_scratch_free,
    pcre_execute, pcre_free_comp, pcre_error, pcre_empty_notbol
  };
