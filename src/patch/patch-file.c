/* patch-file.c -- how mmpatch opens, locks, copies and replaces FILE.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cli.h"
#include "patch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "error.h"
#include "full-write.h"
#include "xalloc.h"

/* Bytes copied at a time where copy_file_range cannot copy.  */
enum { COPY_SIZE = 1024 * 1024 };

/* Take the advisory lock of TYPE (F_RDLCK, F_WRLCK) on all of FD,
   without waiting.  The lock is an open file description lock where
   the system has them: a process lock (F_SETLK) would be released when
   the library closes its duplicate of FD at the end of a map.  The two
   kinds conflict with each other, so other programs locking with
   F_SETLK or lockf are kept off too.  */
static int
lock_file (int fd, short type)
{
  struct flock fl = { .l_type = type, .l_whence = SEEK_SET };
#ifdef F_OFD_SETLK
  if (fcntl (fd, F_OFD_SETLK, &fl) == 0)
    return 0;
  if (errno != EINVAL)
    return -1;
#endif
  return fcntl (fd, F_SETLK, &fl);
}

static void remove_stale_temps (struct patch_file const *f);

bool
patch_file_open (char const *name, bool read_only, struct patch_file *f)
{
  f->name = name;
  f->path = realpath (name, NULL);
  if (!f->path)
    {
      error (0, errno, "%s", quotef (name));
      return false;
    }
  /* A file renamed over between the open and the lock (by another
     mmpatch that held the lock) is opened again.  The open does not
     block (a FIFO opened for reading would wait for a writer): FILE is
     checked to be a regular file first, and blocking is turned back
     on after.  */
  for (int tries = 0;; tries++)
    {
      f->fd = open (f->path, ((read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC
                              | O_NONBLOCK | O_NOCTTY));
      if (f->fd < 0)
        {
          error (0, errno, "%s", quotef (name));
          free (f->path);
          return false;
        }
      if (fstat (f->fd, &f->st) != 0)
        {
          error (0, errno, "%s", quotef (name));
          close (f->fd);
          free (f->path);
          return false;
        }
      int fl;
      if (!S_ISREG (f->st.st_mode))
        {
          error (0, 0, _("%s: not a regular file"), quotef (name));
          close (f->fd);
          free (f->path);
          return false;
        }
      if ((fl = fcntl (f->fd, F_GETFL)) < 0
          || fcntl (f->fd, F_SETFL, fl & ~O_NONBLOCK) != 0)
        {
          error (0, errno, "%s", quotef (name));
          close (f->fd);
          free (f->path);
          return false;
        }
      if (lock_file (f->fd, read_only ? F_RDLCK : F_WRLCK) != 0)
        {
          int e = errno;
          if (e == EACCES || e == EAGAIN)
            error (0, 0, _("%s: locked by another process (mmpatch?);"
                   " nothing written"), quotef (name));
          else
            error (0, e, _("%s: cannot lock"), quotef (name));
          close (f->fd);
          free (f->path);
          return false;
        }
      struct stat now;
      if (stat (f->path, &now) == 0 && now.st_ino == f->st.st_ino
          && now.st_dev == f->st.st_dev)
        {
          if (!read_only)
            remove_stale_temps (f);
          return true;
        }
      close (f->fd);
      if (tries == 10)
        {
          error (0, 0, _("%s: keeps being replaced"), quotef (name));
          free (f->path);
          return false;
        }
    }
}

bool
patch_file_unchanged (struct patch_file const *f)
{
  struct stat by_name, by_fd;
  if (stat (f->path, &by_name) != 0)
    {
      error (0, errno, _("%s: vanished during the patch; nothing written"),
             quotef (f->name));
      return false;
    }
  if (fstat (f->fd, &by_fd) != 0)
    {
      error (0, errno, "%s", quotef (f->name));
      return false;
    }
  if (by_name.st_ino != f->st.st_ino || by_name.st_dev != f->st.st_dev)
    {
      error (0, 0, _("%s: replaced during the patch; nothing written"),
             quotef (f->name));
      return false;
    }
  if (by_fd.st_size != f->st.st_size
      || by_fd.st_mtim.tv_sec != f->st.st_mtim.tv_sec
      || by_fd.st_mtim.tv_nsec != f->st.st_mtim.tv_nsec)
    {
      error (0, 0, _("%s: changed by another process during the patch;"
             " nothing written"), quotef (f->name));
      return false;
    }
  return true;
}

/* Copy the bytes of SRC from *IN up to END to DST (at its position),
   advancing *IN.  Return 0, or -1 with errno.  */
static int
copy_part (int src, int dst, off_t *in, off_t end)
{
#if HAVE_COPY_FILE_RANGE
  while (*in < end)
    {
      ssize_t n = copy_file_range (src, in, dst, NULL, end - *in, 0);
      if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL
                    || errno == EOPNOTSUPP || errno == EBADF))
        break;
      if (n < 0)
        return -1;
      if (n == 0)
        {
          errno = EIO;          /* the file shrank */
          return -1;
        }
    }
