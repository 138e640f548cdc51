/* cat-copy.c -- copy one input of mmcat to standard output, through a
   mapping where it can, with read () where it cannot.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cli.h"
#include "exit-status.h"
#include "cat-copy.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "error.h"
#include "full-write.h"
#include "mmap-util.h"
#include "quotearg.h"
#include "safe-read.h"
#include "xalloc.h"

/* Bytes read at a time where the input cannot be mapped, and formatted
   at a time from a mapping.  */
enum { IO_SIZE = 128 * 1024 };

/* The pipe size asked for when vmsplice hands pages to a pipe.  */
enum { PIPE_SIZE = 1024 * 1024 };

/* What standard output is.  */
static struct stat out_st;
static bool out_is_pipe, out_is_regular, out_appends;
/* The ways of writing that still work: cleared at the first refusal.  */
#if HAVE_VMSPLICE
static bool use_vmsplice;
#endif
static bool use_copy_file_range;

#define quotef(name) quotearg_n_style_colon (0, shell_escape_quoting_style, name)

void
cat_output_init (void)
{
  if (fstat (STDOUT_FILENO, &out_st) != 0)
    return;
  out_is_pipe = S_ISFIFO (out_st.st_mode);
  out_is_regular = S_ISREG (out_st.st_mode);
  int fl = fcntl (STDOUT_FILENO, F_GETFL);
  out_appends = fl >= 0 && (fl & O_APPEND);
#if HAVE_VMSPLICE
  use_vmsplice = out_is_pipe;
#endif
#if HAVE_COPY_FILE_RANGE
  use_copy_file_range = out_is_regular && !out_appends;
#endif
}

/* Writing standard output failed: cat's message and exit status.  */
static _Noreturn void
write_error (void)
{
  error (EXIT_CAT_TROUBLE, errno, _("write error"));
  abort ();
}

static void
write_out (char const *buf, size_t n)
{
  if (full_write (STDOUT_FILENO, buf, n) != n)
    write_error ();
}

/* The input vanished under the mapping.  */
static bool
truncated (char const *name)
{
  error (0, 0, _("%s: file truncated during the copy"), quotef (name));
  return false;
}

/* The size of FD now, or -1 (errno set).  */
static intmax_t
size_now (int fd)
{
  struct stat st;
  return fstat (fd, &st) == 0 ? (intmax_t) st.st_size : -1;
}

/* The bytes of the file FD at POS that may be used now, at most WANT:
   fewer when the file is shorter (0 when it ends at or before POS).  */
static size_t
avail (int fd, uint64_t pos, size_t want)
{
  intmax_t size = size_now (fd);
  if (size < 0 || (uint64_t) size <= pos)
    return 0;
  return (uint64_t) size - pos < want ? (size_t) ((uint64_t) size - pos) : want;
}

#if HAVE_VMSPLICE && defined F_GETPIPE_SZ
/* The size of the pipe on standard output, enlarged once where the
   system lets it; 0 where it cannot be known.  */
static size_t
pipe_size (void)
{
  static long size = -1;
  if (size < 0)
    {
# ifdef F_SETPIPE_SZ
      /* Fewer, larger hand-overs; keep the system's size if refused.  */
      fcntl (STDOUT_FILENO, F_SETPIPE_SZ, PIPE_SIZE);
# endif
      size = fcntl (STDOUT_FILENO, F_GETPIPE_SZ);
      if (size < 0)
        size = 0;
    }
  return size;
}
#endif

/* Hand the N bytes at P of the map of FD, at file offset POS, to the
   pipe on standard output with vmsplice.  The pipe then refers to the
   file's pages, and when the file shrinks the kernel zeroes the part
   past the new end of the page it now ends in, even inside the pipe:
   so a page is handed over only up to the file's size at that moment,
   looked at just before, and never more than the pipe can hold
   unread.  Return the number of bytes handed over: N, or fewer if the
   file ended before (it shrank), or (size_t) -1 if vmsplice cannot be
   used (nothing handed over).  */
static size_t
splice_mapped (int fd, unsigned char const *p, uint64_t pos, size_t n)
{
#if HAVE_VMSPLICE && defined F_GETPIPE_SZ && defined SPLICE_F_NONBLOCK
  if (!use_vmsplice || pipe_size () == 0)
    return (size_t) -1;
  size_t done = 0;
  while (done < n)
    {
      size_t want = avail (fd, pos + done, n - done);
      if (want == 0)
        break;
      /* Hand over what the pipe takes now, without waiting: a call
         that waited would hand over pages checked long before.  */
      struct iovec iov = { (void *) (p + done), want };
      ssize_t r = vmsplice (STDOUT_FILENO, &iov, 1, SPLICE_F_NONBLOCK);
      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          if (errno == EAGAIN)
            {
              struct pollfd pfd = { .fd = STDOUT_FILENO, .events = POLLOUT };
              if (poll (&pfd, 1, -1) < 0 && errno != EINTR)
                write_error ();
              continue;
            }
          if (errno == EFAULT)
            break;              /* a page vanished: the file shrank */
          if (done == 0
              && (errno == EINVAL || errno == ENOSYS || errno == EBADF))
            {
              /* Not a pipe vmsplice takes: copy instead.  */
              use_vmsplice = false;
              return (size_t) -1;
            }
          write_error ();
        }
      done += (size_t) r;
    }
  return done;
