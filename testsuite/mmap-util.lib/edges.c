/* edges.c -- test of the library at its edges: no call may change a
   file it was not asked to.
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

/* What this checks, and why: the cases where the library once did what
   CPython 3.13's mmap does not, or changed a file it had no right to.
   A map whose access in effect is READ (DEFAULT with PROT_READ) or
   COPY (a private map of a file) refuses resize, insert and delete
   with EACCES and leaves its file as it was, and its flush succeeds
   without msync; a private anonymous map still resizes.  A length of 0
   on a pipe, a directory or /dev/zero is mmap's EINVAL, not an empty
   map.  A write of 0 bytes with the cursor past the end is EINVAL.
   Flags that place the map (MAP_FIXED, MAP_FIXED_NOREPLACE) and
   MAP_ANONYMOUS with a descriptor are refused.  A map whose file
   shrank under it (the guard patched it) grows whole, map and file;
   a growth the system refuses leaves the file as it was.  A huge slice
   step does not overflow.  Every call that can fail leaves the detail
   of an earlier failure behind it.  flush of 0 bytes at an unaligned
   offset asks msync (EINVAL); the constructor checks the file before
   the alignment of the offset, as CPython does.  An anonymous map
   accepts an aligned offset, as mmap and CPython do.  */

#define wait dejagnu_wait_
#include <dejagnu.h>
#undef wait
#define TEST_NAME "edges"
#include "test-util.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

static char path[PATH_MAX];
static size_t pg;

/* Items 1 and 10: the access in effect decides resize and flush.  */
static void
test_effective_access (void)
{
  int fd = tu_pattern_file (2 * pg, path);
  struct mmu_options ro = { .prot = PROT_READ };
  mmu_map *m = mmu_open (fd, 0, &ro);
  tu_check (m != NULL && mmu_access_mode (m) == MMU_ACCESS_READ,
            "a DEFAULT map with PROT_READ is READ");
  CHECK_ERR (mmu_resize (m, 100), EACCES, "resize of a PROT_READ map");
  tu_check (tu_file_size (path) == (long long) (2 * pg),
            "resize of a PROT_READ map leaves the file");
  CHECK_ERR (mmu_resize (m, 4 * pg), EACCES,
             "growth of a PROT_READ map");
  CHECK_ERR (mmu_insert (m, 0, "x", 1), EACCES, "insert into a PROT_READ map");
  CHECK_ERR (mmu_delete (m, 0, 1), EACCES, "delete from a PROT_READ map");
  tu_check (tu_file_size (path) == (long long) (2 * pg),
            "a PROT_READ map keeps its file's size");
  errno = 0;
  tu_check (mmu_flush (m) == 0, "flush of a PROT_READ map succeeds");
  tu_check (mmu_flush_range (m, 1, 0, 0) == 0,
            "flush of a PROT_READ map has nothing to check");
  mmu_free (m);

  struct mmu_options priv = { .flags = MAP_PRIVATE };
  m = mmu_open (fd, 0, &priv);
  tu_check (m != NULL && mmu_access_mode (m) == MMU_ACCESS_COPY,
            "a DEFAULT private map of a file is COPY");
  CHECK_ERR (mmu_resize (m, 3 * pg), EACCES, "resize of a private file map");
  tu_check (tu_file_size (path) == (long long) (2 * pg),
            "resize of a private file map leaves the file");
  tu_check (mmu_flush (m) == 0, "flush of a private file map succeeds");
  /* Python sends a DEFAULT private map to msync, which checks.  */
  CHECK_ERR (mmu_flush_range (m, 1, 0, 0), EINVAL,
             "flush of a private file map at an unaligned offset");
  mmu_free (m);

  /* A private anonymous map has no file: it may change its length.  */
  m = mmu_open (-1, pg, &priv);
  tu_check (m != NULL && mmu_set (m, 5, 'q') == 0
            && mmu_resize (m, 3 * pg) == 0 && mmu_len (m) == 3 * pg
            && mmu_get (m, 5) == 'q',
            "a private anonymous map grows and keeps its bytes");
  mmu_free (m);

  /* Item 10: 0 bytes at an unaligned offset go to msync.  */
  m = mmu_open (fd, 0, NULL);
  CHECK_ERR (mmu_flush_range (m, 1, 0, 0), EINVAL,
             "flush of 0 bytes at an unaligned offset is msync's EINVAL");
  tu_check_detail (NULL, "flush of 0 unaligned bytes has no detail");
  tu_check (mmu_flush_range (m, pg, 0, 0) == 0,
            "flush of 0 bytes at an aligned offset succeeds");
  mmu_free (m);
  struct mmu_options any = { .extra = MMU_ANY_OFFSET };
  m = mmu_open (fd, 0, &any);
  tu_check (mmu_flush_range (m, 1, 0, 0) == 0,
            "flush of 0 bytes with MMU_ANY_OFFSET aligns down");
  mmu_free (m);
  close (fd);
  unlink (path);
}

