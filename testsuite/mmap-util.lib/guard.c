/* guard.c -- test of the fault guard.
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

/* What this checks, and why: when the file under a map is truncated
   (here through another descriptor, by the test itself or by a child
   process), the next access to the vanished pages raises SIGBUS, which
   kills a Python program.  With the guard, every library access that
   touches them (read, read_byte, readline, get, get_slice, find,
   rfind, set, set_slice, write, write_byte, move) returns -1 with
   EFAULT, the process survives, mmu_faulted turns true, the vanished
   pages read as zeros and writes to them never reach the file.  A scan
   through mmu_acquire's pointer survives too.  A SIGBUS outside every
   guarded map (raise, or a fault in an MMU_NO_GUARD map) still reaches
   the handler installed before, and kills the process when that was
   the default action.  Under valgrind, only the part without faults
   runs.  */

#define wait dejagnu_wait_
#include <dejagnu.h>
#undef wait
#define TEST_NAME "guard"
#include "test-util.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/wait.h>

static char path[PATH_MAX];
static size_t pg;

/* A map of 4 pages whose file is then cut to one page.  */
static mmu_map *
shrunk_map (unsigned int extra)
{
  int fd = tu_pattern_file (4 * pg, path);
  struct mmu_options o = { .extra = extra };
  mmu_map *m = mmu_open (fd, 0, &o);
  if (ftruncate (fd, (off_t) pg) != 0)
    perror ("ftruncate");
  close (fd);
  return m;
}

static void
done (mmu_map *m)
{
  mmu_free (m);
  unlink (path);
}

enum op { OP_READ, OP_READ_BYTE, OP_READLINE, OP_GET, OP_GET_SLICE,
          OP_FIND, OP_RFIND, OP_FIND_RANGE, OP_SET, OP_SET_SLICE, OP_WRITE,
          OP_WRITE_BYTE, OP_MOVE, OP_MOVE_FROM, OP_COUNT };

static const char *const op_names[OP_COUNT] = {
  "read", "read_byte", "readline", "get", "get_slice", "find", "rfind",
  "find_range", "set", "set_slice", "write", "write_byte", "move to",
  "move from",
};

static long
do_op (mmu_map *m, enum op op)
{
  char buf[64];
  const void *line;
  ssize_t far = (ssize_t) (2 * pg);

  switch (op)
    {
    case OP_READ:
      mmu_seek (m, (int64_t) pg - 10, SEEK_SET);
      return mmu_read (m, buf, sizeof buf);
    case OP_READ_BYTE:
      mmu_seek (m, far, SEEK_SET);
      return mmu_read_byte (m);
    case OP_READLINE:
      mmu_seek (m, (int64_t) pg - 3, SEEK_SET);
      return mmu_readline (m, &line);
    case OP_GET:
      return mmu_get (m, far);
    case OP_GET_SLICE:
      return mmu_get_slice (m, (ssize_t) pg - 5, (ssize_t) pg + 5, 1, buf, sizeof buf);
    case OP_FIND:
      return mmu_find (m, "not there", 9);
    case OP_RFIND:
      return mmu_rfind (m, "not there", 9);
    case OP_FIND_RANGE:
      return mmu_find_range (m, "x", 1, far, MMU_OMIT);
    case OP_SET:
      return mmu_set (m, far, 'x');
    case OP_SET_SLICE:
      return mmu_set_slice (m, far, far + 4, 1, "abcd", 4);
    case OP_WRITE:
      mmu_seek (m, far, SEEK_SET);
      return mmu_write (m, "abcd", 4);
    case OP_WRITE_BYTE:
      mmu_seek (m, far, SEEK_SET);
      return mmu_write_byte (m, 'x');
    case OP_MOVE:
      return mmu_move (m, (size_t) far, 0, 10);
    case OP_MOVE_FROM:
      return mmu_move (m, 0, (size_t) far, 10);
    default:
      return 0;
    }
}

static void
test_each_access (void)
{
  char msg[100];

  for (int op = 0; op < OP_COUNT; op++)
    {
      mmu_map *m = shrunk_map (0);
      snprintf (msg, sizeof msg, "%s: open a map to shrink", op_names[op]);
      tu_check (m != NULL, msg);
      snprintf (msg, sizeof msg, "%s before the fault: not faulted", op_names[op]);
      tu_check (!mmu_faulted (m), msg);
      errno = 0;
      long r = do_op (m, (enum op) op);
      snprintf (msg, sizeof msg, "%s over vanished pages: EFAULT", op_names[op]);
      tu_check_err (r, errno, EFAULT, msg);
      snprintf (msg, sizeof msg, "%s: faulted", op_names[op]);
      tu_check (mmu_faulted (m), msg);
      snprintf (msg, sizeof msg, "%s: the file was not grown by the write", op_names[op]);
      tu_check (tu_file_size (path) == (long long) pg, msg);
      done (m);
    }
}

