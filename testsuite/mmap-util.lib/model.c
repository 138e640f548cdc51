/* model.c -- randomized test of the library against a model.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published
   by the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   Lesser General Public License for more details.

   You should have received a copy of the GNU Lesser General Public
   License along with this program.  If not, see
   <https://www.gnu.org/licenses/>.  */

/* What this checks, and why: the library, driven through long random
   sequences of every operation (open in every access mode, close,
   get/set, slices, read/readline/write, seek, find/rfind, move,
   resize, insert/delete, typed get/put/read/write, flush, size), gives
   the same results and errno as an independent in-memory model of the
   map's bytes, its cursor and its file, written from the manual and
   Python's rules, not from the library's code.  Between steps the file
   is changed from outside at random, through another descriptor:
   bytes appended or cut past the map, bytes rewritten inside a shared
   map, or the file cut inside the map and extended again (the cut
   bytes come back as zeros).  After every step the map's length,
   cursor and bytes, and the whole file, are compared with the model.

   The sequences come from a fixed seed: a failure names the seed and
   the step, and MMU_MODEL_SEED=S MMU_MODEL_STEPS=N replays it.  In
   'make check' a few short sequences run; for a long run, by hand (and
   in a build with -fsanitize=address,undefined):
     MMU_MODEL_SEEDS=200 MMU_MODEL_STEPS=20000 testsuite/mmap-util.lib/model
*/

#include <dejagnu.h>
#define TEST_NAME "model"
#include "test-util.h"

#include <stdint.h>
#include <sys/mman.h>

/* The kinds of map: the access and options they are opened with.  */
enum kind { K_DEFAULT, K_WRITE, K_READ, K_PROTREAD, K_COPY, K_PRIVATE,
            K_COUNT };
static const char *const kind_name[] =
  { "default", "write", "read", "prot-read", "copy", "private" };

/* The model.  */
static struct
{
  unsigned char *map;           /* what the map shows */
  size_t len;
  size_t pos;
  unsigned char *file;          /* what the file holds */
  size_t flen;
  enum kind kind;
  bool closed;
} md;

static mmu_map *m;
static int fd;                  /* the test's own descriptor of the file */
static char path[PATH_MAX];
static size_t pg;
static size_t cap;              /* the size of md.map and md.file */

static uint64_t rng;
static uint64_t
rnd (void)
{
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 2685821657736338717ULL;
}
static size_t
below (size_t n)
{
  return n == 0 ? 0 : (size_t) (rnd () % n);
}

static bool md_writable (void) { return md.kind != K_READ && md.kind != K_PROTREAD; }
static bool md_shared (void) { return md.kind != K_COPY && md.kind != K_PRIVATE; }
static bool md_resizable (void) { return md.kind == K_DEFAULT || md.kind == K_WRITE; }

static void
reserve (size_t n)
{
  if (n <= cap)
    return;
  size_t c = n * 2;
  md.map = realloc (md.map, c);
  md.file = realloc (md.file, c);
  if (md.map == NULL || md.file == NULL)
    {
      perror ("realloc");
      exit (2);
    }
  cap = c;
}

/* The state of the current sequence, for messages.  */
static unsigned long seed, step;
static const char *op;
static bool broken;

static void
mismatch (const char *what, long got, int gote, long want, int wante)
{
  if (!broken)
    fail ("model: seed %lu step %lu (%s, %s map): %s: got %ld errno %d, "
          "want %ld errno %d", seed, step, op, kind_name[md.kind], what,
          got, gote, want, wante);
  broken = true;
}

/* Compare a result RET with errno E against the model's WANT and
   WANTE (WANTE 0: success, errno not looked at, except for finds).  */
static void
expect (long ret, int e, long want, int wante)
{
  if (wante != 0 ? ret != -1 || e != wante : ret != want)
    mismatch ("result", ret, e, want, wante);
}

