/* options.c -- test of the option bits of struct mmu_options.extra.
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

/* What this checks, and why: each option bit does what it says, and
   the map it makes works with every face of the library.
   MMU_ALLOW_EMPTY: an empty file (or an offset at the end of a file)
   maps as a map of length 0 that reads, finds, flushes and acquires
   like any other, and grows by resize and insert; without the bit,
   EINVAL as Python.  MMU_ANY_OFFSET: an unaligned offset maps the
   right bytes, writes reach the file at the right place, flush,
   madvise, resize and the fault guard work; without the bit, EINVAL.
   MMU_PREALLOCATE: growth leaves the file's blocks allocated, and on a
   full file system (a tmpfs of 1 MiB, mounted in a mount namespace of
   its own where the system lets us: UNSUPPORTED otherwise) a resize or
   an insert fails with ENOSPC and changes nothing, where without the
   bit the resize succeeds and the writes that follow fault (EFAULT,
   from the fault guard: the SIGBUS that kills a Python program).
   MMU_POPULATE: the pages are resident right after open (mincore),
   where an untouched map has none.  MMU_NO_GUARD: the map works, and
   is not guarded (guard.c checks SIGBUS itself).  */

#define wait dejagnu_wait_
#include <dejagnu.h>
#undef wait
#define TEST_NAME "options"
#include "test-util.h"

#include <sys/mman.h>
#include <sys/wait.h>

static char path[PATH_MAX];

/* Cut the file FD to SIZE bytes, or exit with status 2.  */
static void
cut (int fd, size_t size)
{
  if (ftruncate (fd, (off_t) size) != 0)
    {
      perror ("ftruncate");
      exit (EXIT_FAILURE);
    }
}

static void
test_allow_empty (void)
{
  size_t pg = tu_page ();
  int fd = tu_file ("", 0, path);
  struct mmu_options o = { .extra = MMU_ALLOW_EMPTY };

  CHECK_NULL (mmu_open (fd, 0, NULL), EINVAL, "an empty file without ALLOW_EMPTY");
  mmu_map *m = mmu_open (fd, 0, &o);
  tu_check (m != NULL && !mmu_closed (m) && mmu_len (m) == 0,
            "ALLOW_EMPTY maps an empty file as a map of length 0");
  if (m == NULL)
    return;
  char buf[8];
  const void *line;
  size_t len = 99;
  CHECK_ERR (mmu_get (m, 0), ERANGE, "get on an empty map");
  tu_check (mmu_read (m, buf, sizeof buf) == 0, "read on an empty map");
  tu_check (mmu_readline (m, &line) == 0, "readline on an empty map");
  CHECK_ERR (mmu_read_byte (m), EINVAL, "read_byte on an empty map");
  CHECK_ERR (mmu_write (m, "x", 1), EINVAL, "write on an empty map");
  tu_check (mmu_get_slice (m, MMU_OMIT, MMU_OMIT, MMU_OMIT, buf, sizeof buf) == 0,
            "the slice of an empty map");
  errno = 1;
  tu_check (mmu_find (m, "a", 1) == -1 && errno == 0, "find on an empty map");
  tu_check (mmu_find (m, "", 0) == 0, "find the empty string in an empty map");
  tu_check (mmu_seek (m, 0, SEEK_END) == 0, "seek on an empty map");
  tu_check (mmu_flush (m) == 0, "flush an empty map");
  CHECK_ERR (mmu_madvise (m, MADV_NORMAL), EINVAL, "madvise an empty map");
  tu_check (mmu_acquire (m, &len) != NULL && len == 0 && mmu_release (m) == 0,
            "acquire an empty map");
  CHECK_ERR (mmu_get_uint (m, 0, 1, MMU_NATIVE, NULL), ERANGE, "get_uint on an empty map");
  tu_check (mmu_populate (m, 0, SIZE_MAX) == 0
            && mmu_lock (m, 0, SIZE_MAX) == (mmu_have ("mlock") ? 0 : -1)
            && mmu_resident (m, 0, SIZE_MAX) == (mmu_have ("mincore") ? 0 : -1),
            "populate and lock an empty map");
  tu_check (mmu_size (m) == 0, "size of an empty map");
  tu_check (mmu_resize (m, 2 * pg + 3) == 0 && mmu_len (m) == 2 * pg + 3
            && tu_file_size (path) == (long long) (2 * pg + 3),
            "resize an empty map");
  tu_check (mmu_set (m, -1, 'z') == 0 && mmu_get (m, 0) == 0
            && tu_read_file (path, buf, 1) == 1 && buf[0] == 0,
            "a grown empty map is written");
  CHECK_ERR (mmu_resize (m, 0), EINVAL, "resize to 0 stays refused");
  mmu_free (m);

  /* Insert into an empty map, then close it (no unmap of nothing).  */
  cut (fd, 0);
  m = mmu_open (fd, 0, &o);
  tu_check (mmu_insert (m, 0, "abc", 3) == 0 && mmu_len (m) == 3
            && tu_read_file (path, buf, 8) == 3 && memcmp (buf, "abc", 3) == 0,
            "insert into an empty map");
  mmu_free (m);
  cut (fd, 0);
  m = mmu_open (fd, 0, &o);
  tu_check (mmu_close (m) == 0 && mmu_closed (m) && mmu_close (m) == 0,
            "close an empty map");
  mmu_free (m);
  close (fd);
  unlink (path);

  /* An offset at the end of a file.  */
  fd = tu_pattern_file (pg, path);
  o.offset = pg;
  m = mmu_open (fd, 0, &o);
  tu_check (m != NULL && mmu_len (m) == 0 && mmu_offset (m) == pg,
            "ALLOW_EMPTY maps an offset at the end of a file");
  tu_check (mmu_resize (m, 5) == 0 && mmu_set (m, 0, 'Q') == 0
            && tu_file_size (path) == (long long) pg + 5
            && tu_read_file (path, buf, 1) == 1 && buf[0] == 'a',
            "resize a map at the end of a file");
  char tail[1];
  int rfd = open (path, O_RDONLY);
  tu_check (rfd >= 0 && pread (rfd, tail, 1, (off_t) pg) == 1 && tail[0] == 'Q',
            "the grown map writes after the old end");
  if (rfd >= 0)
    close (rfd);
  mmu_free (m);
  cut (fd, pg);
  o.offset = 2 * pg;
  CHECK_NULL (mmu_open (fd, 0, &o), EINVAL, "ALLOW_EMPTY with an offset past the end");
  o.offset = 0;
  CHECK_NULL (mmu_open (fd, 5 * pg, &o), EINVAL,
              "ALLOW_EMPTY with a length past the end");
  CHECK_NULL (mmu_open (-1, 0, &o), EINVAL, "ALLOW_EMPTY does not apply to anonymous maps");
  close (fd);
  unlink (path);
}

