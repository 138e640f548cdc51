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

/* Bytes written from a mapping at a time.  */
enum { WRITE_SIZE = 1024 * 1024 };

/* The pipe size asked for when vmsplice hands pages to a pipe.  */
enum { PIPE_SIZE = 1024 * 1024 };

/* What standard output is.  */
static struct stat out_st;
static bool out_is_pipe, out_is_regular, out_appends;
/* The ways of writing that still work: cleared at the first refusal.  */
static bool use_vmsplice, use_copy_file_range;

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

/* Copy N bytes of the mapping at P to standard output without
   formatting.  Return 0, or -1 if the source faulted (the file
   shrank).  */
static int
copy_mapped_raw (unsigned char const *p, size_t n)
{
#if HAVE_VMSPLICE
  if (use_vmsplice)
    {
# ifdef F_SETPIPE_SZ
      static bool sized;
      if (!sized)
        {
          /* Fewer, larger hand-overs; keep the system's size if refused.  */
          fcntl (STDOUT_FILENO, F_SETPIPE_SZ, PIPE_SIZE);
          sized = true;
        }
# endif
      while (n > 0)
        {
          struct iovec iov = { (void *) p, n };
          ssize_t r = vmsplice (STDOUT_FILENO, &iov, 1, 0);
          if (r < 0)
            {
              if (errno == EINTR)
                continue;
              if (errno == EFAULT)
                return -1;
              if (errno == EINVAL || errno == ENOSYS || errno == EBADF)
                {
                  /* Not a pipe vmsplice takes: write instead.  */
                  use_vmsplice = false;
                  break;
                }
              write_error ();
            }
          p += r;
          n -= (size_t) r;
        }
      if (n == 0)
        return 0;
    }
#endif
  while (n > 0)
    {
      size_t chunk = n < WRITE_SIZE ? n : WRITE_SIZE;
      size_t w = full_write (STDOUT_FILENO, p, chunk);
      if (w != chunk)
        {
          if (errno == EFAULT)
            return -1;
          write_error ();
        }
      p += chunk;
      n -= chunk;
    }
  return 0;
}

/* Format N bytes of the mapping M at P to standard output.  Return 0,
   or -1 if the source faulted.  */
static int
copy_mapped_formatted (mmu_map *m, unsigned char const *p, size_t n,
                       struct cat_job *job)
{
  char *buf = xmalloc (cat_format_bound (IO_SIZE));
  int ret = 0;
  while (n > 0)
    {
      size_t chunk = n < IO_SIZE ? n : IO_SIZE;
      size_t out = cat_format (&job->style, &job->state, p, chunk, buf);
      /* Never print the zeros the fault guard put where the file was.  */
      if (mmu_faulted (m))
        {
          ret = -1;
          break;
        }
      write_out (buf, out);
      p += chunk;
      n -= chunk;
    }
  free (buf);
  return ret;
}

/* Copy LEN bytes at OFFSET of the regular file FD with copy_file_range.
   Return the number of bytes copied (fewer if the file shrank), or -1
   if copy_file_range cannot do it (nothing copied).  */
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
        break;                  /* the file ended early */
      done += (uint64_t) r;
    }
  return (intmax_t) done;
#else
  (void) fd, (void) offset, (void) len;
  return -1;
#endif
}

/* Copy the part JOB asks for of the regular file FD of size SIZE
   through a mapping.  Return 1 on success, 0 on failure (reported), -1
   when it cannot be mapped (nothing done).  */
static int
copy_regular (int fd, char const *name, uint64_t start, uint64_t size,
              struct cat_job *job)
{
  if (start >= size)
    return 1;
  uint64_t len = size - start;
  if (job->length < len)
    len = job->length;
  if (len > SIZE_MAX / 2)
    return -1;

  bool format = cat_style_active (&job->style);
  if (!format && use_copy_file_range)
    {
      intmax_t r = copy_range (fd, start, len);
      if (r >= 0)
        return (uint64_t) r == len ? 1 : truncated (name);
    }

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
  size_t maplen;
  unsigned char const *p = mmu_acquire (m, &maplen);
  int r = (format
           ? copy_mapped_formatted (m, p + skip, (size_t) len, job)
           : copy_mapped_raw (p + skip, (size_t) len));
  mmu_release (m);
  bool faulted = r != 0 || mmu_faulted (m);
  mmu_free (m);
  return faulted ? truncated (name) : 1;
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
      int r = copy_regular (fd, name, start, (uint64_t) st.st_size, job);
      if (r >= 0)
        {
          /* Leave the descriptor where a read would have.  */
          uint64_t end = start < (uint64_t) st.st_size ? start : (uint64_t) st.st_size;
          if (job->length < (uint64_t) st.st_size - end)
            end += job->length;
          else
            end = (uint64_t) st.st_size;
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
