/* bytes.c -- test of the byte-array face.
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

/* What this checks, and why: a map must index and slice as Python's
   mmap does (negative indices, negative steps, omitted bounds with
   MMU_OMIT, clamping), refuse what Python refuses in the same order
   (closed, read-only, step 0, wrong size), and count the buffer
   protocol's acquire and release so that close and resize wait for the
   last release.  The expected slices come from CPython.  */

#include <dejagnu.h>
#define TEST_NAME "bytes"
#include "test-util.h"

#include <sys/mman.h>

#define O MMU_OMIT

static char path[PATH_MAX];

struct slice_case
{
  ssize_t start, stop, step;
  const char *want;
  const char *name;
};

static const struct slice_case cases[] = {
  { O, O, -1, "9876543210", "get_slice [::-1]" },
  { -3, O, O, "789", "get_slice [-3:]" },
  { 8, 2, -2, "864", "get_slice [8:2:-2]" },
  { O, O, 3, "0369", "get_slice [::3]" },
  { 100, O, O, "", "get_slice [100:]" },
  { -100, 3, O, "012", "get_slice [-100:3]" },
  { 5, 1, O, "", "get_slice [5:1]" },
  { O, O, -3, "9630", "get_slice [::-3]" },
  { -1, -11, -1, "9876543210", "get_slice [-1:-11:-1]" },
  { 3, -3, 2, "35", "get_slice [3:-3:2]" },
  { -2, -100, -3, "852", "get_slice [-2:-100:-3]" },
  { 10, 0, -1, "987654321", "get_slice [10:0:-1]" },
  { O, O, O, "0123456789", "get_slice [:]" },
};

static void
test_slices (mmu_map *m)
{
  char out[32];

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const struct slice_case *c = &cases[i];
      memset (out, 0, sizeof out);
      ssize_t n = mmu_get_slice (m, c->start, c->stop, c->step, out, sizeof out);
      tu_check (n == (ssize_t) strlen (c->want) && memcmp (out, c->want, (size_t) n) == 0,
                c->name);
    }
  tu_check (mmu_get_slice (m, O, O, -1, NULL, 0) == 10,
            "get_slice with OUT NULL gives the length");
  memset (out, '#', sizeof out);
  CHECK_ERR (mmu_get_slice (m, O, O, O, out, 9), ERANGE,
             "get_slice into a buffer too small");
  tu_check (out[0] == '#', "get_slice too small copies nothing");
  CHECK_ERR (mmu_get_slice (m, O, O, 0, out, sizeof out), EINVAL,
             "get_slice step 0");
  tu_check_detail ("slice step cannot be zero", "get_slice step 0 detail");
}

static void
test_set_slices (mmu_map *m)
{
  char out[11] = { 0 };

  tu_check (mmu_set_slice (m, O, O, 2, "abcde", 5) == 0
            && mmu_get_slice (m, O, O, O, out, 10) == 10
            && strcmp (out, "a1b3c5d7e9") == 0, "set_slice [::2]");
  mmu_set_slice (m, O, O, O, "0123456789", 10);
  tu_check (mmu_set_slice (m, O, O, -3, "WXYZ", 4) == 0
            && mmu_get_slice (m, O, O, O, out, 10) == 10
            && strcmp (out, "Z12Y45X78W") == 0, "set_slice [::-3]");
  mmu_set_slice (m, O, O, O, "0123456789", 10);
  tu_check (mmu_set_slice (m, 7, 2, -2, "PQR", 3) == 0
            && mmu_get_slice (m, O, O, O, out, 10) == 10
            && strcmp (out, "012R4Q6P89") == 0, "set_slice [7:2:-2]");
  mmu_set_slice (m, O, O, O, "0123456789", 10);
  tu_check (mmu_set_slice (m, 5, 5, O, "", 0) == 0,
            "set_slice of an empty slice with nothing");
  CHECK_ERR (mmu_set_slice (m, 0, 3, O, "ab", 2), ERANGE,
             "set_slice of the wrong size");
  tu_check_detail ("mmap slice assignment is wrong size",
                   "set_slice wrong size detail");
  CHECK_ERR (mmu_set_slice (m, 0, 3, 0, "ab", 2), EINVAL,
             "set_slice step 0 comes before the size");
  mmu_get_slice (m, O, O, O, out, 10);
  tu_check (strcmp (out, "0123456789") == 0, "refused set_slice changes nothing");
}