static void
test_any_offset (void)
{
  size_t pg = tu_page ();
  int fd = tu_pattern_file (3 * pg, path);
  struct mmu_options o = { .offset = 1000, .extra = MMU_ANY_OFFSET };
  char buf[16];

  struct mmu_options plain = { .offset = 1000 };
  CHECK_NULL (mmu_open (fd, 0, &plain), EINVAL, "an unaligned offset without ANY_OFFSET");
  mmu_map *m = mmu_open (fd, 0, &o);
  tu_check (m != NULL && mmu_len (m) == 3 * pg - 1000 && mmu_offset (m) == 1000,
            "ANY_OFFSET maps the rest of the file from an unaligned offset");
  if (m == NULL)
    return;
  tu_check (mmu_get (m, 0) == 'a' + 1000 % 26 && mmu_get (m, -1) == 'a' + (int) ((3 * pg - 1) % 26),
            "ANY_OFFSET maps the right bytes");
  tu_check (mmu_set_slice (m, 0, 4, 1, "WXYZ", 4) == 0 && mmu_flush (m) == 0,
            "write and flush an ANY_OFFSET map");
  int rfd = open (path, O_RDONLY);
  tu_check (pread (rfd, buf, 6, 999) == 6 && memcmp (buf + 1, "WXYZ", 4) == 0
            && buf[0] == 'a' + 999 % 26 && buf[5] == 'a' + 1004 % 26,
            "ANY_OFFSET writes reach the file at the offset");
  tu_check (mmu_flush_range (m, 1, 3, 0) == 0,
            "flush_range at an unaligned place of an ANY_OFFSET map");
  CHECK_FEATURE (tu_have_advice (), mmu_madvise (m, MADV_NORMAL),
                 TU_NO_MADVISE, "madvise an ANY_OFFSET map");
  CHECK_FEATURE (tu_have_advice (), mmu_madvise_range (m, MADV_WILLNEED, 7, 9),
                 TU_NO_MADVISE, "madvise a range of an ANY_OFFSET map");
  tu_check (mmu_populate (m, 0, SIZE_MAX) == 0, "populate an ANY_OFFSET map");
  tu_check (mmu_resize (m, 5 * pg) == 0 && mmu_len (m) == 5 * pg
            && tu_file_size (path) == (long long) (5 * pg + 1000)
            && mmu_get (m, 1) == 'X' && mmu_get (m, -1) == 0,
            "grow an ANY_OFFSET map");
  tu_check (mmu_resize (m, 10) == 0 && tu_file_size (path) == 1010
            && mmu_get (m, 3) == 'Z', "shrink an ANY_OFFSET map");
  tu_check (mmu_insert (m, 0, "<", 1) == 0 && pread (rfd, buf, 2, 1000) == 2
            && memcmp (buf, "<W", 2) == 0, "insert into an ANY_OFFSET map");
  mmu_free (m);

  close (rfd);
  close (fd);
  unlink (path);

  fd = tu_pattern_file (3 * pg, path);
  o.offset = pg + 1;
  m = mmu_open (fd, 3, &o);
  tu_check (m != NULL && mmu_len (m) == 3 && mmu_get (m, 0) == 'a' + (int) ((pg + 1) % 26),
            "ANY_OFFSET with a length");
  mmu_free (m);
  o.offset = pg;
  m = mmu_open (fd, 0, &o);
  tu_check (m != NULL && mmu_len (m) == 2 * pg && mmu_get (m, 0) == 'a' + (int) (pg % 26),
            "ANY_OFFSET with an aligned offset");
  mmu_free (m);

  /* The fault guard sees the map from its unaligned start.  */
  o.offset = 1000;
  m = mmu_open (fd, 0, &o);
  cut (fd, pg);
  CHECK_ERR (mmu_get (m, (ssize_t) (2 * pg)), EFAULT, "a fault in an ANY_OFFSET map: EFAULT");
  mmu_free (m);
  close (fd);
  unlink (path);
}

