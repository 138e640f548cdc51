/* shift.c -- test of mmu_insert and mmu_delete where the file system
   shifts the file's blocks.
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

/* What this checks, and why: inserting or deleting whole blocks of a
   file that the map reaches the end of is done by the file system
   (fallocate's INSERT_RANGE and COLLAPSE_RANGE) where it can, instead
   of moving every byte after them through memory.  Both paths must
   give the same bytes, file size and cursor as a model; block-aligned
   edits at the front of a large sparse file must leave it sparse (the
   byte-moving path writes every block of it: that is how the test
   tells the paths apart); edits the file system cannot do (not whole
   blocks, at the end, a private map, a file longer than the map) take
   the byte-moving path and are right too.  Where the file system
   shifts nothing (tmpfs), or this build cannot ask it to (configure
   found no fallocate: .ci/run builds so), every edit takes the
   byte-moving path, checked against the model all the same, and the
   sparse-file checks are UNSUPPORTED.  */

#include <dejagnu.h>
#define TEST_NAME "shift"
#include "test-util.h"

#include <stdint.h>
#include <sys/mman.h>

static char path[PATH_MAX];
static long blk;

/* Whether this build asks the file system to shift blocks (configure
   found fallocate and its modes) and this file system does: try it on
   a scratch file.  */
static bool
fs_shifts (void)
{
  char p[PATH_MAX];
  int fd = tu_file (NULL, 0, p);
  struct stat st;
  bool ok = fstat (fd, &st) == 0 && ftruncate (fd, 4 * st.st_blksize) == 0
            && mmu_have ("fallocate") && mmu_have ("FALLOC_FL_INSERT_RANGE");
#ifdef __linux__
  if (ok)
    {
      /* 0x20 is FALLOC_FL_INSERT_RANGE, as Linux defines it.  */
      extern int fallocate (int, int, off_t, off_t);
      ok = fallocate (fd, 0x20, st.st_blksize, st.st_blksize) == 0;
    }
#else
  ok = false;
#endif
  blk = st.st_blksize;
  close (fd);
  unlink (p);
  return ok;
}

/* The model: the file's bytes.  */
static unsigned char *model;
static size_t model_len;

static void
model_insert (size_t off, const unsigned char *d, size_t n)
{
  model = realloc (model, model_len + n);
  memmove (model + off + n, model + off, model_len - off);
  if (d)
    memcpy (model + off, d, n);
  else
    memset (model + off, 0, n);
  model_len += n;
}

static void
model_delete (size_t off, size_t n)
{
  memmove (model + off, model + off + n, model_len - off - n);
  model_len -= n;
}

/* Do M, and its file, hold the model's bytes?  */
static bool
agrees (mmu_map *m, int fd, size_t base)
{
  size_t len;
  if (mmu_len (m) != model_len - base)
    return false;
  const unsigned char *p = mmu_acquire (m, &len);
  bool same_map = p && len == model_len - base
                  && memcmp (p, model + base, len) == 0;
  if (p)
    mmu_release (m);
  if (!same_map)
    return false;
  struct stat st;
  if (fstat (fd, &st) != 0 || (size_t) st.st_size != model_len)
    return false;
  unsigned char *f = malloc (model_len ? model_len : 1);
  bool same = pread (fd, f, model_len, 0) == (ssize_t) model_len
              && memcmp (f, model, model_len) == 0;
  free (f);
  return same;
}

