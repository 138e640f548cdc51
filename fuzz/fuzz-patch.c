/* fuzz-patch.c -- mmpatch's language: parse fuzzed edits and apply
   them to a fuzzed file, checked against a model of the edits.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input: the file's bytes up to the first NUL, then the edits,
   one per line.  Edits that do not parse are dropped (the parser must
   say why and not crash); the others are applied in order, with
   --grow, to a map of a copy of the file.  The model (model_apply)
   applies the parsed edits to an array by itself: the status of the
   run (done, a pattern not found, refused) and the file's bytes
   afterwards must be the model's.  So a refused edit must have
   written nothing, and every edit before it must be in the file.

   Only adapt () calls mmpatch's parse and apply functions: a change
   of their interfaces is an edit there.  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "patch.h"
#include "fuzz.h"

enum { MAX_FILE = 512, MAX_EDITS = 16, MAX_LEN = 1 << 16 };

static char name[] = "/tmp/mmu-fuzz-patch.XXXXXX";
static int fd = -1;

static void
remove_file (void)
{
  unlink (name);
}

/* The model's view of an edit's outcome.  */
enum model_result { M_OK, M_NOTFOUND, M_REFUSED };

struct model
{
  unsigned char *b;
  size_t len;
};

static bool
model_find (struct model const *md, struct patch_bytes const *pat,
            size_t from, size_t *at)
{
  for (size_t i = from; i + pat->len <= md->len; i++)
    if (memcmp (md->b + i, pat->data, pat->len) == 0)
      {
        *at = i;
        return true;
      }
  return false;
}

static bool
model_resize (struct model *md, uintmax_t newlen)
{
  if (newlen > MAX_LEN)
    return false;
  md->b = realloc (md->b, newlen ? newlen : 1);
  if (newlen > md->len)
    memset (md->b + md->len, 0, newlen - md->len);
  md->len = newlen;
  return true;
}

/* Apply E to MD as mmpatch --grow documents it.  Set *TOO_BIG when the
   model declines an edit that would make the file too large for a
   fuzz run.  */
static enum model_result
model_apply (struct model *md, struct patch_edit const *e, bool *too_big)
{
  if (e->kind == EDIT_SUBST)
    {
      uintmax_t found = 0, replaced = 0;
      size_t pos = 0, at;
      while (model_find (md, &e->from, pos, &at))
        {
          found++;
          if (e->which != SUBST_NTH || found == e->count)
            {
              if (e->value.len > md->len - at)
                return M_REFUSED;
              memcpy (md->b + at, e->value.data, e->value.len);
              replaced++;
            }
          if (e->which != SUBST_ALL && found == e->count)
            break;
          if (e->from.len == 0 && found > md->len + 1)
            {
              *too_big = true;  /* an empty FROM: an endless loop */
              return M_REFUSED;
            }
          pos = at + e->from.len;
        }
      return replaced ? M_OK : M_NOTFOUND;
    }

  uintmax_t base;
  size_t at;
  switch (e->offset.base)
    {
    case BASE_NUMBER: base = e->offset.number; break;
    case BASE_END: base = md->len; break;
    default:
      if (!model_find (md, &e->offset.pattern, 0, &at))
        return M_NOTFOUND;
      base = at;
    }
  if (e->offset.backward)
    {
      if (e->offset.distance > base)
        return M_REFUSED;
      base -= e->offset.distance;
    }
  else
    {
      if (e->offset.distance > MAX_LEN || base > MAX_LEN)
        {
          *too_big = true;
          return M_REFUSED;
        }
      base += e->offset.distance;
    }
  size_t vlen = e->value.len;
  switch (e->kind)
    {
    case EDIT_WRITE:
      if (base + vlen > md->len && !model_resize (md, base + vlen))
        {
          *too_big = true;
          return M_REFUSED;
        }
      memcpy (md->b + base, e->value.data, vlen);
      return M_OK;
    case EDIT_INSERT:
      if (base > md->len && !model_resize (md, base))
        {
          *too_big = true;
          return M_REFUSED;
        }
      {
        size_t old = md->len;
        if (!model_resize (md, old + vlen))
          {
            *too_big = true;
            return M_REFUSED;
          }
        memmove (md->b + base + vlen, md->b + base, old - base);
        memcpy (md->b + base, e->value.data, vlen);
      }
      return M_OK;
    case EDIT_DELETE:
      if (e->count > md->len || base > md->len - e->count
          || e->count == md->len)
        return M_REFUSED;
      memmove (md->b + base, md->b + base + e->count,
               md->len - base - e->count);
      md->len -= e->count;
      return M_OK;
    case EDIT_GUARD:
      /* The bytes must be there, and be VALUE; nothing changes.  */
      if (vlen > md->len || base > md->len - vlen
          || memcmp (md->b + base, e->value.data, vlen) != 0)
        return M_REFUSED;
      return M_OK;
    default:
      abort ();
    }
}