/* Are the blocks of the file P allocated up to its size: has it no
   hole?  Where the system cannot tell holes (no SEEK_HOLE), true.  */
static bool
allocated (const char *p)
{
#ifdef SEEK_HOLE
  int fd = open (p, O_RDONLY);
  if (fd < 0)
    return false;
  off_t hole = lseek (fd, 0, SEEK_HOLE);
  off_t end = lseek (fd, 0, SEEK_END);
  close (fd);
  return hole == end;
#else
  (void) p;
  return true;
#endif
}

static void
test_preallocate (void)
{
  size_t pg = tu_page ();
  int fd = tu_pattern_file (pg, path);
  struct mmu_options o = { .extra = MMU_PREALLOCATE };
  mmu_map *m = mmu_open (fd, 0, &o);
  tu_check (mmu_resize (m, 64 * pg) == 0 && allocated (path)
            && tu_file_size (path) == (long long) (64 * pg),
            "PREALLOCATE: growth allocates the file's blocks");
  tu_check (mmu_insert (m, 3, NULL, 64 * pg) == 0 && allocated (path)
            && tu_file_size (path) == (long long) (128 * pg),
            "PREALLOCATE: insert allocates the file's blocks");
  tu_check (mmu_resize (m, 2) == 0 && tu_file_size (path) == 2,
            "PREALLOCATE: shrink");
  mmu_free (m);
  close (fd);
  unlink (path);

  m = mmu_open (-1, pg, &o);
  tu_check (mmu_resize (m, 4 * pg) == 0 || (errno == EINVAL && !mmu_have ("memfd_create")),
            "PREALLOCATE: growth of a shared anonymous map");
  mmu_free (m);
}

/* In a tmpfs of 1 MiB at DIR, run by the test itself inside its own
   mount namespace: a resize past the free space.  */