#endif
  if (*in < end)
    {
      char *buf = xmalloc (COPY_SIZE);
      while (*in < end)
        {
          size_t want = end - *in < COPY_SIZE ? end - *in : COPY_SIZE;
          ssize_t n = pread (src, buf, want, *in);
          if (n <= 0)
            {
              if (n == 0)
                errno = EIO;
              free (buf);
              return -1;
            }
          if (full_write (dst, buf, n) != (size_t) n)
            {
              free (buf);
              return -1;
            }
          *in += n;
        }
      free (buf);
    }
  return 0;
}

/* Copy the SIZE bytes of SRC (from its start) to DST (at its
   position).  Return 0, or -1 with errno.  The test hook "copy" stops
   the process halfway.  */
static int
copy_bytes (int src, int dst, off_t size)
{
  off_t in = 0;
  if (copy_part (src, dst, &in, size / 2) != 0)
    return -1;
  patch_file_test_pause ("copy");
  return copy_part (src, dst, &in, size);
}

int
patch_file_scratch (struct patch_file const *f)
{
  int fd = -1;
#if HAVE_MEMFD_CREATE
  fd = memfd_create ("mmpatch", MFD_CLOEXEC);
#endif
  if (fd < 0)
    {
      FILE *tmp = tmpfile ();
      if (tmp)
        fd = dup (fileno (tmp));
      if (tmp)
        fclose (tmp);
    }
  if (fd < 0)
    {
      error (0, errno, _("%s: cannot make a scratch copy"), quotef (f->name));
      return -1;
    }
  if (copy_bytes (f->fd, fd, f->st.st_size) != 0)
    {
      error (0, errno, _("%s: cannot make a scratch copy"), quotef (f->name));
      close (fd);
      return -1;
    }
  return fd;
}

/* A new name beside F's path: its directory, then ".BASE" followed by
   SUFFIX.  */
static char *
beside (struct patch_file const *f, char const *suffix)
{
  char const *slash = strrchr (f->path, '/');
  size_t dirlen = slash - f->path + 1;
  char *name = xmalloc (strlen (f->path) + strlen (suffix) + 2);
  memcpy (name, f->path, dirlen);
  sprintf (name + dirlen, ".%s%s", slash + 1, suffix);
  return name;
}

/* The directory of F's path, to free.  */
static char *
dir_of (struct patch_file const *f)
{
  char *dir = xstrdup (f->path);
  char *slash = strrchr (dir, '/');
  slash[slash == dir] = '\0';
  return dir;
}

/* The name of a temporary beside F, to free: ".BASE.mmpatch-PID-"
   followed by XXXXXX for mkstemp.  The process id tells a later run
   whether the temporary's maker is still alive.  */
static char *
temp_template (struct patch_file const *f)
{
  char suffix[sizeof ".mmpatch--XXXXXX" + 3 * sizeof (intmax_t)];
  sprintf (suffix, ".mmpatch-%jd-XXXXXX", (intmax_t) getpid ());
  return beside (f, suffix);
}

int
patch_file_temp (struct patch_file const *f, char **tmp)
{
  int fd = -1;
  *tmp = NULL;
#ifdef O_TMPFILE
  /* Where the system and the file system can, the temporary has no
     name until it is complete (patch_file_name_temp): a crash while it
     is written leaves nothing behind.  A refusal (EOPNOTSUPP, EISDIR,
     EINVAL from an older kernel) falls back to a named one.  */
  {
    char *dir = dir_of (f);
    fd = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);
    free (dir);
  }
