/* patch-apply.c -- apply mmpatch's edits to a writable map.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cli.h"
#include "patch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "progname.h"
#include "quote.h"
#include "quotearg.h"
#include "xalloc.h"

/* Bytes shown of a change in a listing; more are counted.  */
enum { SHOW_BYTES = 16 };

void
patch_error (char const *file, struct patch_edit const *e, char const *what)
{
  char const *detail = mmu_error_detail ();
  if (errno == EFAULT)
    error (0, 0, _("%s: %s %s: %s: the file shrank under the edit"),
           quotef (file), e->where, quote (e->text), what);
  else if (detail)
    error (0, 0, _("%s: %s %s: %s: %s"), quotef (file), e->where,
           quote (e->text), what, detail);
  else
    error (0, errno, _("%s: %s %s: %s"), quotef (file), e->where,
           quote (e->text), what);
}

/* Report MSG about edit E of RUN's file.  */
static enum patch_result
fail (struct patch_run const *run, struct patch_edit const *e,
      char const *msg)
{
  error (0, 0, _("%s: %s %s: %s"), quotef (run->file), e->where,
         quote (e->text), msg);
  return APPLY_ERROR;
}

/* Print the LEN bytes at P as hexadecimal pairs.  */
static void
print_hex (unsigned char const *p, size_t len)
{
  size_t shown = len < SHOW_BYTES ? len : SHOW_BYTES;
  for (size_t i = 0; i < shown; i++)
    printf ("%s%02x", i ? " " : "", p[i]);
  if (shown < len)
    printf (" ... (%zu bytes)", len);
}

/* Read LEN bytes of M at OFF (all inside M) into a new buffer.  */
static unsigned char *
get_bytes (mmu_map *m, size_t off, size_t len)
{
  unsigned char *buf = xmalloc (len ? len : 1);
  if (len && mmu_get_slice (m, off, off + len, 1, buf, len) < 0)
    {
      free (buf);
      return NULL;
    }
  return buf;
}

/* Record in RUN's changes, if it keeps them, that the OLDLEN bytes at
   OLD became the NEWLEN bytes at NEW at OFF (copied).  */
static void
record (struct patch_run const *run, size_t off, unsigned char const *old,
        size_t oldlen, unsigned char const *new, size_t newlen)
{
  struct patch_changes *c = run->changes;
  if (!c)
    return;
  if (c->n == c->alloc)
    c->v = x2nrealloc (c->v, &c->alloc, sizeof *c->v);
  struct patch_change *ch = &c->v[c->n++];
  ch->off = off;
  ch->old = oldlen ? xmemdup (old, oldlen) : NULL;
  ch->oldlen = oldlen;
  ch->new = newlen ? xmemdup (new, newlen) : NULL;
  ch->newlen = newlen;
}

void
patch_changes_clear (struct patch_changes *c)
{
  for (size_t i = 0; i < c->n; i++)
    {
      free (c->v[i].old);
      free (c->v[i].new);
    }
  c->n = 0;
}

/* Print the LEN bytes at P in full as x:HEX.  */
static void
print_value (unsigned char const *p, size_t len)
{
  fputs ("x:", stdout);
  for (size_t i = 0; i < len; i++)
    printf ("%02x", p[i]);
}

/* Print a guard: the LEN bytes at OFF are P.  */
static void
print_guard (size_t off, unsigned char const *p, size_t len)
{
  printf ("0x%zx==", off);
  print_value (p, len);
  putchar ('\n');
}

void
patch_print_script (struct patch_changes const *c, char const *file,
                    bool reverse)
{
  printf (PATCH_SCRIPT_HEADER "%s for %s: %zu change%s\n",
          reverse ? " undoing the patch" : "",
          quotearg_n_style (0, shell_escape_quoting_style, file), c->n,
          c->n == 1 ? "" : "s");
  printf ("# Offsets are those of the file as the lines above leave it;\n"
          "# OFFSET==VALUE lines are guards: nothing is written unless"
          " they hold.\n");
  for (size_t k = 0; k < c->n; k++)
    {
      struct patch_change const *ch = &c->v[reverse ? c->n - 1 - k : k];
      /* Reversed, a change's NEW bytes are those found, OLD those
         wanted.  */
      unsigned char const *found = reverse ? ch->new : ch->old;
      size_t foundlen = reverse ? ch->newlen : ch->oldlen;
      unsigned char const *want = reverse ? ch->old : ch->new;
      size_t wantlen = reverse ? ch->oldlen : ch->newlen;
      if (foundlen)
        print_guard (ch->off, found, foundlen);
      if (foundlen && wantlen)
        {
          printf ("0x%zx=", ch->off);
          print_value (want, wantlen);
        }
      else if (wantlen)
        {
          printf ("0x%zx+", ch->off);
          print_value (want, wantlen);
        }
      else
        printf ("0x%zx-%zu", ch->off, foundlen);
      putchar ('\n');
    }
}

