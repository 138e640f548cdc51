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
    return fail (run, e, "the offset is too large");
  *off = base;
  return APPLY_OK;
}

/* Report an edit of E reaching END past the end of M.  */
static enum patch_result
past_end (mmu_map *m, struct patch_edit const *e, struct patch_run const *run,
          uintmax_t end, bool growable)
{
  char msg[160];
  snprintf (msg, sizeof msg, "reaches byte %ju, past the end (%zu bytes)%s",
            end, mmu_len (m), growable ? "; --grow extends the file" : "");
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
  if (mmu_resize (m, newlen) != 0)
    {
      patch_error (run->file, e, _("cannot grow the file"));
      return APPLY_ERROR;
    }
  return APPLY_OK;
}

/* Write the LEN bytes at DATA over M at OFF (inside M), listing it.  */
static enum patch_result
overwrite (mmu_map *m, struct patch_edit const *e,
           struct patch_run const *run, size_t off,
           unsigned char const *data, size_t len)
{
  if (run->list)
    {
      unsigned char *old = get_bytes (m, off, len);
      if (!old)
        {
          patch_error (run->file, e, _("cannot read"));
          return APPLY_ERROR;
        }
      list_change (NULL, off, old, len, data, len);
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
            return past_end (m, e, run, off + vlen, true);
          r = grow (m, e, run, off + vlen);
          if (r != APPLY_OK)
            return r;
        }
      return overwrite (m, e, run, off, e->value.data, vlen);

    case EDIT_INSERT:
      if (off > len)
        {
          if (!run->grow)
            return past_end (m, e, run, off, true);
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
      return APPLY_OK;

    case EDIT_DELETE:
      if (e->count > len || off > len - e->count)
        return past_end (m, e, run, off + e->count, false);
      if (e->count == len)
        return fail (run, e, "cannot delete every byte of the file");
      if (!run->can_resize)
        return fail (run, e, "this map cannot shrink");
      if (run->list)
        {
          unsigned char *old = get_bytes (m, off, e->count);
          if (!old)
            {
              patch_error (run->file, e, _("cannot read"));
              return APPLY_ERROR;
            }
          list_change ("delete ", off, old, e->count, NULL, 0);
          free (old);
        }
      if (mmu_delete (m, off, e->count) != 0)
        {
          patch_error (run->file, e, _("cannot delete"));
          return APPLY_ERROR;
        }
      return APPLY_OK;

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
      struct patch_edit const *e = &expects[i];
      size_t off;
      enum patch_result r = resolve (m, e, run, &off);
      if (r != APPLY_OK)
        return r;
      size_t len = e->value.len;
      if (len > mmu_len (m) || off > mmu_len (m) - len)
        return past_end (m, e, run, (uintmax_t) off + len, false);
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
              fprintf (stderr, "%s: found at 0x%zx: ", program_name, off);
              fflush (stdout);
              for (size_t j = 0; j < len && j < SHOW_BYTES; j++)
                fprintf (stderr, "%s%02x", j ? " " : "", old[j]);
              fputc ('\n', stderr);
            }
        }
      free (old);
      if (!same)
        return APPLY_ERROR;
    }
  return APPLY_OK;
}