#endif
  if (fd < 0)
    {
      *tmp = temp_template (f);
      fd = mkstemp (*tmp);
    }
  if (fd < 0)
    {
      error (0, errno, _("%s: cannot create a temporary file beside it"),
             quotef (f->name));
      free (*tmp);
      *tmp = NULL;
      return -1;
    }
  if (copy_bytes (f->fd, fd, f->st.st_size) != 0)
    {
      int e = errno;
      if (*tmp)
        error (0, e, _("%s: cannot copy to %s"), quotef (f->name),
               quotearg_n_style (2, shell_escape_quoting_style, *tmp));
      else
        error (0, e, _("%s: cannot copy to a temporary file beside it"),
               quotef (f->name));
      close (fd);
      if (*tmp)
        unlink (*tmp);
      free (*tmp);
      *tmp = NULL;
      return -1;
    }
  return fd;
}

static char const *give_owner_mode (struct patch_file const *f, int fd);

/* Give the complete temporary *FD of F a name beside F, if it has none
   (O_TMPFILE), storing it in *TMP.  Where it cannot be linked (no
   /proc, and no right to link by descriptor), copy it to a named
   temporary and put that one's descriptor in *FD.  Return true, or
   report and return false (*FD closed).  */
static bool
name_temp (struct patch_file const *f, int *fd, char **tmp)
{
  if (*tmp)
    return true;
  char proc[sizeof "/proc/self/fd/" + 3 * sizeof (int)];
  sprintf (proc, "/proc/self/fd/%d", *fd);
  for (int tries = 0; tries < 100; tries++)
    {
      /* A fresh name: mkstemp picks one that is free, and it is freed
         again for the link, which fails with EEXIST if another took
         it meanwhile.  */
      char *name = temp_template (f);
      int probe = mkstemp (name);
      if (probe < 0)
        {
          error (0, errno, _("%s: cannot create a temporary file beside it"),
                 quotef (f->name));
          free (name);
          close (*fd);
          return false;
        }
      close (probe);
      unlink (name);
      int r = linkat (AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
#ifdef AT_EMPTY_PATH
      if (r != 0 && errno != EEXIST)
        r = linkat (*fd, "", AT_FDCWD, name, AT_EMPTY_PATH);
#endif
      if (r == 0)
        {
          *tmp = name;
          return true;
        }
      int e = errno;
      free (name);
      if (e != EEXIST)
        break;
    }

  /* Copy it, then.  */
  struct stat st;
  if (fstat (*fd, &st) != 0)
    {
      error (0, errno, _("%s: cannot write the new file"), quotef (f->name));
      close (*fd);
      return false;
    }
  char *name = temp_template (f);
  int named = mkstemp (name);
  if (named < 0 || copy_bytes (*fd, named, st.st_size) != 0
      || fsync (named) != 0)
    {
      error (0, errno, _("%s: cannot write the new file"), quotef (f->name));
      if (named >= 0)
        {
          close (named);
          unlink (name);
        }
      free (name);
      close (*fd);
      return false;
    }
  close (*fd);
  *fd = named;
  *tmp = name;
  char const *what = give_owner_mode (f, named);
  if (what)
    {
      error (0, errno, _("%s: %s; nothing written"), quotef (f->name), what);
      close (named);
      unlink (name);
      free (name);
      *tmp = NULL;
      return false;
    }
  return true;
}

/* Remove the temporaries that earlier runs on F left beside it when
   they died: ".BASE.mmpatch-PID-XXXXXX" whose process PID is gone.  F
   is locked, so no live mmpatch is writing one for it; a temporary of
   a live process (another file of the same name, in a rename race) is
   left alone.  Failures are ignored: the temporaries only take room.  */
static void
remove_stale_temps (struct patch_file const *f)
{
  char *dir = dir_of (f);
  char const *base = strrchr (f->path, '/') + 1;
  size_t baselen = strlen (base);
  DIR *d = opendir (dir);
  free (dir);
  if (!d)
    return;
  struct dirent *de;
  while ((de = readdir (d)))
    {
      char const *n = de->d_name;
      if (n[0] != '.' || strncmp (n + 1, base, baselen) != 0
          || strncmp (n + 1 + baselen, ".mmpatch-", 9) != 0)
        continue;
      char const *p = n + 1 + baselen + 9;
      char *end;
      errno = 0;
      long long pid = strtoll (p, &end, 10);
      if (end == p || *p == '-' || *p == '+' || errno || *end != '-'
          || strlen (end + 1) != 6 || pid <= 0 || pid != (pid_t) pid)
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      struct stat st;
      if (fstatat (dirfd (d), n, &st, AT_SYMLINK_NOFOLLOW) == 0
          && S_ISREG (st.st_mode))
        unlinkat (dirfd (d), n, 0);
    }
  closedir (d);
}

/* Flush the directory of F's path.  */
static bool
sync_dir (struct patch_file const *f)
{
  char *dir = dir_of (f);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool ok = fd >= 0 && (fsync (fd) == 0 || errno == EINVAL);
  int e = errno;
  if (fd >= 0)
    close (fd);
  if (!ok)
    error (0, e, _("%s: cannot flush the directory %s"), quotef (f->name),
           quotearg_n_style (2, shell_escape_quoting_style, dir));
  free (dir);
  return ok;
}

/* F's path followed by SUFFIX.  */
static char *
backup_name (struct patch_file const *f, char const *suffix)
{
  char *name = xmalloc (strlen (f->path) + strlen (suffix) + 1);
  return strcat (strcpy (name, f->path), suffix);
}

/* Give FD F's owner (if it can: as root, or F being ours) and mode.
   Return NULL, or what failed.  */
static char const *
give_owner_mode (struct patch_file const *f, int fd)
{
  if (fchown (fd, f->st.st_uid, f->st.st_gid) != 0)
    {
      struct stat st;
      if (fstat (fd, &st) != 0 || st.st_uid != f->st.st_uid
          || st.st_gid != f->st.st_gid)
        return "cannot give the new file the owner of the old one"
          " (--in-place keeps it)";
    }
  if (fchmod (fd, f->st.st_mode & 07777) != 0)
    return "cannot give the new file the mode of the old one";
  return NULL;
}

bool
patch_file_replace (struct patch_file const *f, int fd, char *tmp,
                    char const *backup)
{
  char *bak = NULL;
  char const *what = give_owner_mode (f, fd);
  if (!what && fsync (fd) != 0)
    what = "cannot flush the new file";
  int e = errno;
  if (!what && !name_temp (f, &fd, &tmp))
    return false;
  if (close (fd) != 0 && !what)
    what = "cannot write the new file", e = errno;
  if (!what && backup)
    {
      bak = backup_name (f, backup);
      if ((unlink (bak) != 0 && errno != ENOENT) || link (f->path, bak) != 0)
        what = "cannot make the backup", e = errno;
    }
  if (!what)
    {
      patch_file_test_pause ("before");
      if (!patch_file_unchanged (f))
        {
          unlink (tmp);
          free (tmp);
          free (bak);
          return false;
        }
      if (rename (tmp, f->path) != 0)
        what = "cannot rename the new file over it", e = errno;
    }
  if (what)
    {
      error (0, e, _("%s: %s; nothing written"), quotef (f->name), what);
      if (tmp)
        unlink (tmp);
      free (tmp);
      free (bak);
      return false;
    }
  free (tmp);
  free (bak);
  return sync_dir (f);
}

bool
patch_file_backup (struct patch_file const *f, char const *backup)
{
  char *tmp;
  int fd = patch_file_temp (f, &tmp);
  if (fd < 0)
    return false;
  char *bak = backup_name (f, backup);
  bool ok = (fchown (fd, f->st.st_uid, f->st.st_gid) == 0 || errno == EPERM)
    && fchmod (fd, f->st.st_mode & 07777) == 0 && fsync (fd) == 0;
  int e = errno;
  if (ok && !name_temp (f, &fd, &tmp))
    {
      free (bak);
      return false;
    }
  ok = ok && rename (tmp, bak) == 0;
  if (!ok && e == 0)
    e = errno;
  close (fd);
  if (!ok)
    {
      error (0, e, _("%s: cannot make the backup %s; nothing written"),
             quotef (f->name),
             quotearg_n_style (2, shell_escape_quoting_style, bak));
      if (tmp)
        unlink (tmp);
    }
  free (tmp);
  free (bak);
  return ok && sync_dir (f);
}

void
patch_file_test_pause (char const *point)
{
  char const *env = getenv ("MMPATCH_TEST_PAUSE");
  if (env && (strcmp (env, point) == 0
              || (strcmp (point, "before") == 0 && strcmp (env, "mapped") != 0
                  && strcmp (env, "copy") != 0)))
    raise (SIGSTOP);
}

bool
patch_file_close (struct patch_file *f, bool sync)
{
  bool ok = true;
  if (sync && fsync (f->fd) != 0)
    {
      error (0, errno, _("%s: cannot flush"), quotef (f->name));
      ok = false;
    }
  if (close (f->fd) != 0)
    {
      error (0, errno, "%s", quotef (f->name));
      ok = false;
    }
  free (f->path);
  return ok;
}