/* List a change at OFF: OLD (OLDLEN bytes) becomes NEW (NEWLEN).  */
static void
list_change (char const *what, size_t off, unsigned char const *old,
             size_t oldlen, unsigned char const *new, size_t newlen)
{
  printf ("0x%zx: ", off);
  if (what)
    fputs (what, stdout);
  if (oldlen)
    print_hex (old, oldlen);
  if (oldlen && newlen)
    fputs (" -> ", stdout);
  if (newlen)
    print_hex (new, newlen);
  putchar ('\n');
}

static enum patch_result past_end (mmu_map *, struct patch_edit const *,
                                   struct patch_run const *, uintmax_t,
                                   uintmax_t, bool);

/* Resolve the offset of E in M into *OFF.  */
static enum patch_result
resolve (mmu_map *m, struct patch_edit const *e, struct patch_run const *run,
         size_t *off)
{
  struct patch_offset const *o = &e->offset;
  uintmax_t base;
  switch (o->base)
    {
    case BASE_NUMBER:
      base = o->number;
      break;
    case BASE_END:
      base = mmu_len (m);
      break;
    default:
      {
        ssize_t i = mmu_find_range (m, o->pattern.data, o->pattern.len, 0,
                                    MMU_OMIT);
        if (i < 0 && errno == 0)
          {
            if (!run->quiet)
              error (0, 0, _("%s: %s %s: pattern not found"), quotef (run->file),
                     e->where, quote (e->text));
            return APPLY_NOTFOUND;
          }
        if (i < 0)
          {
            patch_error (run->file, e, _("cannot search"));
            return APPLY_ERROR;
          }
        base = i;
      }
    }
  if (o->backward ? o->distance > base : o->distance > SIZE_MAX - base)
    return fail (run, e, o->backward ? "the offset is before the start"
                 : "the offset is too large");
  base = o->backward ? base - o->distance : base + o->distance;
  if (base > SIZE_MAX)
    {
      /* Past the end of any map (where size_t is narrower than
         uintmax_t, as in 32 bits): named as past the end as it is
         where size_t has 64 bits, unless --grow would reach it.  */
      bool growing = e->kind == EDIT_WRITE || e->kind == EDIT_INSERT;
      if (growing && run->grow)
        return fail (run, e, "the offset is too large");
      uintmax_t n = (e->kind == EDIT_DELETE ? e->count
                     : e->kind == EDIT_INSERT ? 0 : e->value.len);
      return past_end (m, e, run, base, n, growing);
    }
  *off = base;
  return APPLY_OK;
}

/* Room for the decimal digits of a uintmax_t and a NUL.  */
enum { UINTMAX_DIGITS = 3 * sizeof (uintmax_t) + 1 };

/* Write the decimal digits of A + B, computed without overflow, into
   BUF (at least 2 * UINTMAX_DIGITS bytes); return where they start.  */
static char *
sum_string (char *buf, uintmax_t a, uintmax_t b)
{
  char da[UINTMAX_DIGITS], db[UINTMAX_DIGITS];
  int la = sprintf (da, "%ju", a), lb = sprintf (db, "%ju", b);
  int n = la > lb ? la : lb;
  char *p = buf + n + 1;
  *p = '\0';
  int carry = 0;
  for (int i = 1; i <= n; i++)
    {
      int d = carry + (i <= la ? da[la - i] - '0' : 0)
        + (i <= lb ? db[lb - i] - '0' : 0);
      *--p = '0' + d % 10;
      carry = d / 10;
    }
  if (carry)
    *--p = '1';
  return p;
}

/* Report an edit of E whose bytes start at OFF and run LEN bytes (to
   byte OFF + LEN, which may be beyond UINTMAX_MAX) past the end of
   M.  The sum is written out exactly: it would wrap in a uintmax_t
   and name a wrong byte.  */
static enum patch_result
past_end (mmu_map *m, struct patch_edit const *e, struct patch_run const *run,
          uintmax_t off, uintmax_t len, bool growable)
{
  char end[2 * UINTMAX_DIGITS];
  char msg[sizeof end + 120];
  snprintf (msg, sizeof msg, "reaches byte %s, past the end (%zu bytes)%s",
            sum_string (end, off, len), mmu_len (m),
            growable ? "; --grow extends the file" : "");
  return fail (run, e, msg);
}