#else
  (void) fd, (void) p, (void) pos, (void) n;
  return (size_t) -1;
#endif
}

/* Copy the N bytes at P of the map M of FD, at file offset POS, to
   standard output, formatted as JOB says or not.  The bytes are
   copied (formatted, or into a buffer) first, then the file's size is
   looked at: if it shrank below them meanwhile, only the part before
   the new end is output (bytes past it may read as zeros), formatting
   that part again from where it stood.  Return the number of bytes
   output: N, or fewer if the file shrank.  */
static size_t
copy_mapped (mmu_map *m, int fd, unsigned char const *p, uint64_t pos,
             size_t n, struct cat_job *job)
{
  bool format = cat_style_active (&job->style);
  char *buf = xmalloc (format ? cat_format_bound (IO_SIZE) : IO_SIZE);
  size_t done = 0;
  while (done < n)
    {
      size_t chunk = avail (fd, pos + done, n - done < IO_SIZE
                            ? n - done : IO_SIZE);
      if (chunk == 0)
        break;
      struct cat_state before = job->state;
      size_t out = (format
                    ? cat_format (&job->style, &job->state, p + done, chunk,
                                  buf)
                    : (memcpy (buf, p + done, chunk), chunk));
      size_t valid = avail (fd, pos + done, chunk);
      if (valid < chunk || mmu_faulted (m))
        {
          /* Cut meanwhile: keep what lies before the new end, read
             again now that the cut is done.  */
          job->state = before;
          if (valid == 0 || mmu_faulted (m))
            break;
          out = (format
                 ? cat_format (&job->style, &job->state, p + done, valid,
                               buf)
                 : (memcpy (buf, p + done, valid), valid));
          if (mmu_faulted (m) || avail (fd, pos + done, valid) < valid)
            {
              job->state = before;
              break;
            }
          write_out (buf, out);
          done += valid;
          break;
        }
      write_out (buf, out);
      done += chunk;
    }
  free (buf);
  return done;
}

/* Copy LEN bytes at OFFSET of the regular file FD with copy_file_range,
   to the end of the file as it is when reached.  Return the number of
   bytes copied (fewer if the file is shorter), or -1 if
   copy_file_range cannot do it (nothing copied).  */
static intmax_t
copy_range (int fd, uint64_t offset, uint64_t len)
{
#if HAVE_COPY_FILE_RANGE
  uint64_t done = 0;
  while (done < len)
    {
      off_t in_off = (off_t) (offset + done);
      uint64_t want = len - done;
      ssize_t r = copy_file_range (fd, &in_off, STDOUT_FILENO, NULL,
                                   want < SSIZE_MAX / 2 ? want : SSIZE_MAX / 2,
                                   0);
      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          if (done == 0 && (errno == EXDEV || errno == EINVAL
                            || errno == ENOSYS || errno == EOPNOTSUPP
                            || errno == EBADF || errno == ETXTBSY
                            || errno == EPERM))
            {
              use_copy_file_range = false;
              return -1;
            }
          write_error ();
        }
      if (r == 0)
        break;                  /* the end of the file */
      done += (uint64_t) r;
    }
  return (intmax_t) done;
#else
  (void) fd, (void) offset, (void) len;
  return -1;
#endif
}

/* Copy through a map the bytes of the regular file FD from START up
   to SIZE (its size lately), at most LEN, to standard output.  Return
   the number of bytes copied, which is fewer when the file shrank, or
   -1 when it cannot be mapped (nothing done).  */
static intmax_t
copy_window (int fd, uint64_t start, uint64_t size, uint64_t len,
             struct cat_job *job)
{
  if (size - start < len)
    len = size - start;

  /* Map from the page below START.  */
  uint64_t gran = (uint64_t) mmu_allocation_granularity ();
  uint64_t map_off = start - start % gran;
  size_t skip = (size_t) (start - map_off);
  struct mmu_options opts = { .access = MMU_ACCESS_READ, .offset = map_off };
  mmu_map *m = mmu_open (fd, skip + (size_t) len, &opts);
  if (m == NULL)
    return -1;
  long advice;
  if (mmu_constant ("MADV_SEQUENTIAL", &advice) == 0)
    mmu_madvise (m, (int) advice);
  unsigned char const *p = mmu_acquire (m, NULL);
  size_t done = (size_t) -1;
  if (!cat_style_active (&job->style))
    done = splice_mapped (fd, p + skip, start, (size_t) len);
  if (done == (size_t) -1)
    done = copy_mapped (m, fd, p + skip, start, (size_t) len, job);
  mmu_release (m);
  mmu_free (m);
  return (intmax_t) done;
}

