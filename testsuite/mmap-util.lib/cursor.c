/* cursor.c -- test of the file face: cursor, read, write, size.
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

/* What this checks, and why: a map is also a file with a cursor, as in
   Python: seek (the three WHENCEs, the range, the new position
   returned, as in 3.13), tell, read (to the end with SIZE_MAX),
   read_byte, readline (without copying: the line points into the
   map), write (all or nothing; refused on a read-only map even for 0
   bytes), write_byte, and size (the file's size, the length of an
   anonymous map, EBADF when untracked).  Writes through a WRITE map
   reach the file, those through a COPY map never do: both checked with
   read(2).  */

#include <dejagnu.h>
#define TEST_NAME "cursor"
#include "test-util.h"

static char path[PATH_MAX];
static const char text[] = "line one\nline two\n\nlast line";

static void
test_seek (mmu_map *m)
{
  size_t len = mmu_len (m);

  tu_check (mmu_tell (m) == 0, "tell starts at 0");
  tu_check (mmu_seekable (m), "seekable");
  tu_check (mmu_seek (m, 5, SEEK_SET) == 5 && mmu_tell (m) == 5, "seek SEEK_SET");
  tu_check (mmu_seek (m, 3, SEEK_CUR) == 8 && mmu_tell (m) == 8, "seek SEEK_CUR");
  tu_check (mmu_seek (m, -2, SEEK_CUR) == 6, "seek SEEK_CUR backwards");
  tu_check (mmu_seek (m, -4, SEEK_END) == (int64_t) len - 4, "seek SEEK_END");
  tu_check (mmu_seek (m, 0, SEEK_END) == (int64_t) len, "seek to the very end");
  CHECK_ERR (mmu_seek (m, 1, SEEK_END), EINVAL, "seek past the end");
  tu_check_detail ("seek out of range", "seek past the end detail");
  tu_check (mmu_tell (m) == len, "a refused seek does not move");
  CHECK_ERR (mmu_seek (m, -1, SEEK_SET), EINVAL, "seek before the start");
  CHECK_ERR (mmu_seek (m, -(int64_t) len - 1, SEEK_END), EINVAL,
             "seek before the start from the end");
  CHECK_ERR (mmu_seek (m, INT64_MAX, SEEK_CUR), EINVAL, "seek overflowing");
  CHECK_ERR (mmu_seek (m, 0, 3), EINVAL, "seek with an unknown whence");
  tu_check_detail ("unknown seek type", "unknown whence detail");
  mmu_seek (m, 0, SEEK_SET);
}

static void
test_read (mmu_map *m)
{
  char buf[64];
  size_t len = mmu_len (m);

  tu_check (mmu_read (m, buf, 4) == 4 && memcmp (buf, "line", 4) == 0
            && mmu_tell (m) == 4, "read 4");
  tu_check (mmu_read_byte (m) == ' ' && mmu_tell (m) == 5, "read_byte");
  ssize_t n = mmu_read (m, buf, SIZE_MAX);
  tu_check (n == (ssize_t) len - 5 && memcmp (buf, text + 5, (size_t) n) == 0,
            "read SIZE_MAX reads to the end");
  tu_check (mmu_read (m, buf, 10) == 0, "read at the end gives 0");
  CHECK_ERR (mmu_read_byte (m), EINVAL, "read_byte at the end");
  tu_check_detail ("read byte out of range", "read_byte at the end detail");
  mmu_seek (m, -3, SEEK_END);
  tu_check (mmu_read (m, buf, 10) == 3 && memcmp (buf, "ine", 3) == 0,
            "read more than what remains");
  mmu_seek (m, 0, SEEK_SET);
}

static void
test_readline (mmu_map *m)
{
  const void *line;
  unsigned char *base = mmu_acquire (m, NULL);
  mmu_release (m);

  ssize_t n = mmu_readline (m, &line);
  tu_check (n == 9 && memcmp (line, "line one\n", 9) == 0, "readline first line");
  tu_check (line == base, "readline does not copy");
  n = mmu_readline (m, &line);
  tu_check (n == 9 && memcmp (line, "line two\n", 9) == 0 && line == base + 9,
            "readline second line");
  n = mmu_readline (m, &line);
  tu_check (n == 1 && memcmp (line, "\n", 1) == 0, "readline empty line");
  n = mmu_readline (m, &line);
  tu_check (n == 9 && memcmp (line, "last line", 9) == 0,
            "readline last line without newline");
  tu_check (mmu_readline (m, &line) == 0, "readline at the end gives 0");
  tu_check (mmu_tell (m) == mmu_len (m), "readline leaves the cursor at the end");
  mmu_seek (m, 0, SEEK_SET);
}

