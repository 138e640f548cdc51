/* construct.c -- test of map construction and lifetime.
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

/* What this checks, and why: mmu_open must behave as Python's
   mmap.mmap constructor (length 0 maps the whole file, offsets, the
   access modes and their conflicts with flags and prot, anonymous
   maps), refuse what Python refuses with the same messages, and leak
   nothing when it fails: no descriptor, no mapping.  It also checks
   the lifetime functions: close (idempotent), closed, free, the
   duplicated close-on-exec descriptor, access_mode and offset.  */

#include <dejagnu.h>
#define TEST_NAME "construct"
#include "test-util.h"

#include <sys/mman.h>

static char path[PATH_MAX];

/* Open a map with options and check that it fails with ERR and DETAIL
   and that no descriptor is left behind.  */
static void
refused (int fd, size_t length, const struct mmu_options *o, int err,
         const char *detail, const char *msg)
{
  char buf[200];
  int before = tu_count_fds ();
  CHECK_NULL (mmu_open (fd, length, o), err, msg);
  snprintf (buf, sizeof buf, "%s: detail", msg);
  tu_check_detail (detail, buf);
  snprintf (buf, sizeof buf, "%s: no descriptor leaked", msg);
  tu_check (tu_count_fds () == before, buf);
}

static void
test_file_maps (void)
{
  size_t pg = tu_page ();
  int fd = tu_pattern_file (2 * pg + 100, path);
  int before = tu_count_fds ();

  mmu_map *m = mmu_open (fd, 0, NULL);
  tu_check (m != NULL, "length 0 maps the file");
  tu_check (mmu_len (m) == 2 * pg + 100, "length 0 is the whole file");
  tu_check (tu_count_fds () == before + 1, "a tracked map holds one descriptor");
  tu_check (!mmu_closed (m), "a new map is open");
  tu_check (mmu_get (m, 0) == 'a' && mmu_get (m, 27) == 'b',
            "the map shows the file");
  tu_check (mmu_access_mode (m) == MMU_ACCESS_WRITE,
            "default access is WRITE");
  tu_check (mmu_offset (m) == 0, "default offset is 0");
  tu_check (mmu_close (m) == 0, "close");
  tu_check (mmu_closed (m), "closed after close");
  tu_check (mmu_close (m) == 0, "close again does nothing");
  tu_check (mmu_len (m) == 0, "length of a closed map is 0");
  tu_check (tu_count_fds () == before, "close releases the descriptor");
  mmu_free (m);

  /* An offset: the second page.  */
  struct mmu_options o = { .offset = pg };
  m = mmu_open (fd, 0, &o);
  tu_check (m != NULL && mmu_len (m) == pg + 100, "offset and length 0");
  tu_check (mmu_offset (m) == pg, "mmu_offset");
  tu_check (mmu_get (m, 0) == (int) ('a' + pg % 26), "offset shows the right byte");
  mmu_free (m);
  o.offset = pg;
  m = mmu_open (fd, 50, &o);
  tu_check (m != NULL && mmu_len (m) == 50, "offset and a length");
  mmu_free (m);
  m = mmu_open (fd, 10, NULL);
  tu_check (m != NULL && mmu_len (m) == 10, "a length shorter than the file");
  mmu_free (m);
  tu_check (tu_count_fds () == before, "free releases the descriptor");

  /* The descriptor is duplicated with close-on-exec: the caller may
     close its own.  */
  int fd2 = dup (fd);
  bool open_before[1024];
  for (int i = 0; i < 1024; i++)
    open_before[i] = fcntl (i, F_GETFD) != -1;
  m = mmu_open (fd2, 0, NULL);
  close (fd2);
  tu_check (mmu_size (m) == (int64_t) (2 * pg + 100),
            "the map keeps its own descriptor");
  int found = -1;
  for (int i = 0; i < 1024; i++)
    if (!open_before[i] && fcntl (i, F_GETFD) != -1)
      found = i;
  tu_check (found >= 0 && (fcntl (found, F_GETFD) & FD_CLOEXEC),
            "the duplicated descriptor is close-on-exec");
  mmu_free (m);
  tu_check (found < 0 || fcntl (found, F_GETFD) == -1,
            "free closes the duplicated descriptor");

  /* Untracked: no descriptor kept.  */
  struct mmu_options u = { .untracked = true };
  before = tu_count_fds ();
  m = mmu_open (fd, 0, &u);
  tu_check (m != NULL && tu_count_fds () == before,
            "untracked keeps no descriptor");
  mmu_free (m);

  /* Access modes and their effective values.  */
  struct mmu_options a = { .access = MMU_ACCESS_READ };
  m = mmu_open (fd, 0, &a);
  tu_check (mmu_access_mode (m) == MMU_ACCESS_READ && !mmu_writable (m),
            "READ access");
  mmu_free (m);
  a.access = MMU_ACCESS_COPY;
  m = mmu_open (fd, 0, &a);
  tu_check (mmu_access_mode (m) == MMU_ACCESS_COPY && mmu_writable (m),
            "COPY access");
  mmu_free (m);
  a.access = MMU_ACCESS_WRITE;
  m = mmu_open (fd, 0, &a);
  tu_check (mmu_access_mode (m) == MMU_ACCESS_WRITE && mmu_writable (m),
            "WRITE access");
  mmu_free (m);
  struct mmu_options p = { .prot = PROT_READ };
  m = mmu_open (fd, 0, &p);
  tu_check (m != NULL && mmu_access_mode (m) == MMU_ACCESS_READ
            && !mmu_writable (m), "DEFAULT with PROT_READ is read-only");
  mmu_free (m);
  struct mmu_options pr = { .flags = MAP_PRIVATE };
  m = mmu_open (fd, 0, &pr);
  tu_check (m != NULL && mmu_access_mode (m) == MMU_ACCESS_COPY,
            "DEFAULT with MAP_PRIVATE is copy-on-write");
  mmu_free (m);
  struct mmu_options ex = { .access = MMU_ACCESS_READ, .flags = MAP_SHARED,
                            .prot = PROT_READ | PROT_WRITE };
  m = mmu_open (fd, 0, &ex);
  tu_check (m != NULL, "explicit default flags and prot go with an access");
  mmu_free (m);
  struct mmu_options bits = { .extra = MMU_ALLOW_EMPTY | MMU_ANY_OFFSET
                              | MMU_PREALLOCATE | MMU_POPULATE | MMU_NO_GUARD };
  m = mmu_open (fd, 0, &bits);
  tu_check (m != NULL, "every defined extra bit is accepted");
  mmu_free (m);

  close (fd);
  unlink (path);
}