/* Item 2: a length of 0 needs a regular file.  */
static void
test_not_regular (void)
{
  struct mmu_options ro = { .access = MMU_ACCESS_READ };
  struct mmu_options empty = { .access = MMU_ACCESS_READ,
                               .extra = MMU_ALLOW_EMPTY };
  int p[2];
  if (pipe (p) == 0)
    {
      CHECK_NULL (mmu_open (p[0], 0, &ro), EINVAL, "a pipe with length 0");
      CHECK_NULL (mmu_open (p[0], 0, &empty), EINVAL,
                  "a pipe with length 0 and MMU_ALLOW_EMPTY");
      CHECK_NULL (mmu_open (p[0], 10, &ro), ENODEV,
                  "a pipe with a length is mmap's ENODEV");
      close (p[0]);
      close (p[1]);
    }
  int d = open (tu_tmpdir (), O_RDONLY);
  CHECK_NULL (mmu_open (d, 0, &ro), EINVAL, "a directory with length 0");
  close (d);
  int z = open ("/dev/zero", O_RDWR);
  if (z < 0)
    untested ("edges: /dev/zero with length 0 (no /dev/zero)");
  else
    {
      CHECK_NULL (mmu_open (z, 0, NULL), EINVAL, "/dev/zero with length 0");
      mmu_map *m = mmu_open (z, pg, NULL);
      tu_check (m != NULL && mmu_len (m) == pg,
                "/dev/zero with a length maps");
      mmu_free (m);
      close (z);
    }
}