static void
test_write (mmu_map *m)
{
  char buf[64] = { 0 };
  size_t len = mmu_len (m);

  tu_check (mmu_write (m, "LINE", 4) == 4 && mmu_tell (m) == 4, "write");
  tu_check (mmu_write_byte (m, '_') == 0 && mmu_tell (m) == 5, "write_byte");
  tu_check (mmu_write (m, "", 0) == 0 && mmu_tell (m) == 5, "write of 0 bytes");
  tu_check (tu_read_file (path, buf, 5) == 5 && memcmp (buf, "LINE_", 5) == 0,
            "writes reach the file (read(2))");
  mmu_seek (m, -3, SEEK_END);
  CHECK_ERR (mmu_write (m, "abcd", 4), EINVAL, "write past the end");
  tu_check_detail ("data out of range", "write past the end detail");
  tu_check (mmu_tell (m) == len - 3 && mmu_get (m, -3) == 'i',
            "write past the end writes nothing");
  tu_check (mmu_write (m, "INE", 3) == 3, "write up to the end");
  CHECK_ERR (mmu_write_byte (m, 'x'), EINVAL, "write_byte at the end");
  tu_check_detail ("write byte out of range", "write_byte at the end detail");
  CHECK_ERR (mmu_write (m, "x", SIZE_MAX), EINVAL, "write of SIZE_MAX bytes");
  mmu_seek (m, 0, SEEK_SET);
}

static void
test_readonly_and_copy (void)
{
  char buf[64] = { 0 };
  struct mmu_options r = { .access = MMU_ACCESS_READ };
  int fd = open (path, O_RDWR);
  mmu_map *m = mmu_open (fd, 0, &r);

  CHECK_ERR (mmu_write (m, "xx", 2), EACCES, "write to a READ map");
  tu_check_detail ("mmap can't modify a readonly memory map.", "write to a READ map detail");
  CHECK_ERR (mmu_write (m, "", 0), EACCES, "write of 0 bytes to a READ map");
  CHECK_ERR (mmu_write_byte (m, 'x'), EACCES, "write_byte to a READ map");
  tu_check (mmu_tell (m) == 0, "refused writes do not move");
  tu_check (tu_read_file (path, buf, 4) == 4 && memcmp (buf, "LINE", 4) == 0,
            "READ map: the file is unchanged");
  mmu_free (m);

  struct mmu_options c = { .access = MMU_ACCESS_COPY };
  m = mmu_open (fd, 0, &c);
  tu_check (mmu_write (m, "copy", 4) == 4 && mmu_get (m, 0) == 'c',
            "write to a COPY map changes the map");
  tu_check (mmu_flush (m) == 0, "flush of a COPY map");
  tu_check (tu_read_file (path, buf, 4) == 4 && memcmp (buf, "LINE", 4) == 0,
            "COPY map never changes the file");
  mmu_free (m);
  close (fd);
}

static void
test_size (void)
{
  int fd = open (path, O_RDWR);
  mmu_map *m = mmu_open (fd, 5, NULL);

  tu_check (mmu_len (m) == 5 && mmu_size (m) == (int64_t) strlen (text),
            "size is the file's, larger than the map");
  mmu_free (m);

  struct mmu_options u = { .untracked = true };
  m = mmu_open (fd, 0, &u);
  CHECK_ERR (mmu_size (m), EBADF, "size of an untracked map");
  tu_check_detail (NULL, "size of an untracked map is an OSError");
  mmu_free (m);
  m = mmu_open (-1, 100, &u);
  CHECK_ERR (mmu_size (m), EBADF, "size of an untracked anonymous map");
  mmu_free (m);
  m = mmu_open (-1, 100, NULL);
  tu_check (mmu_size (m) == 100, "size of an anonymous map");
  mmu_close (m);
  CHECK_ERR (mmu_size (m), EBADF, "size of a closed map");
  mmu_free (m);
  close (fd);
}

static void
test_closed (void)
{
  mmu_map *m = mmu_open (-1, 10, NULL);
  const void *line;
  char buf[4];

  mmu_seek (m, 3, SEEK_SET);
  mmu_close (m);
  tu_check (mmu_tell (m) == 0, "tell of a closed map");
  CHECK_ERR (mmu_seek (m, 0, SEEK_SET), EBADF, "seek on a closed map");
  CHECK_ERR (mmu_read (m, buf, 1), EBADF, "read on a closed map");
  CHECK_ERR (mmu_read_byte (m), EBADF, "read_byte on a closed map");
  CHECK_ERR (mmu_readline (m, &line), EBADF, "readline on a closed map");
  CHECK_ERR (mmu_write (m, "a", 1), EBADF, "write on a closed map");
  CHECK_ERR (mmu_write_byte (m, 'a'), EBADF, "write_byte on a closed map");
  mmu_free (m);
}

int
main (void)
{
  tu_init ();
  int fd = tu_file (text, strlen (text), path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  close (fd);
  test_seek (m);
  test_read (m);
  test_readline (m);
  test_write (m);
  mmu_free (m);
  test_readonly_and_copy ();
  test_size ();
  test_closed ();
  unlink (path);
  totals ();
  return 0;
}