static void
test_refusals (void)
{
  size_t pg = tu_page ();
  char epath[PATH_MAX];
  int efd = tu_file ("", 0, epath);
  refused (efd, 0, NULL, EINVAL, "cannot mmap an empty file", "empty file");
  close (efd);
  unlink (epath);

  int fd = tu_pattern_file (pg, path);
  struct mmu_options o = { .offset = pg };
  refused (fd, 0, &o, EINVAL, "mmap offset is greater than file size",
           "offset at the end");
  o.offset = 2 * pg;
  refused (fd, 0, &o, EINVAL, "mmap offset is greater than file size",
           "offset past the end");
  refused (fd, pg + 1, NULL, EINVAL, "mmap length is greater than file size",
           "length past the end");
  refused (fd, 10, &o, EINVAL, "mmap length is greater than file size",
           "offset past the end with a length");
  o.offset = 1;
  refused (fd, 10, &o, EINVAL, NULL, "unaligned offset");
  refused (fd, (size_t) SSIZE_MAX + 1, NULL, EINVAL,
           "memory mapped length must be positive", "negative length");

  struct mmu_options c = { .access = MMU_ACCESS_READ, .flags = MAP_PRIVATE };
  refused (fd, 0, &c, EINVAL, "mmap can't specify both access and flags, prot.",
           "access with flags");
  struct mmu_options c2 = { .access = MMU_ACCESS_WRITE, .prot = PROT_READ };
  refused (fd, 0, &c2, EINVAL, "mmap can't specify both access and flags, prot.",
           "access with prot");
  struct mmu_options c3 = { .access = (enum mmu_access) 7 };
  refused (fd, 0, &c3, EINVAL, "mmap invalid access parameter.",
           "access outside the enum");
  struct mmu_options c4 = { .extra = 0x100 };
  refused (fd, 0, &c4, EINVAL, "unknown mmu_options extra bits",
           "unknown extra bit");
  struct mmu_options c5 = { .reserved = { 0, 0, 1, 0 } };
  refused (fd, 0, &c5, EINVAL, "mmu_options reserved words must be zero",
           "reserved word set");

  /* A descriptor open read-only cannot be mapped for writing.  */
  int rfd = open (path, O_RDONLY);
  refused (rfd, 0, NULL, EACCES, NULL, "read-only descriptor, shared write map");
  struct mmu_options r = { .access = MMU_ACCESS_READ };
  mmu_map *m = mmu_open (rfd, 0, &r);
  tu_check (m != NULL, "read-only descriptor, READ map");
  mmu_free (m);
  close (rfd);

  refused (9999, 10, NULL, EBADF, NULL, "bad descriptor");
  int cfd = dup (fd);
  close (cfd);
  refused (cfd, 10, NULL, EBADF, NULL, "closed descriptor");

  int dfd = open (tu_tmpdir (), O_RDONLY | O_DIRECTORY);
  errno = 0;
  int before = tu_count_fds ();
  m = mmu_open (dfd, pg, NULL);
  tu_check (m == NULL && errno != 0 && mmu_error_detail () == NULL,
            "directory: mmap's own error");
  tu_check (tu_count_fds () == before, "directory: no descriptor leaked");
  close (dfd);

  int pfd[2];
  if (pipe (pfd) == 0)
    {
      before = tu_count_fds ();
      errno = 0;
      m = mmu_open (pfd[0], pg, NULL);
      tu_check (m == NULL && errno != 0 && mmu_error_detail () == NULL,
                "pipe: mmap's own error");
      tu_check (tu_count_fds () == before, "pipe: no descriptor leaked");
      close (pfd[0]);
      close (pfd[1]);
    }
  else
    untested ("construct: pipe");

  close (fd);
  unlink (path);
}