/* Grow M to NEWLEN bytes, as --grow asks.  */
static enum patch_result
grow (mmu_map *m, struct patch_edit const *e, struct patch_run const *run,
      size_t newlen)
{
  if (!run->can_resize)
    return APPLY_NEED_GROW;
  if (run->list)
    printf ("0x%zx: grow from %zu to %zu bytes\n", mmu_len (m), mmu_len (m),
            newlen);
  size_t oldlen = mmu_len (m);
  if (mmu_resize (m, newlen) != 0)
    {
      patch_error (run->file, e, _("cannot grow the file"));
      return APPLY_ERROR;
    }
  if (run->changes)
    {
      unsigned char *zeros = xcalloc (newlen - oldlen, 1);
      record (run, oldlen, NULL, 0, zeros, newlen - oldlen);
      free (zeros);
    }
  return APPLY_OK;
}

/* Write the LEN bytes at DATA over M at OFF (inside M), listing it.  */
static enum patch_result
overwrite (mmu_map *m, struct patch_edit const *e,
           struct patch_run const *run, size_t off,
           unsigned char const *data, size_t len)
{
  if (run->list || run->changes)
    {
      unsigned char *old = get_bytes (m, off, len);
      if (!old)
        {
          patch_error (run->file, e, _("cannot read"));
          return APPLY_ERROR;
        }
      if (run->list)
        list_change (NULL, off, old, len, data, len);
      record (run, off, old, len, data, len);
      free (old);
    }
  if (mmu_set_slice (m, off, off + len, 1, data, len) != 0)
    {
      patch_error (run->file, e, _("cannot write"));
      return APPLY_ERROR;
    }
  if (run->log)
    {
      struct patch_log *log = run->log;
      if (log->n == log->alloc)
        log->writes = x2nrealloc (log->writes, &log->alloc,
                                  sizeof *log->writes);
      log->writes[log->n++] = (struct patch_write) { off, e };
    }
  return APPLY_OK;
}

enum patch_result
patch_replay (mmu_map *m, struct patch_log const *log,
              struct patch_run const *run)
{
  for (size_t i = 0; i < log->n; i++)
    {
      struct patch_write const *w = &log->writes[i];
      struct patch_bytes const *v = &w->edit->value;
      if (mmu_set_slice (m, w->offset, w->offset + v->len, 1, v->data,
                         v->len) != 0)
        {
          patch_error (run->file, w->edit, _("cannot write"));
          return APPLY_ERROR;
        }
    }
  return APPLY_OK;
}

/* Check that the bytes of M at OFF are the value of the guard or
   expectation E.  */
static enum patch_result
check_one (mmu_map *m, struct patch_edit const *e,
           struct patch_run const *run, size_t off)
{
  size_t len = e->value.len;
  if (len > mmu_len (m) || off > mmu_len (m) - len)
    return past_end (m, e, run, off, len, false);
  unsigned char *old = get_bytes (m, off, len);
  if (!old)
    {
      patch_error (run->file, e, _("cannot read"));
      return APPLY_ERROR;
    }
  bool same = memcmp (old, e->value.data, len) == 0;
  if (!same)
    {
      error (0, 0, _("%s: %s %s: the bytes differ; nothing written"),
             quotef (run->file), e->where, quote (e->text));
      if (!run->quiet)
        {
          fflush (stdout);
          fprintf (stderr, "%s: found at 0x%zx: ", program_name, off);
          for (size_t j = 0; j < len && j < SHOW_BYTES; j++)
            fprintf (stderr, "%s%02x", j ? " " : "", old[j]);
          fputc ('\n', stderr);
        }
    }
  free (old);
  return same ? APPLY_OK : APPLY_ERROR;
}

