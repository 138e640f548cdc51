/* fuzz-lib.c -- the library: fuzzed sequences of calls on a map of a
   temporary file, checked against a model of its bytes.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The first bytes give the file's first contents; then each op byte
   picks a call and the bytes after it its arguments.  The model is an
   array of the file's bytes and the cursor; every call that succeeds
   must do to the map what the model does, every read must give the
   model's bytes, and at the end the file must hold the model's bytes.
   Calls that fail must leave the map as it was (the library checks
   before it changes anything).  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "mmap-util.h"
#include "fuzz.h"

enum { MAX_LEN = 4096 };

static char name[] = "/tmp/mmu-fuzz-lib.XXXXXX";
static int fd = -1;

static void
remove_file (void)
{
  unlink (name);
}

struct model
{
  unsigned char b[MAX_LEN];
  size_t len, pos;
};

static size_t
arg (struct fuzz_in *in, size_t lim)
{
  size_t v = fuzz_byte (in) | (fuzz_byte (in) << 8);
  return lim ? v % lim : 0;
}

static void
check_bytes (mmu_map *m, struct model const *md, char const *after)
{
  if (mmu_len (m) != md->len)
    FUZZ_FAIL ("after %s: length %zu, model %zu", after, mmu_len (m),
               md->len);
  if (mmu_tell (m) != md->pos)
    FUZZ_FAIL ("after %s: cursor %zu, model %zu", after, mmu_tell (m),
               md->pos);
  static unsigned char out[MAX_LEN];
  ssize_t n = mmu_get_slice (m, 0, MMU_OMIT, 1, out, sizeof out);
  if (n != (ssize_t) md->len || memcmp (out, md->b, md->len) != 0)
    FUZZ_FAIL ("after %s: bytes differ from the model", after);
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
  /* FUZZ_VERBOSE: each call, as it is made.  */
  static int trace = -1;
  if (trace < 0)
    trace = getenv ("FUZZ_VERBOSE") != NULL;
  struct fuzz_in in = { data, data + size };
  static struct model md;
  md.len = 1 + fuzz_byte (&in) % 64;
  md.pos = 0;
  for (size_t i = 0; i < md.len; i++)
    md.b[i] = fuzz_byte (&in);
  if (ftruncate (fd, 0) != 0 || pwrite (fd, md.b, md.len, 0)
      != (ssize_t) md.len)
    FUZZ_FAIL ("writing %s: %s", name, strerror (errno));

  mmu_map *m = mmu_open (fd, 0, NULL);
  if (!m)
    FUZZ_FAIL ("mmu_open: %s", strerror (errno));
  unsigned char buf[256];
  int acquired = 0;

  for (int steps = 0; in.p < in.lim && steps < 64; steps++)
    {
      unsigned int op = fuzz_byte (&in) % 16;
      if (trace)
        fprintf (stderr, "fuzz-lib: step %d: op %u, length %zu, cursor %zu\n",
                 steps, op, md.len, md.pos);
      switch (op)
        {
        case 0:                 /* set one byte */
          {
            size_t i = arg (&in, md.len + 2);
            unsigned char v = fuzz_byte (&in);
            int r = mmu_set (m, i, v);
            if ((r == 0) != (i < md.len))
              FUZZ_FAIL ("mmu_set %zu of %zu: %d", i, md.len, r);
            if (r == 0)
              md.b[i] = v;
          }
          break;
        case 1:                 /* get one byte, from either end */
          {
            ssize_t i = (ssize_t) arg (&in, 2 * md.len + 4) - md.len - 2;
            int r = mmu_get (m, i);
            ssize_t j = i < 0 ? i + (ssize_t) md.len : i;
            bool in_range = 0 <= j && j < (ssize_t) md.len;
            if (in_range ? r != md.b[j] : r != -1)
              FUZZ_FAIL ("mmu_get %zd of %zu: %d", i, md.len, r);
          }
          break;
        case 2:                 /* seek and read */
          {
            size_t p = arg (&in, md.len + 1);
            size_t n = arg (&in, sizeof buf);
            if (mmu_seek (m, p, SEEK_SET) != (int64_t) p)
              FUZZ_FAIL ("mmu_seek %zu of %zu", p, md.len);
            md.pos = p;
            ssize_t r = mmu_read (m, buf, n);
            size_t want = n < md.len - p ? n : md.len - p;
            if (r != (ssize_t) want || memcmp (buf, md.b + p, want) != 0)
              FUZZ_FAIL ("mmu_read %zu at %zu: %zd", n, p, r);
            md.pos += want;
          }
          break;
        case 3:                 /* write at the cursor */
          {
            size_t n = arg (&in, 16);
            for (size_t i = 0; i < n; i++)
              buf[i] = fuzz_byte (&in);
            ssize_t r = mmu_write (m, buf, n);
            bool fits = md.pos + n <= md.len;
            if (fits ? r != (ssize_t) n : r != -1)
              FUZZ_FAIL ("mmu_write %zu at %zu of %zu: %zd", n, md.pos,
                         md.len, r);
            if (fits)
              {
                memcpy (md.b + md.pos, buf, n);
                md.pos += n;
              }
          }
          break;
        case 4:                 /* insert */
          {
            size_t off = arg (&in, md.len + 2);
            size_t n = arg (&in, 32);
            for (size_t i = 0; i < n; i++)
              buf[i] = fuzz_byte (&in);
            if (md.len + n > MAX_LEN)
              break;            /* the model's limit, not the map's */
            int r = mmu_insert (m, off, buf, n);
            bool ok = !acquired && off <= md.len;
            if (ok != (r == 0))
              FUZZ_FAIL ("mmu_insert %zu at %zu of %zu: %d (%s)", n, off,
                         md.len, r, strerror (errno));
            if (ok)
              {
                memmove (md.b + off + n, md.b + off, md.len - off);
                memcpy (md.b + off, buf, n);
                md.len += n;
                /* A count of 0 only checks: the cursor stays too.  */
                if (n && md.pos > md.len)
                  md.pos = md.len;
              }
          }
          break;
        case 5:                 /* delete */
          {
            size_t off = arg (&in, md.len + 2);
            size_t n = arg (&in, md.len + 2);
            int r = mmu_delete (m, off, n);
            bool ok = !acquired && off + n <= md.len && n < md.len;
            if (ok != (r == 0))
              FUZZ_FAIL ("mmu_delete %zu at %zu of %zu: %d (%s)", n, off,
                         md.len, r, strerror (errno));
            if (ok)
              {
                memmove (md.b + off, md.b + off + n, md.len - off - n);
                md.len -= n;
                if (n && md.pos > md.len)
                  md.pos = md.len;
              }
          }
          break;
        case 6:                 /* resize */
          {
            size_t n = 1 + arg (&in, 2 * md.len + 8);
            if (n > MAX_LEN)
              break;
            int r = mmu_resize (m, n);
            if (acquired ? r != -1 || errno != EBUSY : r != 0)
              FUZZ_FAIL ("mmu_resize %zu of %zu (acquired %d): %d (%s)", n,
                         md.len, acquired, r, strerror (errno));
            if (r == 0)
              {
                if (n > md.len)
                  memset (md.b + md.len, 0, n - md.len);
                md.len = n;
              }
          }
          break;
        case 7:                 /* move */
          {
            size_t dest = arg (&in, md.len + 2);
            size_t src = arg (&in, md.len + 2);
            size_t n = arg (&in, md.len + 2);
            int r = mmu_move (m, dest, src, n);
            bool ok = dest + n <= md.len && src + n <= md.len;
            if (ok != (r == 0))
              FUZZ_FAIL ("mmu_move %zu %zu %zu of %zu: %d", dest, src, n,
                         md.len, r);
            if (ok)
              memmove (md.b + dest, md.b + src, n);
          }
          break;
        case 8:                 /* find, from the model's own search */
          {
            size_t n = arg (&in, 4);
            for (size_t i = 0; i < n; i++)
              buf[i] = fuzz_byte (&in) % 4 + 'a';
            ssize_t start = (ssize_t) arg (&in, 2 * md.len + 4)
                            - md.len - 2;
            ssize_t r = mmu_find_range (m, buf, n, start, MMU_OMIT);
            ssize_t s = start < 0 ? start + (ssize_t) md.len : start;
            if (s < 0)
              s = 0;
            if (s > (ssize_t) md.len)
              s = md.len;
            ssize_t want = -1;
            for (size_t i = s; i + n <= md.len; i++)
              if (memcmp (md.b + i, buf, n) == 0)
                {
                  want = i;
                  break;
                }
            if (r != want)
              FUZZ_FAIL ("mmu_find_range %zu bytes from %zd of %zu: %zd,"
                         " model %zd", n, start, md.len, r, want);
          }
          break;
        case 9:                 /* slice with a step */
          {
            ssize_t step = (ssize_t) arg (&in, 7) - 3;
            ssize_t start = (ssize_t) arg (&in, md.len + 4) - 2;
            ssize_t stop = (ssize_t) arg (&in, md.len + 4) - 2;
            ssize_t r = mmu_get_slice (m, start, stop, step, buf,
                                       sizeof buf);
            if (step == 0 ? r != -1 : r < 0 && errno != ERANGE)
              FUZZ_FAIL ("mmu_get_slice %zd:%zd:%zd: %zd", start, stop,
                         step, r);
          }
          break;
        case 10:                /* readline from the cursor */
          {
            void const *line;
            ssize_t r = mmu_readline (m, &line);
            size_t want = 0;
            while (md.pos + want < md.len && md.b[md.pos + want++] != '\n')
              ;
            if (r != (ssize_t) want
                || (want && memcmp (line, md.b + md.pos, want) != 0))
              FUZZ_FAIL ("mmu_readline at %zu: %zd, model %zu", md.pos, r,
                         want);
            md.pos += want;
          }
          break;
        case 11:                /* acquire and release */
          if (acquired && fuzz_byte (&in) & 1)
            {
              if (mmu_release (m) != 0)
                FUZZ_FAIL ("mmu_release");
              acquired--;
            }
          else
            {
              size_t len;
              unsigned char *p = mmu_acquire (m, &len);
              if (!p || len != md.len || memcmp (p, md.b, len) != 0)
                FUZZ_FAIL ("mmu_acquire");
              acquired++;
            }
          break;
        case 12:                /* flush */
          if (mmu_flush (m) != 0)
            FUZZ_FAIL ("mmu_flush: %s", strerror (errno));
          break;
        case 13:                /* typed put and get */
          {
            size_t off = arg (&in, md.len + 2);
            int width = 1 << (fuzz_byte (&in) % 4);
            enum mmu_order order = fuzz_byte (&in) & 1 ? MMU_BIG : MMU_LITTLE;
            uint64_t v = 0;
            for (int i = 0; i < width; i++)
              v |= (uint64_t) fuzz_byte (&in) << (8 * i);
            int r = mmu_put_uint (m, off, width, order, v);
            bool ok = off + width <= md.len;
            if (ok != (r == 0))
              FUZZ_FAIL ("mmu_put_uint %d at %zu of %zu: %d", width, off,
                         md.len, r);
            if (ok)
              for (int i = 0; i < width; i++)
                md.b[off + (order == MMU_BIG ? width - 1 - i : i)]
                  = v >> (8 * i);
            uint64_t back;
            if (ok && (mmu_get_uint (m, off, width, order, &back) != 0
                       || back != v))
              FUZZ_FAIL ("mmu_get_uint %d at %zu", width, off);
          }
          break;
        case 14:                /* the size of the file */
          if (mmu_size (m) != (int64_t) md.len)
            FUZZ_FAIL ("mmu_size %lld, model %zu",
                       (long long) mmu_size (m), md.len);
          break;
        default:                /* close and map the file again */
          if (acquired)
            {
              if (mmu_close (m) != -1 || errno != EBUSY)
                FUZZ_FAIL ("mmu_close while acquired");
              break;
            }
          if (mmu_close (m) != 0)
            FUZZ_FAIL ("mmu_close: %s", strerror (errno));
          mmu_free (m);
          m = mmu_open (fd, 0, NULL);
          if (!m)
            FUZZ_FAIL ("mmu_open again: %s", strerror (errno));
          md.pos = 0;
          break;
        }
      check_bytes (m, &md, "a call");
    }

  while (acquired--)
    mmu_release (m);
  if (mmu_close (m) != 0)
    FUZZ_FAIL ("mmu_close: %s", strerror (errno));
  mmu_free (m);
  static unsigned char file[MAX_LEN + 1];
  ssize_t n = pread (fd, file, sizeof file, 0);
  if (n != (ssize_t) md.len || memcmp (file, md.b, md.len) != 0)
    FUZZ_FAIL ("the file holds %zd bytes unlike the model's %zu", n, md.len);
  return 0;
}