/* Python's slice rules, as the language reference gives them.  */
static ssize_t
py_slice (ssize_t len, ssize_t *start, ssize_t *stop, ssize_t step_)
{
  bool omit_start = *start == MMU_OMIT, omit_stop = *stop == MMU_OMIT;
  ssize_t lo, hi;
  if (step_ > 0)
    {
      lo = omit_start ? 0 : *start;
      hi = omit_stop ? len : *stop;
      if (lo < 0) lo = lo + len < 0 ? 0 : lo + len;
      if (lo > len) lo = len;
      if (hi < 0) hi = hi + len < 0 ? 0 : hi + len;
      if (hi > len) hi = len;
      *start = lo;
      return hi > lo ? (hi - lo - 1) / step_ + 1 : 0;
    }
  lo = omit_start ? len - 1 : *start;
  hi = omit_stop ? -1 : *stop;
  if (!omit_start)
    {
      if (lo < 0) lo = lo + len < 0 ? -1 : lo + len;
      if (lo >= len) lo = len - 1;
    }
  if (!omit_stop)
    {
      if (hi < 0) hi = hi + len < 0 ? -1 : hi + len;
      if (hi >= len) hi = len - 1;
    }
  *start = lo;
  ssize_t s = -step_;
  return lo > hi ? (lo - hi - 1) / s + 1 : 0;
}

/* A random index or bound around a map of length LEN.  */
static ssize_t
rnd_index (size_t len)
{
  ssize_t l = (ssize_t) len;
  switch (below (8))
    {
    case 0: return MMU_OMIT;
    case 1: return -l - 1 - (ssize_t) below (3);
    case 2: return l + (ssize_t) below (3);
    case 3: return -(ssize_t) below (len + 1);
    default: return (ssize_t) below (len + 1);
    }
}

static ssize_t
rnd_step (void)
{
  switch (below (10))
    {
    case 0: return 0;
    case 1: return MMU_OMIT;
    case 2: return SSIZE_MAX - (ssize_t) below (2);
    case 3: return -SSIZE_MAX;
    case 4: case 5: return -1 - (ssize_t) below (4);
    default: return 1 + (ssize_t) below (4);
    }
}

/* Store BYTES at OFF of the map in the model, and in its file when the
   map is shared.  */
static void
md_store (size_t off, const void *bytes, size_t n)
{
  memcpy (md.map + off, bytes, n);
  if (md_shared ())
    memcpy (md.file + off, bytes, n);
}

/* The file becomes the map (a resize, insert or delete).  */
static void
md_file_is_map (void)
{
  memcpy (md.file, md.map, md.len);
  md.flen = md.len;
}

static void
open_map (void)
{
  struct mmu_options o = { 0 };
  md.kind = (enum kind) below (K_COUNT);
  switch (md.kind)
    {
    case K_WRITE: o.access = MMU_ACCESS_WRITE; break;
    case K_READ: o.access = MMU_ACCESS_READ; break;
    case K_PROTREAD: o.prot = PROT_READ; break;
    case K_COPY: o.access = MMU_ACCESS_COPY; break;
    case K_PRIVATE: o.flags = MAP_PRIVATE; break;
    default: break;
    }
  if (md.flen == 0)
    {
      /* Python cannot map an empty file: give it bytes.  */
      unsigned char b[3] = { 'a', '\n', 'b' };
      if (pwrite (fd, b, 3, 0) != 3)
        perror ("pwrite");
      reserve (3);
      memcpy (md.file, b, 3);
      md.flen = 3;
    }
  op = "open";
  errno = 0;
  m = mmu_open (fd, 0, &o);
  if (m == NULL)
    {
      mismatch ("open", -1, errno, 0, 0);
      return;
    }
  md.closed = false;
  md.len = md.flen;
  md.pos = 0;
  memcpy (md.map, md.file, md.len);
}