/* Edits of every kind on a file of 16 blocks, mapped from BASE.  */
static void
test_edits (size_t base, const char *what)
{
  size_t len = 16 * blk;
  unsigned char *content = malloc (len);
  for (size_t i = 0; i < len; i++)
    content[i] = (unsigned char) (i * 7 + i / 251);
  int fd = tu_file (content, len, path);
  free (model);
  model = content;
  model_len = len;
  struct mmu_options o = { 0 };
  o.offset = base;
  mmu_map *m = mmu_open (fd, 0, &o);
  char msg[200];
  if (!m)
    {
      snprintf (msg, sizeof msg, "%s: mmu_open: %s", what, strerror (errno));
      fail ("%s: %s", TEST_NAME, msg);
      close (fd);
      return;
    }
  unsigned char *data = malloc (4 * blk);
  for (long i = 0; i < 4 * blk; i++)
    data[i] = (unsigned char) (0xa5 ^ i);

  /* Block-aligned: the file system's path where it has one.  */
  mmu_seek (m, 5 * blk, SEEK_SET);
  snprintf (msg, sizeof msg, "%s: insert 2 blocks at block 2", what);
  tu_check (mmu_insert (m, 2 * blk, data, 2 * blk) == 0, msg);
  model_insert (base + 2 * blk, data, 2 * blk);
  snprintf (msg, sizeof msg, "%s: the map and file after it", what);
  tu_check (agrees (m, fd, base), msg);
  snprintf (msg, sizeof msg, "%s: the cursor stays", what);
  tu_check (mmu_tell (m) == (int64_t) (5 * blk), msg);

  snprintf (msg, sizeof msg, "%s: insert a block of zeros at 0", what);
  tu_check (mmu_insert (m, 0, NULL, blk) == 0, msg);
  model_insert (base, NULL, blk);
  snprintf (msg, sizeof msg, "%s: the map and file after zeros", what);
  tu_check (agrees (m, fd, base), msg);

  snprintf (msg, sizeof msg, "%s: delete 3 blocks at block 1", what);
  tu_check (mmu_delete (m, blk, 3 * blk) == 0, msg);
  model_delete (base + blk, 3 * blk);
  snprintf (msg, sizeof msg, "%s: the map and file after the delete", what);
  tu_check (agrees (m, fd, base), msg);

  /* Not whole blocks, at the end: the bytes move.  */
  snprintf (msg, sizeof msg, "%s: insert 100 bytes at 10", what);
  tu_check (mmu_insert (m, 10, data, 100) == 0, msg);
  model_insert (base + 10, data, 100);
  snprintf (msg, sizeof msg, "%s: delete 100 bytes at 10", what);
  tu_check (mmu_delete (m, 10, 100) == 0 && (model_delete (base + 10, 100),
                                            agrees (m, fd, base)), msg);
  size_t end = mmu_len (m);
  snprintf (msg, sizeof msg, "%s: insert a block at the end", what);
  tu_check (mmu_insert (m, end, data, blk) == 0
            && (model_insert (base + end, data, blk), agrees (m, fd, base)),
            msg);
  snprintf (msg, sizeof msg, "%s: delete the last block", what);
  end = mmu_len (m);
  tu_check (mmu_delete (m, end - blk, blk) == 0
            && (model_delete (base + end - blk, blk), agrees (m, fd, base)),
            msg);
  snprintf (msg, sizeof msg, "%s: the cursor is clamped to the end", what);
  mmu_seek (m, 0, SEEK_END);
  size_t at = mmu_tell (m);
  tu_check (mmu_delete (m, 0, blk) == 0 && mmu_tell (m) == at - blk
            && (model_delete (base, blk), agrees (m, fd, base)), msg);

  free (data);
  mmu_close (m);
  mmu_free (m);
  close (fd);
  unlink (path);
}

/* A sparse file of 256 MiB: a block-aligned edit at its front must
   leave it sparse and fast, where moving the bytes would write them.  */
static void
test_sparse (bool shifts)
{
  size_t len = 256 << 20;
  int fd = tu_file ("head", 4, path);
  if (ftruncate (fd, len) != 0 || pwrite (fd, "tail", 4, len - 4) != 4)
    {
      fail ("%s: cannot make a sparse file", TEST_NAME);
      close (fd);
      return;
    }
  mmu_map *m = mmu_open (fd, 0, NULL);
  unsigned char *block = malloc (blk);
  memset (block, 'x', blk);
  bool ok = m && mmu_insert (m, 0, block, blk) == 0;
  struct stat st;
  fstat (fd, &st);
  char tail[4] = "";
  ok = ok && pread (fd, tail, 4, len + blk - 4) == 4
       && memcmp (tail, "tail", 4) == 0 && mmu_get (m, blk) == 'h'
       && mmu_get (m, 0) == 'x';
  const char *msg = "a block inserted at the front of a sparse file";
  if (!ok)
    fail ("%s: %s", TEST_NAME, msg);
  else if (!shifts)
    untested ("%s: %s: this build or file system does not shift blocks",
              TEST_NAME, msg);
  else
    tu_check ((long long) st.st_blocks * 512 < 16 << 20,
              "a block inserted at the front leaves the file sparse");
  ok = m && mmu_delete (m, 0, blk) == 0;
  fstat (fd, &st);
  ok = ok && mmu_len (m) == len && mmu_get (m, 0) == 'h'
       && mmu_get (m, len - 1) == 'l' && (size_t) st.st_size == len;
  msg = "a block deleted at the front of a sparse file";
  if (!ok)
    fail ("%s: %s", TEST_NAME, msg);
  else if (!shifts)
    untested ("%s: %s: this build or file system does not shift blocks",
              TEST_NAME, msg);
  else
    tu_check ((long long) st.st_blocks * 512 < 16 << 20,
              "a block deleted at the front leaves the file sparse");
  free (block);
  if (m)
    {
      mmu_close (m);
      mmu_free (m);
    }
  close (fd);
  unlink (path);
}

int
main (void)
{
  tu_init ();
  bool shifts = fs_shifts ();
  test_edits (0, "from 0");
  test_edits (2 * blk, "from block 2");
  test_sparse (shifts);
  free (model);
  totals ();
  return 0;
}
