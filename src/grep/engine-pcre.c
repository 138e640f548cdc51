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

struct pcre_comp
{
  pcre2_code *code;
  pcre2_match_data *data;
  char eol;
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
  pc->data = pcre2_match_data_create_from_pattern (code, NULL);
  pc->eol = eol;
  return pc;
}

/* Match in the line BEG..END (END at its end-of-line byte) from
   START; return the match's start or NULL.  */
static char const *
pcre_in_line (struct pcre_comp *pc, char const *beg, char const *end,
              char const *start, size_t *lenp)
{
  int rc = pcre2_match (pc->code, (PCRE2_SPTR) beg, end - beg,
                        start - beg, 0, pc->data, NULL);
  if (rc == PCRE2_ERROR_NOMATCH)
    return NULL;
  if (rc < 0)
    {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message (rc, msg, sizeof msg);
      error (EXIT_TROUBLE, 0, "%s", (char *) msg);
    }
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer (pc->data);
  *lenp = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
  return beg + ov[0];
}

static ptrdiff_t
pcre_execute (void *compiled, char *buf, size_t size, size_t *match_size,
              char const *start)
{
  struct pcre_comp *pc = compiled;
  char const *lim = buf + size;
  size_t len;
  if (start)
    {
      char const *m = pcre_in_line (pc, buf, lim - 1, start, &len);
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
      if (pcre_in_line (pc, beg, end, beg, &len))
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
  pcre2_match_data_free (pc->data);
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

static ptrdiff_t
pcre_execute (void *compiled, char *buf, size_t size, size_t *match_size,
              char const *start)
{
  return -1;
}

static void
pcre_free_comp (void *compiled)
{
}
#endif

struct matcher_engine const engine_pcre =
  { pcre_compile_patterns, pcre_execute, pcre_free_comp };