/* A change of the file from outside, between steps.  */
static void
outside (void)
{
  size_t limit = 4 * pg;
  unsigned char buf[256];
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = (unsigned char) rnd ();
  bool inside = !md.closed && md_shared ();
  size_t floor_ = md.closed ? 0 : md.len;   /* the file keeps the map */
  switch (below (4))
    {
    case 0:                     /* append */
      {
        size_t n = below (sizeof buf);
        if (md.flen + n > limit)
          break;
        op = "outside append";
        if (pwrite (fd, buf, n, (off_t) md.flen) != (ssize_t) n)
          perror ("pwrite");
        reserve (md.flen + n);
        memcpy (md.file + md.flen, buf, n);
        md.flen += n;
      }
      break;
    case 1:                     /* cut past the map */
      {
        op = "outside cut";
        size_t k = floor_ + below (md.flen - floor_ + 1);
        if (ftruncate (fd, (off_t) k) != 0)
          perror ("ftruncate");
        md.flen = k;
      }
      break;
    case 2:                     /* rewrite inside a shared map */
      if (inside && md.len > 0)
        {
          op = "outside rewrite";
          size_t at = below (md.len);
          size_t n = below (md.len - at + 1);
          if (n > sizeof buf)
            n = sizeof buf;
          if (pwrite (fd, buf, n, (off_t) at) != (ssize_t) n)
            perror ("pwrite");
          memcpy (md.file + at, buf, n);
          memcpy (md.map + at, buf, n);
        }
      break;
    default:                    /* cut inside, and extend again */
      if (inside || md.closed)
        {
          op = "outside cut and extend";
          size_t k = below (md.flen + 1);
          size_t s = md.flen > floor_ ? md.flen : floor_;
          if (ftruncate (fd, (off_t) k) != 0
              || ftruncate (fd, (off_t) s) != 0)
            perror ("ftruncate");
          if (s > k)
            {
              memset (md.file + k, 0, s - k);
              if (!md.closed && k < md.len)
                memset (md.map + k, 0, md.len - k);
            }
          md.flen = s;
        }
      break;
    }
}

/* Compare the whole state with the model.  */
static void
compare (void)
{
  if (mmu_closed (m) != md.closed)
    mismatch ("closed", mmu_closed (m), 0, md.closed, 0);
  if (!md.closed)
    {
      if (mmu_len (m) != md.len)
        mismatch ("length", (long) mmu_len (m), 0, (long) md.len, 0);
      if (mmu_tell (m) != md.pos)
        mismatch ("cursor", (long) mmu_tell (m), 0, (long) md.pos, 0);
      size_t n = 0;
      const unsigned char *p = mmu_acquire (m, &n);
      if (p == NULL || n != md.len || memcmp (p, md.map, md.len) != 0)
        mismatch ("bytes of the map", (long) n, 0, (long) md.len, 0);
      mmu_release (m);
    }
  struct stat st;
  if (fstat (fd, &st) != 0 || (size_t) st.st_size != md.flen)
    mismatch ("size of the file", (long) st.st_size, 0, (long) md.flen, 0);
  else
    {
      unsigned char *b = malloc (md.flen + 1);
      if (pread (fd, b, md.flen, 0) != (ssize_t) md.flen
          || memcmp (b, md.file, md.flen) != 0)
        mismatch ("bytes of the file", 0, 0, 0, 0);
      free (b);
    }
}

/* The model of find and rfind.  */
static ssize_t
md_find (const unsigned char *sub, size_t n, ssize_t start, ssize_t end,
         bool reverse)
{
  ssize_t len = (ssize_t) md.len;
  ssize_t a, b;
  if (start == MMU_OMIT)
    a = (ssize_t) (md.pos < md.len ? md.pos : md.len);
  else
    {
      a = start < 0 ? start + len : start;
      if (a < 0) a = 0;
      if (a > len) a = len;
    }
  if (end == MMU_OMIT)
    b = len;
  else
    {
      b = end < 0 ? end + len : end;
      if (b < 0) b = 0;
      if (b > len) b = len;
    }
  if (b < a || (ssize_t) n > b - a)
    return -1;
  if (!reverse)
    {
      for (ssize_t i = a; i + (ssize_t) n <= b; i++)
        if (memcmp (md.map + i, sub, n) == 0)
          return i;
    }
  else
    for (ssize_t i = b - (ssize_t) n; i >= a; i--)
      if (memcmp (md.map + i, sub, n) == 0)
        return i;
  return -1;
}

