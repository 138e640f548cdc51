/* test-util.h -- helpers shared by the C tests of the library.
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

/* Include <dejagnu.h> first, and define TEST_NAME (the program's name,
   the prefix of every message) before this file.  Everything here is
   static: each test program is one translation unit.  */

#ifndef MMU_TEST_UTIL_H
#define MMU_TEST_UTIL_H 1

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmap-util.h"

/* Report CHECK as passed or failed under the name TEST_NAME: MSG.  */
static inline void
tu_check (bool ok, const char *msg)
{
  if (ok)
    pass ("%s: %s", TEST_NAME, msg);
  else
    fail ("%s: %s", TEST_NAME, msg);
}

/* Check that a call returned -1 (RET) with errno ERR.  Pass errno as
   E, read right after the call.  */
static inline void
tu_check_err (long ret, int e, int err, const char *msg)
{
  if (ret == -1 && e == err)
    pass ("%s: %s", TEST_NAME, msg);
  else
    fail ("%s: %s (returned %ld, errno %d: %s)", TEST_NAME, msg, ret, e,
          strerror (e));
}

/* Evaluate CALL and check it failed with ERR.  */
#define CHECK_ERR(call, err, msg)                       \
  do                                                    \
    {                                                   \
      errno = 0;                                        \
      long tu_ret_ = (long) (call);                     \
      tu_check_err (tu_ret_, errno, (err), (msg));      \
    }                                                   \
  while (0)

/* Evaluate CALL, a constructor, and check it failed with ERR; free
   what it returned if it did not.  */
#define CHECK_NULL(call, err, msg)                                      \
  do                                                                    \
    {                                                                   \
      errno = 0;                                                        \
      mmu_map *tu_m_ = (call);                                          \
      int tu_e_ = errno;                                                \
      tu_check_err (tu_m_ == NULL ? -1 : 0, tu_e_, (err), (msg));       \
      mmu_free (tu_m_);                                                 \
    }                                                                   \
  while (0)

/* Whether this build gives the kernel advice: configure found madvise
   or posix_madvise (without both, mmu_madvise is ENOTSUP).  */
static inline bool
tu_have_advice (void)
{
  return mmu_have ("madvise") || mmu_have ("posix_madvise");
}

/* Check the result RET (errno E) of a call that needs a function
   configure may not have found: where this build HAS it, the call
   succeeded (RET 0 or more); where not, the library's fallback is
   checked instead: -1 with ENOTSUP and the detail DETAIL, as the
   manual says.  */
static inline void
tu_check_feature (bool has, long ret, int e, const char *detail,
                  const char *msg)
{
  const char *d = mmu_error_detail ();
  if (has ? ret >= 0
      : ret == -1 && e == ENOTSUP && d != NULL && strcmp (d, detail) == 0)
    pass ("%s: %s%s", TEST_NAME, msg, has ? "" : " (not built: ENOTSUP)");
  else
    fail ("%s: %s (returned %ld, errno %d: %s, detail \"%s\")", TEST_NAME,
          msg, ret, e, strerror (e), d ? d : "(null)");
}

/* Evaluate CALL, which needs what HAS tells, and check it as above.  */
#define CHECK_FEATURE(has, call, detail, msg)                   \
  do                                                            \
    {                                                           \
      errno = 0;                                                \
      long tu_ret_ = (long) (call);                             \
      tu_check_feature ((has), tu_ret_, errno, (detail), (msg)); \
    }                                                           \
  while (0)

/* The details of the calls a build without the function refuses.  */
#define TU_NO_MADVISE "madvise not supported on this system"
#define TU_NO_MINCORE "mincore not supported on this system"

/* Check that the detail of the last failure is DETAIL (NULL: none).  */
static inline void
tu_check_detail (const char *detail, const char *msg)
{
  const char *d = mmu_error_detail ();
  bool ok = detail == NULL ? d == NULL : d != NULL && strcmp (d, detail) == 0;
  if (ok)
    pass ("%s: %s", TEST_NAME, msg);
  else
    fail ("%s: %s (detail \"%s\")", TEST_NAME, msg, d ? d : "(null)");
}

/* Output line by line, so that a fork or a crash loses nothing.  */
static inline void
tu_init (void)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
}

/* The directory for temporary files.  */
static inline const char *
tu_tmpdir (void)
{
  const char *d = getenv ("TMPDIR");
  return d != NULL && *d != '\0' ? d : "/tmp";
}

/* Create a temporary file holding the N bytes of CONTENT; store its
   name in PATH (PATH_MAX bytes).  Return a descriptor open for reading
   and writing, or exit with status 2 if that is impossible.  */
static inline int
tu_file (const void *content, size_t n, char *path)
{
  snprintf (path, PATH_MAX, "%s/mmu-test-XXXXXX", tu_tmpdir ());
  int fd = mkstemp (path);
  if (fd < 0)
    {
      perror ("mkstemp");
      exit (2);
    }
  if (n > 0 && write (fd, content, n) != (ssize_t) n)
    {
      perror ("write");
      exit (2);
    }
  return fd;
}

/* Open a temporary file of N bytes filled with a pattern.  */
static inline int
tu_pattern_file (size_t n, char *path)
{
  unsigned char *buf = malloc (n ? n : 1);
  for (size_t i = 0; i < n; i++)
    buf[i] = (unsigned char) ('a' + i % 26);
  int fd = tu_file (buf, n, path);
  free (buf);
  return fd;
}

/* Read up to N bytes of the file PATH into BUF with read(2), not
   through any mapping.  Return the number read, -1 on error.  */
static inline ssize_t
tu_read_file (const char *path, void *buf, size_t n)
{
  int fd = open (path, O_RDONLY);
  if (fd < 0)
    return -1;
  size_t got = 0;
  while (got < n)
    {
      ssize_t r = read (fd, (char *) buf + got, n - got);
      if (r <= 0)
        break;
      got += (size_t) r;
    }
  close (fd);
  return (ssize_t) got;
}

/* The size of the file PATH, -1 on error.  */
static inline long long
tu_file_size (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0 ? (long long) st.st_size : -1;
}

/* The number of open descriptors of this process.  */
static inline int
tu_count_fds (void)
{
  int n = 0;
  DIR *d = opendir ("/proc/self/fd");
  if (d != NULL)
    {
      while (readdir (d) != NULL)
        n++;
      closedir (d);
      return n - 3;             /* ".", ".." and the DIR's own */
    }
  for (int fd = 0; fd < 1024; fd++)
    if (fcntl (fd, F_GETFD) != -1)
      n++;
  return n;
}

/* The page size.  */
static inline size_t
tu_page (void)
{
  return (size_t) sysconf (_SC_PAGESIZE);
}

#endif /* MMU_TEST_UTIL_H */