static int
tmpfs_child (const char *dir)
{
  char p1[PATH_MAX], p2[PATH_MAX];
  size_t pg = tu_page ();
  size_t mib = 1024 * 1024;

  snprintf (p1, sizeof p1, "%s/prealloc", dir);
  snprintf (p2, sizeof p2, "%s/sparse", dir);
  int fd = open (p1, O_RDWR | O_CREAT | O_TRUNC, 0600);
  char *page = calloc (1, pg);
  if (fd < 0 || write (fd, page, pg) != (ssize_t) pg)
    {
      fail ("options: cannot write in the tmpfs");
      return 0;
    }
  struct mmu_options o = { .extra = MMU_PREALLOCATE };
  mmu_map *m = mmu_open (fd, 0, &o);
  CHECK_ERR (mmu_resize (m, 2 * mib), ENOSPC,
             "PREALLOCATE: growth past a full tmpfs is ENOSPC at resize time");
  tu_check (mmu_error_detail () == NULL, "the ENOSPC is the system's");
  tu_check (mmu_len (m) == pg && tu_file_size (p1) == (long long) pg,
            "a growth refused with ENOSPC changes neither map nor file");
  CHECK_ERR (mmu_insert (m, 0, NULL, 2 * mib), ENOSPC,
             "PREALLOCATE: insert past a full tmpfs is ENOSPC");
  tu_check (mmu_len (m) == pg && tu_file_size (p1) == (long long) pg,
            "an insert refused with ENOSPC changes nothing");
  tu_check (mmu_resize (m, mib / 4) == 0 && mmu_set (m, -1, 1) == 0,
            "PREALLOCATE: growth that fits the tmpfs");
  mmu_free (m);
  close (fd);

  /* The same without the bit: the resize succeeds, the writes fault.  */
  fd = open (p2, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || write (fd, page, pg) != (ssize_t) pg)
    {
      fail ("options: cannot write the second file in the tmpfs");
      return 0;
    }
  m = mmu_open (fd, 0, NULL);
  tu_check (mmu_resize (m, 2 * mib) == 0,
            "without PREALLOCATE, growth past a full tmpfs succeeds (sparse)");
  char *ones = malloc (2 * mib);
  memset (ones, 1, 2 * mib);
  CHECK_ERR (mmu_set_slice (m, 0, (ssize_t) (2 * mib), 1, ones, 2 * mib), EFAULT,
             "without PREALLOCATE, writing the new bytes faults (EFAULT, not SIGBUS)");
  free (ones);
  free (page);
  mmu_free (m);
  close (fd);
  unlink (p1);
  unlink (p2);
  return 0;
}

static void
test_tmpfs (const char *self)
{
  char dir[PATH_MAX];
  snprintf (dir, sizeof dir, "%s/mmu-tmpfs-XXXXXX", tu_tmpdir ());
  if (mkdtemp (dir) == NULL)
    {
      untested ("options: no directory for a tmpfs");
      return;
    }
  char cmd[3 * PATH_MAX];
  snprintf (cmd, sizeof cmd,
            "unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs \"$1\" || exit 99;"
            " exec \"$2\" --tmpfs \"$1\"' sh '%s' '%s' 2>/dev/null",
            dir, self);
  fflush (stdout);
  int status = system (cmd);
  if (status != -1 && WIFSIGNALED (status))
    fail ("options: the tmpfs test died by signal %d", WTERMSIG (status));
  else if (status == -1 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    untested ("options: no tmpfs can be mounted here (unshare -m, mount): ENOSPC not tested");
  rmdir (dir);
}

static void
test_populate (void)
{
  size_t pg = tu_page ();
  struct mmu_options o = { .flags = MAP_PRIVATE, .extra = MMU_POPULATE };
  struct mmu_options plain = { .flags = MAP_PRIVATE };

  mmu_map *m = mmu_open (-1, 16 * pg, &o);
  mmu_map *n = mmu_open (-1, 16 * pg, &plain);
  if (mmu_have ("mincore"))
    {
      tu_check (mmu_resident (m, 0, SIZE_MAX) == (ssize_t) (16 * pg),
                "POPULATE: a private anonymous map is resident at open");
      tu_check (mmu_resident (n, 0, SIZE_MAX) == 0,
                "without POPULATE: nothing resident at open");
    }
  else
    untested ("options: no mincore: POPULATE not measured");
  tu_check (mmu_get (m, 5) == 0 && mmu_set (m, 5, 1) == 0, "a POPULATE map works");
  mmu_free (m);
  mmu_free (n);

  int fd = tu_pattern_file (8 * pg, path);
  struct mmu_options f = { .extra = MMU_POPULATE };
  m = mmu_open (fd, 0, &f);
  tu_check (m != NULL && mmu_get (m, 27) == 'b'
            && (!mmu_have ("mincore") || mmu_resident (m, 0, SIZE_MAX) == (ssize_t) (8 * pg)),
            "POPULATE: a shared file map is resident at open");
  mmu_free (m);
  struct mmu_options nf = { .extra = MMU_NO_GUARD };
  m = mmu_open (fd, 0, &nf);
  tu_check (m != NULL && mmu_get (m, 1) == 'b' && mmu_set (m, 0, 'A') == 0,
            "a NO_GUARD map works");
  mmu_free (m);
  close (fd);
  unlink (path);

  struct mmu_options bad = { .extra = 0x20 };
  CHECK_NULL (mmu_open (-1, pg, &bad), EINVAL, "an unknown extra bit");
}

int
main (int argc, char **argv)
{
  tu_init ();
  if (argc == 3 && strcmp (argv[1], "--tmpfs") == 0)
    return tmpfs_child (argv[2]);
  test_allow_empty ();
  test_any_offset ();
  test_preallocate ();
  test_tmpfs (argv[0]);
  test_populate ();
  totals ();
  return 0;
}