/* Copy the part JOB asks for of the regular file FD, of size SIZE
   when it was opened, from START, to the end of the file as it is
   when reached (as cat: a file that grows meanwhile is copied on).
   Store in *END where the copy stopped.  Return 1 on success, 0 on
   failure (the file ended before SIZE: it was truncated; reported),
   -1 when it cannot be mapped (nothing done).  */
static int
copy_regular (int fd, char const *name, uint64_t start, uint64_t size,
              struct cat_job *job, uint64_t *end)
{
  uint64_t pos = start;
  uintmax_t left = job->length;
  bool format = cat_style_active (&job->style);
  *end = pos;
  for (;;)
    {
      intmax_t now = size_now (fd);
      if (now < 0)
        {
          error (0, errno, "%s", quotef (name));
          return 0;
        }
      if ((uint64_t) now <= pos || left == 0)
        break;
      uint64_t want = (uint64_t) now - pos < left ? (uint64_t) now - pos : left;
      if (want > SIZE_MAX / 2)
        want = SIZE_MAX / 2;
      intmax_t r = -1;
      if (!format && use_copy_file_range)
        r = copy_range (fd, pos, want);
      if (r < 0)
        r = copy_window (fd, pos, (uint64_t) now, want, job);
      if (r < 0)
        {
          int e = errno;
          if (pos == start)
            return -1;
          now = size_now (fd);
          if (now >= 0 && (uint64_t) now < pos + want)
            break;              /* it shrank before it was mapped */
          error (0, e, "%s", quotef (name));
          return 0;
        }
      pos += (uint64_t) r;
      *end = pos;
      if (left != UINTMAX_MAX)
        left -= (uintmax_t) r;
      if ((uint64_t) r < want)
        break;                  /* it shrank: see below */
    }
  /* Short of what the file held at the start, and of what was asked
     for: it was cut.  */
  uint64_t goal = size < start ? start : size;
  if (job->length < goal - start)
    goal = start + job->length;
  return pos < goal ? truncated (name) : 1;
}

/* Skip N bytes of FD, by seeking where it can.  Return false at a read
   error (errno set).  */
static bool
skip_input (int fd, uintmax_t n, char *buf)
{
  if (n == 0)
    return true;
  if (n <= (uintmax_t) INTMAX_MAX && lseek (fd, (off_t) n, SEEK_CUR) >= 0)
    return true;
  while (n > 0)
    {
      size_t r = safe_read (fd, buf, n < IO_SIZE ? n : IO_SIZE);
      if (r == SAFE_READ_ERROR)
        return false;
      if (r == 0)
        break;
      n -= r;
    }
  return true;
}

/* Copy FD with read ().  */
static bool
copy_read (int fd, char const *name, struct cat_job *job)
{
  bool format = cat_style_active (&job->style);
  char *in = xmalloc (IO_SIZE);
  char *out = format ? xmalloc (cat_format_bound (IO_SIZE)) : NULL;
  bool ok = skip_input (fd, job->offset, in);
  uintmax_t left = job->length;
  while (ok && left > 0)
    {
      size_t r = safe_read (fd, in, left < IO_SIZE ? left : IO_SIZE);
      if (r == SAFE_READ_ERROR)
        ok = false;
      else if (r == 0)
        break;
      else
        {
          if (format)
            write_out (out, cat_format (&job->style, &job->state,
                                        (unsigned char *) in, r, out));
          else
            write_out (in, r);
          if (left != UINTMAX_MAX)
            left -= r;
        }
    }
  if (!ok)
    error (0, errno, "%s", quotef (name));
  free (in);
  free (out);
  return ok;
}

bool
cat_copy (int fd, char const *name, struct cat_job *job)
{
  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      error (0, errno, "%s", quotef (name));
      return false;
    }

  off_t pos = S_ISREG (st.st_mode) ? lseek (fd, 0, SEEK_CUR) : -1;

  /* As cat: copying a file into itself would never end.  */
  if (out_is_regular && S_ISREG (st.st_mode)
      && st.st_dev == out_st.st_dev && st.st_ino == out_st.st_ino
      && pos >= 0 && pos < st.st_size)
    {
      error (0, 0, _("%s: input file is output file"), quotef (name));
      return false;
    }

  /* A regular file with a size is mapped; /proc files say 0.  */
  if (S_ISREG (st.st_mode) && st.st_size > 0 && pos >= 0)
    {
      uint64_t start = (uint64_t) pos;
      start = (job->offset > UINT64_MAX - start ? UINT64_MAX
               : start + job->offset);
      uint64_t end;
      int r = (start >= (uint64_t) st.st_size ? 1
               : copy_regular (fd, name, start, (uint64_t) st.st_size, job,
                               &end));
      if (r >= 0)
        {
          /* Leave the descriptor where a read would have.  */
          if (start >= (uint64_t) st.st_size)
            end = (uint64_t) st.st_size;
          if (end <= (uint64_t) INTMAX_MAX)
            lseek (fd, (off_t) end, SEEK_SET);
          return r == 1;
        }
    }
  return copy_read (fd, name, job);
}

void
cat_finish (struct cat_job *job)
{
  char buf[2];
  write_out (buf, cat_format_end (&job->state, buf));
}
