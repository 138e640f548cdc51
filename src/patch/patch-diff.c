/* patch-diff.c -- mmpatch --diff: the edit script that turns one file
   into another.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

/* Both files are mapped.  Their common start and their common end are
   skipped with memcmp over large blocks (memory speed); in between, the
   files are walked together, each equal run skipped the same way.  At a
   byte that differs, three ways on are looked at:

     - a write: the files agree again (MATCH bytes in a row) at the
       same distance T in both, within ALIGN_LIMIT: T bytes written;
     - a delete: the new file's next MATCH bytes are found D bytes
       further in the old one, within SHIFT_LIMIT: D bytes deleted;
     - an insert: the old file's next MATCH bytes are found D bytes
       further in the new one: D bytes inserted (up to SHIFT_TRIES
       occurrences are tried, as repetitive data has many);

   and the one after which the files agree the furthest (up to
   AGREE_CAP), less its cost in bytes of script, is taken.  A write
   followed by AGREE_CAP equal bytes is taken at once, so that files of
   one length with scattered changes are never searched.

   When none is found, ALIGN_LIMIT bytes (or what is left) are written
   (or, where one file has ended, the rest inserted or deleted).  The
   script is always right (applied, it gives the new file exactly);
   these limits only decide how small it is.  Its size grows with the
   bytes that differ, not with the files.

   The script's offsets are those of the file as the lines before leave
   it: after the edits up to a point, the file holds the new file's
   bytes before that point, so an edit's offset is its offset in the new
   file.  */

#include <config.h>

#include "cli.h"
#include "patch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

/* Bytes compared at a time with memcmp when skipping equal runs.  */
enum { BLOCK = 4096 };

/* Equal bytes in a row that end a difference.  */
enum { MATCH = 16 };

/* How far a write looks for the files to agree again, and how far an
   insert or a delete is looked for.  */
enum { ALIGN_LIMIT = 64 * 1024, SHIFT_LIMIT = 64 * 1024 };

/* How far an agreement after a difference is measured: a write after
   which the files agree this far is taken without looking for an
   insert or a delete.  */
enum { AGREE_CAP = 4096 };

/* Occurrences tried when looking for an insert or a delete: in
   repetitive data the first one is not always the right one.  */
enum { SHIFT_TRIES = 16 };

/* The length of the common start of A and B, of N bytes each.  */
static size_t
common_prefix (unsigned char const *a, unsigned char const *b, size_t n)
{
  size_t i = 0;
  while (n - i >= BLOCK && memcmp (a + i, b + i, BLOCK) == 0)
    i += BLOCK;
  while (i < n && a[i] == b[i])
    i++;
  return i;
}

/* The length of the common end of A and B, of N bytes each (A and B
   point past their ends).  */
static size_t
common_suffix (unsigned char const *a, unsigned char const *b, size_t n)
{
  size_t i = 0;
  while (n - i >= BLOCK && memcmp (a - i - BLOCK, b - i - BLOCK, BLOCK) == 0)
    i += BLOCK;
  while (i < n && a[-1 - (ptrdiff_t) i] == b[-1 - (ptrdiff_t) i])
    i++;
  return i;
}

/* The output, buffered: hexadecimal is made by hand, not by printf.  */
static void
put_hex (unsigned char const *p, size_t len)
{
  static char const digits[] = "0123456789abcdef";
  char buf[4096];
  fputs ("x:", stdout);
  while (len > 0)
    {
      size_t n = len < sizeof buf / 2 ? len : sizeof buf / 2;
      for (size_t k = 0; k < n; k++)
        {
          buf[2 * k] = digits[p[k] >> 4];
          buf[2 * k + 1] = digits[p[k] & 15];
        }
      fwrite (buf, 1, 2 * n, stdout);
      p += n;
      len -= n;
    }
}

/* The edits: at OFF, the OLDLEN bytes at OLD (guarded) become the
   NEWLEN at NEW.  */