/* Item 3: a write of 0 bytes checks the cursor.  */
static void
test_write_past_end (void)
{
  int fd = tu_pattern_file (2 * pg, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  close (fd);
  mmu_seek (m, 0, SEEK_END);
  tu_check (mmu_write (m, "", 0) == 0, "a write of 0 bytes at the end");
  mmu_resize (m, pg);
  CHECK_ERR (mmu_write (m, "", 0), EINVAL,
             "a write of 0 bytes past the end");
  tu_check_detail ("data out of range", "a write past the end says so");
  tu_check (mmu_tell (m) == 2 * pg, "a refused write leaves the cursor");
  mmu_free (m);
  unlink (path);
}

/* Item 4: flags that place the map, and MAP_ANONYMOUS with a file.  */
static void
test_flags (void)
{
  int fd = tu_pattern_file (pg, path);
  struct mmu_options o = { .flags = MAP_SHARED | MAP_FIXED };
  CHECK_NULL (mmu_open (fd, 0, &o), EINVAL, "MAP_FIXED with a file");
  CHECK_NULL (mmu_open (-1, pg, &o), EINVAL, "MAP_FIXED anonymous");
  long v;
  if (mmu_constant ("MAP_FIXED_NOREPLACE", &v) == 0)
    {
      o.flags = MAP_SHARED | (int) v;
      CHECK_NULL (mmu_open (fd, 0, &o), EINVAL,
                  "MAP_FIXED_NOREPLACE with a file");
      o.flags = MAP_PRIVATE | (int) v;
      CHECK_NULL (mmu_open (-1, pg, &o), EINVAL,
                  "MAP_FIXED_NOREPLACE anonymous");
    }
  else
    untested ("edges: MAP_FIXED_NOREPLACE (not on this system)");
  if (mmu_constant ("MAP_ANONYMOUS", &v) == 0)
    {
      o.flags = MAP_SHARED | (int) v;
      CHECK_NULL (mmu_open (fd, 0, &o), EINVAL,
                  "MAP_ANONYMOUS with a file descriptor");
      tu_check (tu_file_size (path) == (long long) pg,
                "MAP_ANONYMOUS with a file leaves the file");
      mmu_map *m = mmu_open (-1, pg, &o);
      if (mmu_have ("memfd_create"))
        tu_check (m != NULL && mmu_set (m, 1, 'z') == 0
                  && mmu_resize (m, 2 * pg) == 0 && mmu_get (m, 1) == 'z',
                  "MAP_ANONYMOUS without a file is an anonymous map");
      else
        {
          /* Without a memfd, it is one that cannot grow.  */
          tu_check (m != NULL && mmu_set (m, 1, 'z') == 0,
                    "MAP_ANONYMOUS without a file is an anonymous map");
          CHECK_ERR (mmu_resize (m, 2 * pg), EINVAL,
                     "MAP_ANONYMOUS: no growth without memfd_create");
          tu_check (mmu_len (m) == pg && mmu_get (m, 1) == 'z'
                    && mmu_resize (m, 2) == 0 && mmu_get (m, 1) == 'z',
                    "MAP_ANONYMOUS: refused growth keeps it; it shrinks");
        }
      mmu_free (m);
    }
  else
    untested ("edges: MAP_ANONYMOUS (not on this system)");
  close (fd);
  unlink (path);
}

/* Valgrind mis-reports the SIGBUS of a truncated file mapping (see
   guard.c): the faults are left out under it.  */
static bool
under_valgrind (void)
{
  const char *p = getenv ("LD_PRELOAD");
  return p != NULL && strstr (p, "vgpreload") != NULL;
}

/* Item 5: growth after a guarded fault is whole.  The file is cut to
   CUT bytes: the guard patches the map from the faulting page on, all
   of it for a CUT of 0 (one mapping, all anonymous), half of it
   otherwise (two mappings, which mremap cannot move as one).  */
static void
grow_after_fault (size_t cut, const char *what)
{
  size_t mib = 1024 * 1024;
  char msg[200];
  int fd = tu_pattern_file (mib, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  if (ftruncate (fd, (off_t) cut) != 0)
    perror ("ftruncate");
  snprintf (msg, sizeof msg, "a read of a vanished page (%s)", what);
  CHECK_ERR (mmu_get (m, (ssize_t) cut + 10), EFAULT, msg);
  errno = 0;
  int r = mmu_resize (m, 2 * mib);
  snprintf (msg, sizeof msg, "a faulted map grows (%s)", what);
  tu_check (r == 0, msg);
  snprintf (msg, sizeof msg, "a faulted map grows whole, map and file (%s)",
            what);
  tu_check (mmu_len (m) == 2 * mib && tu_file_size (path) == 2 * (long long) mib,
            msg);
  snprintf (msg, sizeof msg, "a faulted map that grew shows its file (%s)",
            what);
  tu_check (r == 0 && mmu_get (m, 2 * mib - 1) == 0
            && mmu_get (m, (ssize_t) cut + 10) == 0
            && (cut == 0 || mmu_get (m, 1) == 'b'), msg);
  char c = 0;
  snprintf (msg, sizeof msg, "a faulted map that grew writes to its file (%s)",
            what);
  tu_check (r == 0 && mmu_set (m, (ssize_t) mib + 1, 'g') == 0
            && pread (fd, &c, 1, (off_t) mib + 1) == 1 && c == 'g', msg);
  snprintf (msg, sizeof msg, "a faulted map that grew shrinks (%s)", what);
  tu_check (mmu_resize (m, mib / 4) == 0
            && tu_file_size (path) == (long long) mib / 4, msg);
  mmu_free (m);
  close (fd);
  unlink (path);
}

static void
test_grow_after_fault (void)
{
  if (under_valgrind ())
    {
      untested ("edges: growth after a fault (under valgrind)");
      return;
    }
  grow_after_fault (0, "all of it patched");
  grow_after_fault (512 * 1024, "half of it patched");
}

/* Item 5: a growth that the system refuses (a limit of the address
   space) leaves the file as it was: a file as long as the map (the
   growth would extend it), and a file longer than the growth (the
   growth would cut it).  In a child, which sets the limit.  */
static void
grow_refused (off_t fsize, const char *what)
{
  char msg[200];
  int fd = tu_pattern_file (pg, path);
  if (ftruncate (fd, fsize) != 0)
    perror ("ftruncate");
  mmu_map *m = mmu_open (fd, pg, NULL);
  pid_t pid = fork ();
  if (pid == 0)
    {
      struct rlimit rl;
      long pages = 0, dummy = 0;
      FILE *f = fopen ("/proc/self/statm", "r");
      if (f == NULL || fscanf (f, "%ld %ld", &pages, &dummy) != 2)
        _exit (3);
      fclose (f);
      rl.rlim_cur = rl.rlim_max = (rlim_t) pages * pg + 64 * 1024 * 1024;
      if (setrlimit (RLIMIT_AS, &rl) != 0)
        _exit (3);
      /* 1 GiB: past the limit, and a size_t also where it has 32 bits.  */
      int r = mmu_resize (m, (size_t) 1 << 30);
      _exit (r == 0 ? 1 : errno == ENOMEM ? 0 : 2);
    }
  int st = 0;
  if (pid < 0 || waitpid (pid, &st, 0) != pid)
    st = 3 << 8;
  if (WIFEXITED (st) && WEXITSTATUS (st) == 3)
    untested ("edges: a refused growth (no /proc/self/statm or RLIMIT_AS)");
  else
    {
      snprintf (msg, sizeof msg, "a growth past the address space is ENOMEM (%s)",
                what);
      tu_check (WIFEXITED (st) && WEXITSTATUS (st) == 0, msg);
      snprintf (msg, sizeof msg, "a refused growth leaves the file as it was (%s)",
                what);
      tu_check (tu_file_size (path) == (long long) fsize, msg);
    }
  mmu_free (m);
  close (fd);
  unlink (path);
}

static void
test_grow_refused (void)
{
#if defined __SANITIZE_ADDRESS__
  untested ("edges: a refused growth (AddressSanitizer needs address space)");
  return;
#elif defined __has_feature
# if __has_feature (address_sanitizer)
  untested ("edges: a refused growth (AddressSanitizer needs address space)");
  return;
# endif
#endif
  if (under_valgrind ())
    {
      untested ("edges: a refused growth (under valgrind)");
      return;
    }
  grow_refused ((off_t) pg, "a file as long as the map");
  grow_refused ((off_t) 5 << 30, "a sparse file longer than the growth");
}

/* Item 6: a huge step does not overflow (UBSan would say so).  */
static void
test_huge_step (void)
{
  mmu_map *m = mmu_open (-1, 10, NULL);
  unsigned char out[16];
  for (int i = 0; i < 10; i++)
    mmu_set (m, i, (unsigned char) ('0' + i));
  tu_check (mmu_get_slice (m, 5, MMU_OMIT, SSIZE_MAX, out, sizeof out) == 1
            && out[0] == '5', "a slice with a huge step");
  tu_check (mmu_get_slice (m, 9, MMU_OMIT, SSIZE_MAX - 1, out, sizeof out) == 1
            && out[0] == '9', "a slice with a huge step from the end");
  tu_check (mmu_set_slice (m, 7, MMU_OMIT, SSIZE_MAX, "x", 1) == 0
            && mmu_get (m, 7) == 'x', "a slice store with a huge step");
  tu_check (mmu_get_slice (m, 2, MMU_OMIT, SSIZE_MAX / 2, out, sizeof out) == 1
            && out[0] == '2', "a slice with half the huge step");
  mmu_free (m);
}

/* Item 7: the detail is that of the last call that can fail.  */
static void
fail_once (mmu_map *m)
{
  errno = 0;
  if (mmu_get (m, 1000000) != -1 || mmu_error_detail () == NULL)
    fail ("edges: a failure to start from");
}

static void
test_detail (void)
{
  int fd = tu_pattern_file (pg, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  unsigned char buf[8];
  const void *line;
  uint64_t u;

#define CLEARS(call, what)                                      \
  do                                                            \
    {                                                           \
      fail_once (m);                                            \
      (void) (call);                                            \
      tu_check_detail (NULL, what " clears the detail");        \
    }                                                           \
  while (0)

  CLEARS (mmu_find (m, "no such bytes", 13), "a find that finds nothing");
  CLEARS (mmu_rfind_range (m, "zz", 2, 0, MMU_OMIT), "an rfind that finds nothing");
  CLEARS (mmu_find (m, "abc", 3), "a find that finds");
  CLEARS (mmu_get (m, 0), "a get");
  CLEARS (mmu_set (m, 0, 'a'), "a set");
  CLEARS (mmu_get_slice (m, 0, 4, 1, buf, sizeof buf), "a slice");
  CLEARS (mmu_set_slice (m, 0, 1, 1, "a", 1), "a slice store");
  CLEARS (mmu_seek (m, 0, SEEK_SET), "a seek");
  CLEARS (mmu_read (m, buf, 1), "a read");
  CLEARS (mmu_read_byte (m), "a read_byte");
  CLEARS (mmu_readline (m, &line), "a readline");
  CLEARS ((mmu_seek (m, 0, SEEK_SET), mmu_write (m, "b", 1)), "a write");
  CLEARS (mmu_write_byte (m, 'c'), "a write_byte");
  CLEARS (mmu_size (m), "a size");
  CLEARS (mmu_move (m, 0, 1, 1), "a move");
  CLEARS (mmu_get_uint (m, 0, 4, MMU_LITTLE, &u), "a typed get");
  CLEARS (mmu_put_uint (m, 0, 1, MMU_LITTLE, 'a'), "a typed put");
  CLEARS ((mmu_seek (m, 0, SEEK_SET), mmu_read_uint (m, 1, MMU_LITTLE, &u)),
          "a typed read");
  CLEARS (mmu_flush (m), "a flush");
  if (tu_have_advice ())
    CLEARS (mmu_madvise (m, MADV_NORMAL), "a madvise");
  else
    {
      fail_once (m);
      CHECK_ERR (mmu_madvise (m, MADV_NORMAL), ENOTSUP,
                 "a madvise not built is ENOTSUP");
      tu_check_detail (TU_NO_MADVISE, "a madvise not built sets its detail");
    }
  CLEARS (mmu_populate (m, 0, 1), "a populate");
  if (mmu_have ("mincore"))
    CLEARS (mmu_resident (m, 0, 1), "a resident");
  else
    {
      fail_once (m);
      CHECK_ERR (mmu_resident (m, 0, 1), ENOTSUP,
                 "a resident not built is ENOTSUP");
      tu_check_detail (TU_NO_MINCORE, "a resident not built sets its detail");
    }
  CLEARS (mmu_resize (m, 2 * pg), "a resize");
  CLEARS (mmu_insert (m, 0, "i", 1), "an insert");
  CLEARS (mmu_delete (m, 0, 1), "a delete");
  CLEARS (mmu_acquire (m, NULL), "an acquire");
  CLEARS (mmu_release (m), "a release");
  CLEARS (mmu_constant ("NO_SUCH_CONSTANT", NULL), "a failed constant");
  mmu_map *m2 = NULL;
  CLEARS (m2 = mmu_open (fd, 0, NULL), "an open");
  CLEARS (mmu_close (m2), "a close");
  mmu_free (m2);
#undef CLEARS
  fail_once (m);
  (void) mmu_len (m);
  tu_check (mmu_error_detail () != NULL,
            "a call that cannot fail leaves the detail");
  mmu_free (m);
  close (fd);
  unlink (path);
}

/* Item 10: the constructor checks as CPython does: the file first,
   then what mmap itself refuses.  */
static void
test_open_order (void)
{
  int fd = tu_file (NULL, 0, path);
  struct mmu_options o = { .offset = 1 };
  CHECK_NULL (mmu_open (fd, 0, &o), EINVAL,
              "an empty file at an unaligned offset");
  tu_check_detail ("cannot mmap an empty file",
                   "an empty file comes before the offset's alignment");
  o.offset = pg;
  CHECK_NULL (mmu_open (fd, 0, &o), EINVAL, "an empty file at an offset");
  tu_check_detail ("cannot mmap an empty file",
                   "an empty file at an aligned offset says so");
  o.offset = 1;
  CHECK_NULL (mmu_open (fd, 10, &o), EINVAL,
              "a length past an empty file, unaligned offset");
  tu_check_detail ("mmap length is greater than file size",
                   "a length past the file comes before the alignment");
  close (fd);
  unlink (path);
  int bad = open ("/dev/null", O_RDONLY);
  close (bad);
  CHECK_NULL (mmu_open (bad, 10, &o), EBADF,
              "a bad descriptor with an unaligned offset is EBADF");
  fd = tu_pattern_file (2 * pg, path);
  CHECK_NULL (mmu_open (fd, 10, &o), EINVAL,
              "an unaligned offset of a regular file");
  tu_check_detail (NULL, "an unaligned offset is mmap's own EINVAL");
  close (fd);
  unlink (path);

  /* Item 11: an anonymous map accepts an aligned offset, as mmap and
     CPython do, and ignores it; an unaligned one is mmap's EINVAL.  */
  o.offset = pg;
  mmu_map *m = mmu_open (-1, pg, &o);
  tu_check (m != NULL && mmu_offset (m) == pg && mmu_len (m) == pg,
            "an anonymous map at an aligned offset");
  if (mmu_have ("memfd_create"))
    tu_check (m != NULL && mmu_set (m, 0, 'o') == 0
              && mmu_resize (m, 3 * pg) == 0 && mmu_get (m, 0) == 'o'
              && mmu_get (m, 3 * pg - 1) == 0,
              "an anonymous map at an offset grows");
  else
    tu_check (m != NULL && mmu_set (m, 0, 'o') == 0
              && mmu_resize (m, 3 * pg) == -1 && errno == EINVAL
              && mmu_len (m) == pg && mmu_get (m, 0) == 'o',
              "an anonymous map at an offset: no growth without memfd_create");
  mmu_free (m);
  o.offset = 1;
  CHECK_NULL (mmu_open (-1, pg, &o), EINVAL,
              "an anonymous map at an unaligned offset");
}

int
main (void)
{
  tu_init ();
  pg = tu_page ();
  test_effective_access ();
  test_not_regular ();
  test_write_past_end ();
  test_flags ();
  test_grow_after_fault ();
  test_grow_refused ();
  test_huge_step ();
  test_detail ();
  test_open_order ();
  totals ();
  return 0;
}
