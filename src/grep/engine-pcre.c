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
};

static void *
pcre_compile_patterns (char const *patterns, size_t size, int flags)
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
  return pc;
}

static void *
pcre_scratch_new (void const *compiled)
{
  struct pcre_comp const *pc = compiled;
  struct pcre_scratch *ps = xmalloc (sizeof *ps);
  ps->data = pcre2_match_data_create_from_pattern (pc->code, NULL);
  if (!ps->data)
    xalloc_die ();
  return ps;
}

static void
pcre_scratch_free (void *scratch)
{
  struct pcre_scratch *ps = scratch;
  if (ps)
    {
      pcre2_match_data_free (ps->data);
      free (ps);
    }
}

/* Match in the line BEG..END (END at its end-of-line byte) from
   START; return the match's start or NULL.  */
static char const *
pcre_in_line (struct pcre_comp const *pc, struct pcre_scratch *ps,
              char const *beg, char const *end, char const *start,
              size_t *lenp)
{
  int rc = pcre2_match (pc->code, (PCRE2_SPTR) beg, end - beg,
                        start - beg, 0, ps->data, NULL);
  if (rc == PCRE2_ERROR_NOMATCH)
    return NULL;
  if (rc < 0)
    {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message (rc, msg, sizeof msg);
      error (EXIT_TROUBLE, 0, "%s", (char *) msg);
    }
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer (ps->data);
  *lenp = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
  return beg + ov[0];
}

static ptrdiff_t
pcre_execute (void const *compiled, void *scratch, char *buf, size_t size,
              size_t *match_size, char const *start)
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
      *match_size = len;
      return m - buf;
    }
  for (char const *beg = buf; beg < lim;)
    {
      char const *end = memchr (beg, pc->eol, lim - beg);
      if (!end)
        end = lim - 1;
      if (pcre_in_line (pc, ps, beg, end, beg, &len))
        {
          *match_size = end + 1 - beg;
          return beg - buf;
        }
      beg = end + 1;
    }
  return -1;
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

static void *
pcre_compile_patterns (char const *patterns, size_t size, int flags)
{
  error (EXIT_TROUBLE, 0,
         _("Perl matching not supported in a --disable-perl-regexp build"));
  return NULL;
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
              size_t *match_size, char const *start)
{
  return -1;
}

static void
pcre_free_comp (void *compiled)
{
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
    pcre_execute, pcre_free_comp
  };