static void
put_edit (size_t off, unsigned char const *old, size_t oldlen,
          unsigned char const *new, size_t newlen)
{
  if (oldlen)
    {
      printf ("0x%zx==", off);
      put_hex (old, oldlen);
      putchar ('\n');
    }
  if (oldlen && newlen)
    {
      printf ("0x%zx=", off);
      put_hex (new, newlen);
    }
  else if (newlen)
    {
      printf ("0x%zx+", off);
      put_hex (new, newlen);
    }
  else
    printf ("0x%zx-%zu", off, oldlen);
  putchar ('\n');
}

/* How far A and B (of N bytes each) agree from their start, up to
   AGREE_CAP.  */
static size_t
agreement (unsigned char const *a, unsigned char const *b, size_t n)
{
  return common_prefix (a, b, n < AGREE_CAP ? n : AGREE_CAP);
}

/* A way on from a difference: skip OSKIP bytes of the old file and
   NSKIP of the new, at a cost of COST bytes of script, after which the
   files agree for AGREE bytes.  */
struct way
{
  size_t oskip, nskip, cost, agree;
};

/* Whether W is better than BEST: more agreement for the cost.  */
static bool
better (struct way const *w, struct way const *best)
{
  if (!best->oskip && !best->nskip)
    return true;
  return (intmax_t) w->agree - (intmax_t) w->cost
    > (intmax_t) best->agree - (intmax_t) best->cost;
}

/* Look for the MATCH bytes at NEEDLE at HAY + D, D in [1, SHIFT_LIMIT]
   (the hay being HAYLEN bytes), trying up to SHIFT_TRIES occurrences,
   and make *BEST the best way it gives: a delete (DELETE: the hay is
   the old file) or an insert.  OTHER and OTHERLEN: the needle's file
   from the needle on, to measure the agreement.  */
static void
find_shift (unsigned char const *hay, size_t haylen,
            unsigned char const *needle, size_t otherlen, bool delete,
            struct way *best)
{
  if (haylen < 1 + MATCH || otherlen < MATCH)
    return;
  size_t end = haylen < 1 + SHIFT_LIMIT + MATCH ? haylen : 1 + SHIFT_LIMIT + MATCH;
  unsigned char const *from = hay + 1;
  for (int tries = 0; tries < SHIFT_TRIES; tries++)
    {
      unsigned char const *p = memmem (from, hay + end - from, needle, MATCH);
      if (!p)
        return;
      size_t d = p - hay;
      size_t both = haylen - d < otherlen ? haylen - d : otherlen;
      struct way w = { delete ? d : 0, delete ? 0 : d, d,
                       agreement (p, needle, both) };
      if (better (&w, best))
        *best = w;
      from = p + 1;
    }
}

/* Write the script that turns the OLEN bytes at O into the NLEN at N.  */
static void
diff (unsigned char const *o, size_t olen, unsigned char const *n,
      size_t nlen)
{
  size_t min = olen < nlen ? olen : nlen;
  size_t pre = common_prefix (o, n, min);
  size_t suf = common_suffix (o + olen, n + nlen, min - pre);
  olen -= suf;
  nlen -= suf;

  size_t i = pre, j = pre;
  while (i < olen && j < nlen)
    {
      size_t oleft = olen - i, nleft = nlen - j;
      size_t both = oleft < nleft ? oleft : nleft;
      struct way best = { 0, 0, 0, 0 };

      /* A write: the files agree again T bytes on, at the same
         distance in both.  It costs its bytes twice (guard and value).  */
      size_t tmax = both < ALIGN_LIMIT ? both : ALIGN_LIMIT;
      for (size_t k = 1; k < tmax; k++)
        if (o[i + k] == n[j + k])
          {
            size_t m = both - k < MATCH ? both - k : MATCH;
            if (memcmp (o + i + k, n + j + k, m) == 0)
              {
                best = (struct way) { k, k, 2 * k,
                                      agreement (o + i + k, n + j + k,
                                                 both - k) };
                break;
              }
          }

      /* A delete (its bytes once, in its guard) or an insert (once),
         unless the write is followed by a long agreement: then the
         files are aligned, as with scattered changes in files of one
         length, and the search is saved.  */
      if (best.agree < AGREE_CAP)
        {
          find_shift (o + i, oleft, n + j, nleft, true, &best);
          find_shift (n + j, nleft, o + i, oleft, false, &best);
        }

      if (!best.oskip && !best.nskip)
        {
          /* Nothing found near: write a piece and go on.  */
          size_t w = tmax ? tmax : both;
          best = (struct way) { w, w, 2 * w, 0 };
        }
      if (best.oskip && best.nskip)
        put_edit (j, o + i, best.oskip, n + j, best.nskip);
      else if (best.oskip)
        put_edit (j, o + i, best.oskip, NULL, 0);
      else
        put_edit (j, NULL, 0, n + j, best.nskip);
      i += best.oskip, j += best.nskip;

      size_t k = common_prefix (o + i, n + j,
                                olen - i < nlen - j ? olen - i : nlen - j);
      i += k, j += k;
    }
  if (i < olen)
    put_edit (j, o + i, olen - i, NULL, 0);
  else if (j < nlen)
    put_edit (j, NULL, 0, n + j, nlen - j);
}