static void
test_index (mmu_map *m)
{
  tu_check (mmu_get (m, 0) == '0' && mmu_get (m, 9) == '9', "get");
  tu_check (mmu_get (m, -1) == '9' && mmu_get (m, -10) == '0',
            "get with negative indices");
  CHECK_ERR (mmu_get (m, 10), ERANGE, "get past the end");
  tu_check_detail ("mmap index out of range", "get past the end detail");
  CHECK_ERR (mmu_get (m, -11), ERANGE, "get before the start");
  CHECK_ERR (mmu_get (m, (ssize_t) MMU_OMIT), ERANGE, "get at PTRDIFF_MIN");
  tu_check (mmu_set (m, -1, 'X') == 0 && mmu_get (m, 9) == 'X',
            "set with a negative index");
  tu_check (mmu_set (m, 0, 255) == 0 && mmu_get (m, 0) == 255,
            "set and get 255");
  CHECK_ERR (mmu_set (m, 10, 'Y'), ERANGE, "set past the end");
  mmu_set (m, 0, '0');
  mmu_set (m, 9, '9');
}

static void
test_readonly (void)
{
  int fd = tu_file ("0123456789", 10, path);
  struct mmu_options r = { .access = MMU_ACCESS_READ };
  mmu_map *m = mmu_open (fd, 0, &r);
  char buf[11] = { 0 };

  tu_check (!mmu_writable (m), "READ map is not writable");
  CHECK_ERR (mmu_set (m, 0, 'x'), EACCES, "set on a READ map");
  tu_check_detail ("mmap can't modify a readonly memory map.",
                   "set on a READ map detail");
  CHECK_ERR (mmu_set (m, 100, 'x'), EACCES, "set on a READ map, bad index: EACCES first");
  CHECK_ERR (mmu_set_slice (m, 0, 3, 0, "ab", 2), EACCES,
             "set_slice on a READ map: EACCES before EINVAL");
  tu_check (mmu_get (m, 3) == '3', "get on a READ map");
  tu_check (tu_read_file (path, buf, 10) == 10 && strcmp (buf, "0123456789") == 0,
            "READ map leaves the file alone");
  mmu_free (m);

  struct mmu_options p = { .prot = PROT_READ };
  m = mmu_open (fd, 0, &p);
  CHECK_ERR (mmu_set_slice (m, 0, 1, O, "x", 1), EACCES,
             "set_slice on a PROT_READ map");
  mmu_free (m);
  close (fd);
  unlink (path);
}

static void
test_buffer (void)
{
  int fd = tu_file ("0123456789", 10, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  size_t len = 0;

  unsigned char *p = mmu_acquire (m, &len);
  tu_check (p != NULL && len == 10 && p[3] == '3', "acquire");
  unsigned char *q = mmu_acquire (m, NULL);
  tu_check (q == p, "acquire twice gives the same pointer");
  CHECK_ERR (mmu_close (m), EBUSY, "close while acquired");
  tu_check_detail ("cannot close exported pointers exist", "close while acquired detail");
  CHECK_ERR (mmu_resize (m, 20), EBUSY, "resize while acquired");
  tu_check_detail ("mmap can't resize with extant buffers exported.",
                   "resize while acquired detail");
  tu_check (!mmu_closed (m), "still open after a refused close");
  p[0] = 'Z';
  tu_check (mmu_get (m, 0) == 'Z', "writes through the pointer show");
  tu_check (mmu_release (m) == 0, "first release");
  CHECK_ERR (mmu_close (m), EBUSY, "close with one acquire left");
  tu_check (mmu_release (m) == 0, "second release");
  CHECK_ERR (mmu_release (m), EINVAL, "release without acquire");
  tu_check (mmu_close (m) == 0, "close after the last release");
  CHECK_ERR (mmu_acquire (m, &len) == NULL ? -1 : 0, EBADF, "acquire a closed map");
  mmu_free (m);

  /* free of a map still acquired unmaps it anyway.  */
  m = mmu_open (fd, 0, NULL);
  mmu_acquire (m, NULL);
  mmu_free (m);
  pass ("bytes: free of an acquired map");
  close (fd);
  unlink (path);
}

static void
test_closed (void)
{
  mmu_map *m = mmu_open (-1, 10, NULL);
  char out[4];

  mmu_close (m);
  CHECK_ERR (mmu_get (m, 0), EBADF, "get on a closed map");
  tu_check_detail ("mmap closed or invalid", "get on a closed map detail");
  CHECK_ERR (mmu_set (m, 0, 1), EBADF, "set on a closed map");
  CHECK_ERR (mmu_get_slice (m, 0, 1, 1, out, 4), EBADF, "get_slice on a closed map");
  CHECK_ERR (mmu_set_slice (m, 0, 1, 0, "ab", 2), EBADF,
             "set_slice on a closed map: EBADF first");
  tu_check (!mmu_writable (m), "a closed map is not writable");
  tu_check (mmu_len (m) == 0, "len of a closed map");
  mmu_free (m);
}

int
main (void)
{
  tu_init ();
  int fd = tu_file ("0123456789", 10, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  tu_check (m != NULL && mmu_len (m) == 10, "len");
  test_slices (m);
  test_index (m);
  test_set_slices (m);
  mmu_free (m);
  close (fd);
  unlink (path);
  test_readonly ();
  test_buffer ();
  test_closed ();
  totals ();
  return 0;
}