static void
test_anonymous (void)
{
  int before = tu_count_fds ();
  mmu_map *m = mmu_open (-1, 13, NULL);
  tu_check (m != NULL && mmu_len (m) == 13, "anonymous map");
  tu_check (mmu_get (m, 0) == 0 && mmu_get (m, 12) == 0,
            "anonymous memory starts as zeros");
  tu_check (mmu_access_mode (m) == MMU_ACCESS_WRITE, "anonymous is WRITE");
  tu_check (mmu_size (m) == 13, "size of an anonymous map is its length");
  mmu_free (m);
  tu_check (tu_count_fds () == before, "anonymous: nothing leaked");

  struct mmu_options pr = { .flags = MAP_PRIVATE };
  m = mmu_open (-1, 100, &pr);
  tu_check (m != NULL && mmu_set (m, 5, 7) == 0 && mmu_get (m, 5) == 7,
            "private anonymous map");
  mmu_free (m);

  struct mmu_options cp = { .access = MMU_ACCESS_COPY };
  m = mmu_open (-1, 100, &cp);
  tu_check (m != NULL && mmu_set (m, 5, 7) == 0, "COPY anonymous map");
  mmu_free (m);

  refused (-1, 0, NULL, EINVAL, NULL, "anonymous of length 0");
  /* An aligned offset is accepted and ignored, as mmap and CPython
     3.13 do; an unaligned one is mmap's EINVAL.  */
  struct mmu_options off = { .offset = tu_page () };
  m = mmu_open (-1, 10, &off);
  tu_check (m != NULL && mmu_offset (m) == tu_page (),
            "anonymous with an aligned offset");
  mmu_free (m);
  off.offset = 3;
  refused (-1, 10, &off, EINVAL, NULL, "anonymous with an unaligned offset");
  mmu_free (NULL);
  pass ("construct: free of NULL");
  tu_check (mmu_closed (NULL), "NULL counts as closed");
}

int
main (void)
{
  tu_init ();
  test_file_maps ();
  test_refusals ();
  test_anonymous ();
  totals ();
  return 0;
}