static uint64_t
md_get_bits (size_t off, int w, bool big)
{
  uint64_t v = 0;
  for (int i = 0; i < w; i++)
    v |= (uint64_t) md.map[off + (big ? (size_t) (w - 1 - i) : (size_t) i)]
         << (8 * i);
  return v;
}

static void
md_put_bits (size_t off, int w, bool big, uint64_t v)
{
  unsigned char b[8];
  for (int i = 0; i < w; i++)
    b[big ? w - 1 - i : i] = (unsigned char) (v >> (8 * i));
  md_store (off, b, (size_t) w);
}

/* One random operation on the library and the model.  */
static void
one_step (void)
{
  unsigned char buf[512], got[512];
  int e;
  long ret;
  bool open_ = !md.closed;
  size_t len = md.len;

  if (md.closed && below (3) == 0)
    {
      mmu_free (m);
      m = NULL;
      open_map ();
      return;
    }
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = (unsigned char) (below (4) == 0 ? '\n' : 'a' + below (3));

  switch (below (22))
    {
    case 0:
      {
        op = "get";
        ssize_t i = (ssize_t) below (2 * len + 5) - (ssize_t) len - 2;
        errno = 0;
        ret = mmu_get (m, i);
        e = errno;
        ssize_t at = i < 0 ? i + (ssize_t) len : i;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (at < 0 || at >= (ssize_t) len)
          expect (ret, e, -1, ERANGE);
        else
          expect (ret, e, md.map[at], 0);
      }
      break;
    case 1:
      {
        op = "set";
        ssize_t i = (ssize_t) below (2 * len + 5) - (ssize_t) len - 2;
        errno = 0;
        ret = mmu_set (m, i, buf[0]);
        e = errno;
        ssize_t at = i < 0 ? i + (ssize_t) len : i;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_writable ())
          expect (ret, e, -1, EACCES);
        else if (at < 0 || at >= (ssize_t) len)
          expect (ret, e, -1, ERANGE);
        else
          {
            expect (ret, e, 0, 0);
            md_store ((size_t) at, buf, 1);
          }
      }
      break;
    case 2:
    case 3:
      {
        op = "get_slice";
        ssize_t a = rnd_index (len), b = rnd_index (len), s = rnd_step ();
        errno = 0;
        ssize_t r = mmu_get_slice (m, a, b, s, got, sizeof got);
        e = errno;
        if (!open_)
          expect (r, e, -1, EBADF);
        else if (s == 0)
          expect (r, e, -1, EINVAL);
        else
          {
            ssize_t st = s == MMU_OMIT ? 1 : s;
            ssize_t n = py_slice ((ssize_t) len, &a, &b, st);
            if ((size_t) n > sizeof got)
              expect (r, e, -1, ERANGE);
            else
              {
                expect (r, e, n, 0);
                for (ssize_t i = 0; r == n && i < n; i++)
                  if (got[i] != md.map[a + i * st])
                    {
                      mismatch ("slice byte", got[i], 0, md.map[a + i * st], 0);
                      break;
                    }
              }
          }
      }
      break;
    case 4:
      {
        op = "set_slice";
        ssize_t a = rnd_index (len), b = rnd_index (len), s = rnd_step ();
        ssize_t st = s == MMU_OMIT ? 1 : s;
        ssize_t a2 = a, b2 = b;
        ssize_t n = st == 0 ? 0 : py_slice ((ssize_t) len, &a2, &b2, st);
        size_t srclen = below (5) == 0 ? below (8) : (size_t) n;
        if (srclen > sizeof buf)
          srclen = sizeof buf;
        errno = 0;
        ret = mmu_set_slice (m, a, b, s, buf, srclen);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_writable ())
          expect (ret, e, -1, EACCES);
        else if (st == 0)
          expect (ret, e, -1, EINVAL);
        else if ((size_t) n != srclen)
          expect (ret, e, -1, ERANGE);
        else
          {
            expect (ret, e, 0, 0);
            for (ssize_t i = 0; i < n; i++)
              md_store ((size_t) (a2 + i * st), buf + i, 1);
          }
      }
      break;
    case 5:
      {
        op = "read";
        size_t n = below (4) == 0 ? SIZE_MAX : below (300);
        errno = 0;
        ssize_t r = mmu_read (m, got, n < sizeof got ? n : sizeof got);
        e = errno;
        size_t rem = md.pos < len ? len - md.pos : 0;
        size_t want = n < sizeof got ? n : sizeof got;
        if (want > rem)
          want = rem;
        if (!open_)
          expect (r, e, -1, EBADF);
        else
          {
            expect (r, e, (long) want, 0);
            if (r == (ssize_t) want
                && memcmp (got, md.map + md.pos, want) != 0)
              mismatch ("read bytes", 0, 0, 0, 0);
            md.pos += want;
          }
      }
      break;
    case 6:
      {
        op = "read_byte";
        errno = 0;
        ret = mmu_read_byte (m);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (md.pos >= len)
          expect (ret, e, -1, EINVAL);
        else
          expect (ret, e, md.map[md.pos++], 0);
      }
      break;
    case 7:
      {
        op = "readline";
        const void *line = NULL;
        errno = 0;
        ssize_t r = mmu_readline (m, &line);
        e = errno;
        if (!open_)
          expect (r, e, -1, EBADF);
        else
          {
            size_t want = 0;
            while (md.pos + want < len)
              if (md.map[md.pos + want++] == '\n')
                break;
            expect (r, e, (long) want, 0);
            if (r > 0 && memcmp (line, md.map + md.pos, want) != 0)
              mismatch ("readline bytes", 0, 0, 0, 0);
            md.pos += want;
          }
      }
      break;
    case 8:
      {
        op = "write";
        size_t n = below (3) == 0 ? 0 : below (64);
        errno = 0;
        ssize_t r = mmu_write (m, buf, n);
        e = errno;
        if (!open_)
          expect (r, e, -1, EBADF);
        else if (!md_writable ())
          expect (r, e, -1, EACCES);
        else if (md.pos > len || n > len - md.pos)
          expect (r, e, -1, EINVAL);
        else
          {
            expect (r, e, (long) n, 0);
            md_store (md.pos, buf, n);
            md.pos += n;
          }
      }
      break;
    case 9:
      {
        op = "write_byte";
        errno = 0;
        ret = mmu_write_byte (m, buf[1]);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_writable ())
          expect (ret, e, -1, EACCES);
        else if (md.pos >= len)
          expect (ret, e, -1, EINVAL);
        else
          {
            expect (ret, e, 0, 0);
            md_store (md.pos++, buf + 1, 1);
          }
      }
      break;
    case 10:
    case 11:
      {
        op = "seek";
        static const int whences[] = { SEEK_SET, SEEK_CUR, SEEK_END, 7 };
        int wh = whences[below (4)];
        int64_t p = (int64_t) below (2 * len + 7) - (int64_t) len - 3;
        errno = 0;
        int64_t r = mmu_seek (m, p, wh);
        e = errno;
        int64_t base = wh == SEEK_SET ? 0 : wh == SEEK_CUR ? (int64_t) md.pos
                       : (int64_t) len;
        if (!open_)
          expect ((long) r, e, -1, EBADF);
        else if (wh == 7 || base + p < 0 || base + p > (int64_t) len)
          expect ((long) r, e, -1, EINVAL);
        else
          {
            expect ((long) r, e, (long) (base + p), 0);
            md.pos = (size_t) (base + p);
          }
      }
      break;
    case 12:
    case 13:
      {
        bool rev = below (2);
        op = rev ? "rfind" : "find";
        size_t n = below (4);
        if (len > 0 && below (2))
          {
            size_t at = below (len);
            if (n > len - at)
              n = len - at;
            memcpy (buf, md.map + at, n);
          }
        ssize_t a = below (3) ? MMU_OMIT : rnd_index (len);
        ssize_t b = below (3) ? MMU_OMIT : rnd_index (len);
        errno = 0;
        ssize_t r = rev ? mmu_rfind_range (m, buf, n, a, b)
                        : mmu_find_range (m, buf, n, a, b);
        e = errno;
        if (!open_)
          expect (r, e, -1, EBADF);
        else
          {
            ssize_t want = md_find (buf, n, a, b, rev);
            if (r != want || (r == -1 && e != 0))
              mismatch ("found at", r, e, want, 0);
          }
      }
      break;
    case 14:
      {
        op = "move";
        size_t d = below (len + 3), s = below (len + 3), n = below (len + 3);
        errno = 0;
        ret = mmu_move (m, d, s, n);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_writable ())
          expect (ret, e, -1, EACCES);
        else if (d > len || s > len || len - d < n || len - s < n)
          expect (ret, e, -1, EINVAL);
        else
          {
            expect (ret, e, 0, 0);
            unsigned char *t = malloc (n + 1);
            memcpy (t, md.map + s, n);
            md_store (d, t, n);
            free (t);
          }
      }
      break;
    case 15:
      {
        op = "resize";
        size_t n = below (3) == 0 ? 0 : below (3 * pg) ;
        if (below (4) == 0)
          n = len + below (5);
        errno = 0;
        ret = mmu_resize (m, n);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_resizable ())
          expect (ret, e, -1, EACCES);
        else if (n == 0)
          expect (ret, e, -1, EINVAL);
        else
          {
            expect (ret, e, 0, 0);
            /* The new bytes are those of the file, which ftruncate
               cuts or extends with zeros.  */
            reserve (n);
            for (size_t i = len; i < n; i++)
              md.map[i] = i < md.flen ? md.file[i] : 0;
            md.len = n;
            md_file_is_map ();
          }
      }
      break;
    case 16:
      {
        op = "insert";
        size_t off = below (len + 3), n = below (4) == 0 ? 0 : below (100);
        bool zeros = below (4) == 0;
        errno = 0;
        ret = mmu_insert (m, off, zeros ? NULL : buf, n);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_resizable ())
          expect (ret, e, -1, EACCES);
        else if (off > len)
          expect (ret, e, -1, EINVAL);
        else
          {
            expect (ret, e, 0, 0);
            if (n > 0)
              {
                reserve (len + n);
                memmove (md.map + off + n, md.map + off, len - off);
                if (zeros)
                  memset (md.map + off, 0, n);
                else
                  memcpy (md.map + off, buf, n);
                md.len = len + n;
                if (md.pos > md.len)
                  md.pos = md.len;
                md_file_is_map ();
              }
          }
      }
      break;
    case 17:
      {
        op = "delete";
        size_t off = below (len + 2), n = below (len / 2 + 3);
        if (below (8) == 0)
          off = 0, n = len;
        errno = 0;
        ret = mmu_delete (m, off, n);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (!md_resizable ())
          expect (ret, e, -1, EACCES);
        else if (off > len || n > len - off || (n > 0 && n == len))
          expect (ret, e, -1, EINVAL);
        else
          {
            expect (ret, e, 0, 0);
            if (n > 0)
              {
                memmove (md.map + off, md.map + off + n, len - off - n);
                md.len = len - n;
                if (md.pos > md.len)
                  md.pos = md.len;
                md_file_is_map ();
              }
          }
      }
      break;
    case 18:
    case 19:
      {
        static const int widths[] = { 1, 2, 4, 8, 3 };
        int w = widths[below (5)];
        bool big = below (2);
        enum mmu_order ord = big ? MMU_BIG : MMU_LITTLE;
        bool at_cursor = below (2);
        bool put = below (2);
        size_t off = at_cursor ? md.pos : below (len + 3);
        uint64_t v = rnd ();
        if (w < 8 && below (3) != 0)
          v &= (UINT64_C (1) << (8 * w)) - 1;
        bool fits = w == 8 || v < (UINT64_C (1) << (8 * w));
        uint64_t gotv = 0;
        op = put ? (at_cursor ? "write_uint" : "put_uint")
                 : (at_cursor ? "read_uint" : "get_uint");
        errno = 0;
        if (put)
          ret = at_cursor ? mmu_write_uint (m, w, ord, v)
                          : mmu_put_uint (m, off, w, ord, v);
        else
          ret = at_cursor ? mmu_read_uint (m, w, ord, &gotv)
                          : mmu_get_uint (m, off, w, ord, &gotv);
        e = errno;
        int oob = at_cursor ? EINVAL : ERANGE;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else if (put && !md_writable ())
          expect (ret, e, -1, EACCES);
        else if (w == 3)
          expect (ret, e, -1, EINVAL);
        else if (off > len || len - off < (size_t) w)
          expect (ret, e, -1, oob);
        else if (put && !fits)
          expect (ret, e, -1, ERANGE);
        else
          {
            expect (ret, e, 0, 0);
            if (put)
              md_put_bits (off, w, big, v);
            else if (gotv != md_get_bits (off, w, big))
              mismatch ("typed value", (long) gotv, 0,
                        (long) md_get_bits (off, w, big), 0);
            if (at_cursor)
              md.pos += (size_t) w;
          }
      }
      break;
    case 20:
      {
        op = below (2) ? "flush" : "size";
        errno = 0;
        if (op[0] == 'f')
          ret = mmu_flush (m);
        else
          ret = (long) mmu_size (m);
        e = errno;
        if (!open_)
          expect (ret, e, -1, EBADF);
        else
          expect (ret, e, op[0] == 'f' ? 0 : (long) md.flen, 0);
      }
      break;
    default:
      op = "close";
      errno = 0;
      ret = mmu_close (m);
      e = errno;
      expect (ret, e, 0, 0);
      md.closed = true;
      break;
    }
}

