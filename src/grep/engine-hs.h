/* engine-hs.h -- Hyperscan as the first pass of -G and -E, and the
   search of -F's strings.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Used by engine-regex.c and engine-fixed.c, and only when configure found
   Hyperscan (HAVE_LIBHS).  */

#ifndef MMGREP_ENGINE_HS_H
#define MMGREP_ENGINE_HS_H

#include <stdbool.h>
#include <stddef.h>

struct hsx;
struct hs_scratch;

/* Which lines need to be checked (with the DFA): flags.  */
enum
{
  /* Each line the database finds: it finds a superset.  */
  HSX_CHECK_FOUND = 1 << 0,
  /* Each line with a non-ASCII byte, found or not: the database is
     right only on lines of ASCII characters.  */
  HSX_CHECK_NON_ASCII = 1 << 1
};

/* Whether Hyperscan runs on this machine.  */
bool hsx_usable (void);

/* The version of the Hyperscan library that runs, "5.4.0".  */
char const *hsx_version (void);

/* Translate PATTERNS (SIZE bytes, newline-separated GNU basic regular
   expressions if BRE, else extended ones) with the matcher FLAGS into
   one Hyperscan database that finds, in a buffer of whole lines, every
   line with a match, and perhaps more (a superset).  UTF8 says the
   locale is UTF-8; SIMPLE that it is the C locale (or POSIX).  Return
   NULL when the patterns cannot be taken (back-references,
   constructs not translated, other locales, -z, patterns Hyperscan
   refuses).  Otherwise set *CHECK to which of the lines found need
   to be checked (with the DFA).  */
struct hsx *hsx_compile (char const *patterns, size_t size, int flags,
                         bool bre, bool utf8, bool simple,
                         int *check);

/* A scratch for scanning with H in one thread (Hyperscan's scratch is
   per thread; the database is shared).  */
struct hs_scratch *hsx_scratch_new (struct hsx const *h);
void hsx_scratch_free (struct hs_scratch *s);

/* The offset just after the end of the first match in BUF[0..SIZE),
   with the thread's SCRATCH for H; 0 when there is none, -1 when BUF
   is too large for one scan.  */
ptrdiff_t hsx_first_match_end (struct hsx const *h,
                               struct hs_scratch *scratch,
                               char const *buf, size_t size);

/* A database of the literal strings STRINGS[0..SIZE) (separated by
   newlines, none empty), string I having the id I, matched with ASCII
   letters folded if ICASE; for engine-fixed.c.  NULL when Hyperscan
   does not run here, the set is too large for it, or with ICASE in a
   locale whose letters do not fold as ASCII's.  */
struct hsx *hsx_compile_literals (char const *strings, size_t size,
                                  bool icase);

/* Scan BUF[0..SIZE) with H (made by hsx_compile_literals), calling
   REPORT (ID, END, CONTEXT) for each occurrence, string ID ending
   just before BUF[END], by increasing END, until it returns nonzero:
   then return true; false when the scan went to the end.  OVERLAP is
   at least the length of the longest string less one: a buffer too
   large for one scan is scanned in overlapping pieces, and an
   occurrence inside the overlap may be reported twice.  */
bool hsx_scan_literals (struct hsx const *h, struct hs_scratch *scratch,
                        char const *buf, size_t size, size_t overlap,
                        int (*report) (unsigned int id, size_t end,
                                       void *context),
                        void *context);

void hsx_free (struct hsx *h);

#endif /* MMGREP_ENGINE_HS_H */