static enum patch_result
apply_subst (mmu_map *m, struct patch_edit const *e,
             struct patch_run const *run)
{
  uintmax_t found = 0, replaced = 0;
  size_t pos = 0;
  for (;;)
    {
      ssize_t i = mmu_find_range (m, e->from.data, e->from.len, pos,
                                  MMU_OMIT);
      if (i < 0 && errno != 0)
        {
          patch_error (run->file, e, _("cannot search"));
          return APPLY_ERROR;
        }
      if (i < 0)
        break;
      found++;
      if (e->which != SUBST_NTH || found == e->count)
        {
          enum patch_result r = overwrite (m, e, run, i, e->value.data,
                                           e->value.len);
          if (r != APPLY_OK)
            return r;
          replaced++;
        }
      if (e->which != SUBST_ALL && found == e->count)
        break;
      pos = i + e->from.len;
    }
  if (replaced == 0)
    {
      if (!run->quiet)
        {
          if (found)
            error (0, 0, _("%s: %s %s: only %ju occurrences"), quotef (run->file),
                   e->where, quote (e->text), found);
          else
            error (0, 0, _("%s: %s %s: pattern not found"), quotef (run->file),
                   e->where, quote (e->text));
        }
      return APPLY_NOTFOUND;
    }
  return APPLY_OK;
}

static enum patch_result
apply_one (mmu_map *m, struct patch_edit const *e,
           struct patch_run const *run)
{
  if (e->kind == EDIT_SUBST)
    return apply_subst (m, e, run);

  /* In place, a file cut by another process under the map would be
     grown back with zeros by an insert or by growth, and the cut would
     go unseen: look at its size before each edit.  */
  if (run->check_size)
    {
      int64_t size = mmu_size (m);
      if (size < 0)
        {
          patch_error (run->file, e, _("cannot read the size"));
          return APPLY_ERROR;
        }
      if ((uint64_t) size < mmu_len (m))
        return fail (run, e, "the file shrank under the edit");
    }

  size_t off;
  enum patch_result r = resolve (m, e, run, &off);
  if (r != APPLY_OK)
    return r;
  size_t len = mmu_len (m);
  size_t vlen = e->value.len;

  switch (e->kind)
    {
    case EDIT_WRITE:
      if (vlen > SIZE_MAX - off)
        return fail (run, e, "the offset is too large");
      if (off + vlen > len)
        {
          if (!run->grow)
            return past_end (m, e, run, off, vlen, true);
          r = grow (m, e, run, off + vlen);
          if (r != APPLY_OK)
            return r;
        }
      return overwrite (m, e, run, off, e->value.data, vlen);

    case EDIT_INSERT:
      if (off > len)
        {
          if (!run->grow)
            return past_end (m, e, run, off, 0, true);
          r = grow (m, e, run, off);
          if (r != APPLY_OK)
            return r;
        }
      if (!run->can_resize)
        return fail (run, e, "this map cannot grow");
      if (run->list)
        list_change ("insert ", off, NULL, 0, e->value.data, vlen);
      if (mmu_insert (m, off, e->value.data, vlen) != 0)
        {
          patch_error (run->file, e, _("cannot insert"));
          return APPLY_ERROR;
        }
      record (run, off, NULL, 0, e->value.data, vlen);
      return APPLY_OK;

    case EDIT_DELETE:
      if (e->count > len || off > len - e->count)
        return past_end (m, e, run, off, e->count, false);
      if (e->count == len)
        return fail (run, e, "cannot delete every byte of the file");
      if (!run->can_resize)
        return fail (run, e, "this map cannot shrink");
      {
        unsigned char *old = NULL;
        if (run->list || run->changes)
          {
            old = get_bytes (m, off, e->count);
            if (!old)
              {
                patch_error (run->file, e, _("cannot read"));
                return APPLY_ERROR;
              }
            if (run->list)
              list_change ("delete ", off, old, e->count, NULL, 0);
          }
        if (mmu_delete (m, off, e->count) != 0)
          {
            patch_error (run->file, e, _("cannot delete"));
            free (old);
            return APPLY_ERROR;
          }
        record (run, off, old, old ? e->count : 0, NULL, 0);
        free (old);
        return APPLY_OK;
      }

    case EDIT_GUARD:
      return check_one (m, e, run, off);

    default:
      abort ();
    }
}

enum patch_result
patch_apply (mmu_map *m, struct patch_edit const *edits, size_t n,
             struct patch_run const *run)
{
  for (size_t i = 0; i < n; i++)
    {
      enum patch_result r = apply_one (m, &edits[i], run);
      if (r != APPLY_OK)
        return r;
    }
  return APPLY_OK;
}

enum patch_result
patch_check (mmu_map *m, struct patch_edit const *expects, size_t n,
             struct patch_run const *run)
{
  for (size_t i = 0; i < n; i++)
    {
      size_t off;
      enum patch_result r = resolve (m, &expects[i], run, &off);
      if (r == APPLY_OK)
        r = check_one (m, &expects[i], run, off);
      if (r != APPLY_OK)
        return r;
    }
  return APPLY_OK;
}