static void
run (unsigned long s, unsigned long steps)
{
  seed = s;
  rng = 0x9e3779b97f4a7c15ULL ^ (s * 0x100000001b3ULL);
  if (rng == 0)
    rng = 1;
  broken = false;
  fd = tu_pattern_file (below (2 * pg) + 1, path);
  struct stat st;
  fstat (fd, &st);
  md.flen = (size_t) st.st_size;
  reserve (8 * pg);
  if (pread (fd, md.file, md.flen, 0) != (ssize_t) md.flen)
    perror ("pread");
  md.closed = true;
  m = NULL;
  open_map ();
  for (step = 0; step < steps && !broken; step++)
    {
      if (below (8) == 0)
        outside ();
      compare ();
      if (broken)
        break;
      one_step ();
      if (!broken)
        compare ();
    }
  mmu_free (m);
  close (fd);
  unlink (path);
  if (!broken)
    pass ("model: seed %lu, %lu steps", s, steps);
}

static unsigned long
knob (const char *name, unsigned long dflt)
{
  const char *v = getenv (name);
  return v != NULL && *v != '\0' ? strtoul (v, NULL, 10) : dflt;
}

int
main (void)
{
  tu_init ();
  pg = tu_page ();
  unsigned long steps = knob ("MMU_MODEL_STEPS", 1500);
  unsigned long first = knob ("MMU_MODEL_SEED", 1);
  unsigned long seeds = knob ("MMU_MODEL_SEEDS", getenv ("MMU_MODEL_SEED")
                              ? 1 : 4);
  for (unsigned long s = first; s < first + seeds; s++)
    run (s, steps);
  free (md.map);
  free (md.file);
  totals ();
  return 0;
}