/* Map the file NAME read-only into *M, its bytes at *P, *LEN of them.
   Return true, or report and return false.  */
static bool
map_file (char const *name, mmu_map **m, unsigned char const **p,
          size_t *len)
{
  int fd = open (name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      error (0, errno, "%s", quotef (name));
      if (fd >= 0)
        close (fd);
      return false;
    }
  if (!S_ISREG (st.st_mode))
    {
      error (0, 0, _("%s: not a regular file"), quotef (name));
      close (fd);
      return false;
    }
  struct mmu_options o = { .access = MMU_ACCESS_READ,
                           .extra = MMU_ALLOW_EMPTY };
  *m = mmu_open (fd, 0, &o);
  int e = errno;
  close (fd);
  if (!*m)
    {
      error (0, e, _("%s: cannot map"), quotef (name));
      return false;
    }
  *p = mmu_acquire (*m, len);
  /* An empty file may give no pointer; memcmp and pointer arithmetic
     want one all the same.  */
  static unsigned char const empty[1];
  if (!*len)
    *p = empty;
  return true;
}

int
patch_diff (char const *old, char const *new)
{
  mmu_map *mo, *mn;
  unsigned char const *o, *n;
  size_t olen, nlen;
  if (!map_file (old, &mo, &o, &olen))
    return EXIT_TROUBLE;
  if (!map_file (new, &mn, &n, &nlen))
    {
      mmu_release (mo);
      mmu_free (mo);
      return EXIT_TROUBLE;
    }
  int st = EXIT_PATCHED;
  if (olen && !nlen)
    {
      error (0, 0, _("%s: empty: an edit script cannot empty a file"),
             quotef (new));
      st = EXIT_TROUBLE;
    }
  else
    {
      printf (PATCH_SCRIPT_HEADER ": %s to %s\n"
              "# Offsets are those of the file as the lines above leave it;\n"
              "# OFFSET==VALUE lines are guards: nothing is written unless"
              " they hold.\n",
              quotearg_n_style (0, shell_escape_quoting_style, old),
              quotearg_n_style (1, shell_escape_quoting_style, new));
      if (olen == nlen && memcmp (o, n, olen) == 0)
        {
          /* The same bytes: a script of one guard, that applies to OLD
             only and changes nothing.  */
          if (olen)
            {
              printf ("0x0==");
              put_hex (o, olen < MATCH ? olen : MATCH);
              putchar ('\n');
            }
        }
      else
        diff (o, olen, n, nlen);
    }
  if (mmu_faulted (mo) || mmu_faulted (mn))
    {
      error (0, 0, _("%s: a file shrank during the comparison"),
             quotef (mmu_faulted (mo) ? old : new));
      st = EXIT_TROUBLE;
    }
  mmu_release (mo);
  mmu_release (mn);
  mmu_free (mo);
  mmu_free (mn);
  return st;
}