static void
test_after_fault (void)
{
  char buf[32];
  mmu_map *m = shrunk_map (0);

  mmu_seek (m, (int64_t) pg - 4, SEEK_SET);
  CHECK_ERR (mmu_read (m, buf, 8), EFAULT, "first read faults");
  tu_check_detail ("mmap file shrank under the map", "fault detail");
  tu_check (mmu_tell (m) == pg - 4, "a faulted read does not move");
  tu_check (mmu_read (m, buf, 8) == 8 && buf[3] != 0 && buf[4] == 0 && buf[7] == 0,
            "the vanished pages now read as zeros");
  tu_check (mmu_write (m, "ab", 2) == 2, "writes to the zero pages succeed after");
  tu_check (mmu_faulted (m), "still faulted");
  tu_check (mmu_close (m) == 0, "a faulted map closes");
  done (m);

  /* A scan through the acquired pointer: the third-party code case.  */
  m = shrunk_map (0);
  size_t len;
  const volatile unsigned char *p = mmu_acquire (m, &len);
  unsigned long sum = 0;
  for (size_t i = 0; i < len; i++)
    sum += p[i];
  mmu_release (m);
  tu_check (mmu_faulted (m), "a scan through the acquired pointer survives");
  tu_check (sum > 0, "the scan saw the surviving page");
  done (m);

  /* A map whose file is untouched is never faulted.  */
  int fd = tu_pattern_file (2 * pg, path);
  m = mmu_open (fd, 0, NULL);
  close (fd);
  tu_check (mmu_find (m, "none", 4) == -1 && errno == 0 && !mmu_faulted (m),
            "an intact map is not faulted");
  done (m);
}

/* The child truncates the file while the parent keeps the map.  */
static void
test_child_truncates (void)
{
  int fd = tu_pattern_file (4 * pg, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  close (fd);
  pid_t pid = fork ();
  if (pid == 0)
    {
      int cfd = open (path, O_RDWR);
      _exit (cfd >= 0 && ftruncate (cfd, 0) == 0 ? 0 : 1);
    }
  int st;
  waitpid (pid, &st, 0);
  tu_check (WIFEXITED (st) && WEXITSTATUS (st) == 0, "a child truncates the file");
  CHECK_ERR (mmu_get (m, 0), EFAULT, "get after a child truncated everything");
  errno = 1;
  tu_check (mmu_find (m, "a", 1) == -1 && errno == 0 && mmu_faulted (m),
            "after the fault, the patched map reads as zeros");
  done (m);
}

static volatile sig_atomic_t own_ran;
static volatile sig_atomic_t jump_ok;
static sigjmp_buf jb;

static void
own_handler (int sig, siginfo_t *si, void *ctx)
{
  (void) sig;
  (void) si;
  (void) ctx;
  own_ran++;
  if (jump_ok)
    {
      jump_ok = 0;
      siglongjmp (jb, 1);
    }
}

static void
test_chain_to_handler (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = own_handler;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGBUS, &sa, NULL);

  mmu_map *g = mmu_open (-1, 10, NULL);       /* installs the guard */
  own_ran = 0;
  raise (SIGBUS);
  tu_check (own_ran == 1, "raise(SIGBUS) reaches the previous handler");

  mmu_map *m = shrunk_map (MMU_NO_GUARD);
  volatile unsigned char *p = mmu_acquire (m, NULL);
  own_ran = 0;
  if (sigsetjmp (jb, 1) == 0)
    {
      jump_ok = 1;
      (void) p[2 * pg];
      jump_ok = 0;
      fail ("guard: a fault in an unguarded map reaches the previous handler");
    }
  else
    tu_check (own_ran == 1, "a fault in an unguarded map reaches the previous handler");
  tu_check (!mmu_faulted (m), "an unguarded map is never marked faulted");
  mmu_release (m);
  done (m);
  mmu_free (g);
}

/* In a child with SIGBUS at its default action, the guard must let a
   foreign SIGBUS kill the process.  Return the child's signal.  */
static int
dies_by (int how)
{
  pid_t pid = fork ();
  if (pid == 0)
    {
      signal (SIGBUS, SIG_DFL);
      mmu_map *g = mmu_open (-1, 10, NULL);
      (void) g;
      if (how == 0)
        raise (SIGBUS);
      else
        {
          mmu_map *m = shrunk_map (MMU_NO_GUARD);
          unlink (path);
          volatile unsigned char *p = mmu_acquire (m, NULL);
          (void) p[2 * pg];
        }
      _exit (0);
    }
  int st;
  if (waitpid (pid, &st, 0) != pid)
    return -1;
  return WIFSIGNALED (st) ? WTERMSIG (st) : 0;
}

/* Valgrind mis-reports the SIGBUS of a truncated file mapping once a
   handler has mapped pages over such a mapping (it raises SIGSEGV at a
   wrong address): the faults are left out under it.  */
static bool
under_valgrind (void)
{
  const char *p = getenv ("LD_PRELOAD");
  return p != NULL && strstr (p, "vgpreload") != NULL;
}

int
main (void)
{
  tu_init ();
  pg = tu_page ();
  tu_check (dies_by (0) == SIGBUS, "raise(SIGBUS) with the default action still kills");
  if (under_valgrind ())
    {
      untested ("guard: faults on truncated files (under valgrind)");
      totals ();
      return 0;
    }
  tu_check (dies_by (1) == SIGBUS, "an unguarded fault with the default action still kills");
  test_each_access ();
  test_after_fault ();
  test_child_truncates ();
  test_chain_to_handler ();
  totals ();
  return 0;
}