static void
free_edit (struct patch_edit *e)
{
  free (e->offset.pattern.data);
  free (e->value.data);
  free (e->from.data);
  free ((char *) e->text);
}

/* The one place that calls mmpatch's functions: parse the NUL-free,
   newline-free TEXT into *E (true), or refuse it (false); and apply
   the N EDITS to the map of FD.  */
static bool
adapt_parse (char *text, struct patch_edit *e)
{
  patch_parse_file (name);
  return patch_parse (text, "edit", false, e);
}

static enum patch_result
adapt_apply (struct patch_edit const *edits, size_t n)
{
  mmu_map *m = mmu_open (fd, 0, NULL);
  if (!m)
    FUZZ_FAIL ("mmu_open: %s", strerror (errno));
  struct patch_run run = { .file = name, .grow = true, .can_resize = true,
                           .quiet = true };
  enum patch_result r = patch_apply (m, edits, n, &run);
  if (mmu_close (m) != 0)
    FUZZ_FAIL ("mmu_close: %s", strerror (errno));
  mmu_free (m);
  return r;
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  if (fd < 0)
    {
      fd = mkstemp (name);
      if (fd < 0)
        FUZZ_FAIL ("mkstemp: %s", strerror (errno));
      atexit (remove_file);
    }
  uint8_t const *lim = data + size;
  uint8_t const *nul = memchr (data, 0, size);
  if (!nul || nul == data || nul - data > MAX_FILE)
    return 0;

  struct model md = { malloc (nul - data), nul - data };
  memcpy (md.b, data, md.len);
  if (ftruncate (fd, 0) != 0
      || pwrite (fd, md.b, md.len, 0) != (ssize_t) md.len)
    FUZZ_FAIL ("writing %s: %s", name, strerror (errno));

  struct patch_edit edits[MAX_EDITS];
  size_t n = 0;
  for (uint8_t const *p = nul + 1; p < lim && n < MAX_EDITS; )
    {
      uint8_t const *end = p;
      while (end < lim && *end != '\n' && *end != '\0')
        end++;
      char *text = malloc (end - p + 1);
      memcpy (text, p, end - p);
      text[end - p] = '\0';
      if (adapt_parse (text, &edits[n]))
        n++;
      else
        {
          free_edit (&edits[n]);
          if (edits[n].text != text)
            free (text);
        }
      p = end + 1;
    }

  /* The model first: an edit it declines as too big is not run.  */
  enum model_result want = M_OK;
  bool too_big = false;
  size_t i;
  for (i = 0; i < n && want == M_OK; i++)
    want = model_apply (&md, &edits[i], &too_big);
  if (!too_big)
    {
      enum patch_result got = adapt_apply (edits, n);
      enum model_result g = (got == APPLY_OK ? M_OK
                             : got == APPLY_NOTFOUND ? M_NOTFOUND
                             : M_REFUSED);
      if (g != want)
        FUZZ_FAIL ("edit %zu: patch_apply says %u, the model %u", i, got,
                   want);
      static unsigned char file[MAX_LEN + 1];
      ssize_t flen = pread (fd, file, sizeof file, 0);
      if (flen != (ssize_t) md.len || memcmp (file, md.b, md.len) != 0)
        FUZZ_FAIL ("the file has %zd bytes unlike the model's %zu", flen,
                   md.len);
    }
  for (size_t j = 0; j < n; j++)
    free_edit (&edits[j]);
  free (md.b);
  return 0;
}
