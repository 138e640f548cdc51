/* fuzz-args.c -- mmgrep's options and inputs: run the built mmgrep
   with a fuzzed argument vector over a small fuzzed file.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The input is split at its NUL bytes: the first part is the file
   "in", the others are arguments, at most MAX_ARGS of them; "in" is appended as
   the last operand.  mmgrep runs in a fresh directory holding only
   that file, with standard input /dev/null, and must exit by itself
   within TIMEOUT seconds with status 0, 1 or 2: a signal (a crash,
   or a sanitizer's abort), a hang or another status is a finding.
   The program is $FUZZ_MMGREP, or the one of this build tree.  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

enum { MAX_ARGS = 12, MAX_ARG_LEN = 80, TIMEOUT = 10 };

static char const *mmgrep;
static char dir[] = "/tmp/mmu-fuzz-args.XXXXXX";

static void
remove_dir (void)
{
  /* Only what the target made: the one file.  */
  char name[sizeof dir + 8];
  snprintf (name, sizeof name, "%s/in", dir);
  unlink (name);
  rmdir (dir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  mmgrep = getenv ("FUZZ_MMGREP");
  if (!mmgrep)
    mmgrep = FUZZ_MMGREP;
  if (access (mmgrep, X_OK) != 0)
    {
      fprintf (stderr, "fuzz-args: %s: %s\n", mmgrep, strerror (errno));
      exit (77);
    }
  if (!mkdtemp (dir))
    {
      perror ("fuzz-args: mkdtemp");
      exit (99);
    }
  atexit (remove_dir);
  return 0;
}

/* Make ARG harmless for the machine, not for mmgrep: no absolute
   names and no "..", so that -r walks only the fresh directory.  */
static void
tame (char *arg)
{
  if (arg[0] == '/')
    arg[0] = 'x';
  for (char *p = arg; (p = strstr (p, "..")); )
    p[1] = '_';
  /* --file=/x, -f/x... : any '/' inside an argument.  */
  for (char *p = arg; (p = strchr (p, '/')); )
    *p = '_';
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  if (!mmgrep)
    LLVMFuzzerInitialize (NULL, NULL);

  uint8_t const *lim = data + size;
  uint8_t const *nul = memchr (data, 0, size);
  size_t filelen = (nul ? nul : lim) - data;

  char name[sizeof dir + 8];
  snprintf (name, sizeof name, "%s/in", dir);
  int fd = open (name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || write (fd, data, filelen) != (ssize_t) filelen
      || close (fd) != 0)
    FUZZ_FAIL ("%s: %s", name, strerror (errno));

  char *argv[MAX_ARGS + 3];
  char args[MAX_ARGS][MAX_ARG_LEN + 1];
  int argc = 0;
  argv[argc++] = (char *) "mmgrep";
  uint8_t const *p = nul ? nul + 1 : lim;
  while (p < lim && argc <= MAX_ARGS)
    {
      uint8_t const *end = memchr (p, 0, lim - p);
      if (!end)
        end = lim;
      size_t len = end - p;
      if (len > MAX_ARG_LEN)
        len = MAX_ARG_LEN;
      char *a = args[argc - 1];
      memcpy (a, p, len);
      a[len] = '\0';
      tame (a);
      argv[argc++] = a;
      p = end + 1;
    }
  argv[argc++] = (char *) "in";
  argv[argc] = NULL;

  pid_t pid = fork ();
  if (pid < 0)
    FUZZ_FAIL ("fork: %s", strerror (errno));
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);
      if (null < 0 || chdir (dir) != 0)
        _exit (120);
      dup2 (null, STDIN_FILENO);
      if (!getenv ("FUZZ_ARGS_OUTPUT"))
        {
          dup2 (null, STDOUT_FILENO);
          dup2 (null, STDERR_FILENO);
        }
      /* A sanitizer's report must not look like mmgrep's trouble.  */
      setenv ("ASAN_OPTIONS", "exitcode=125:detect_leaks=0", 1);
      setenv ("UBSAN_OPTIONS", "halt_on_error=1:exitcode=125", 1);
      unsetenv ("GREP_COLORS");
      unsetenv ("GREP_COLOR");
      alarm (TIMEOUT);
      execv (mmgrep, argv);
      _exit (121);
    }
  int status;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      FUZZ_FAIL ("waitpid: %s", strerror (errno));

  if (WIFSIGNALED (status) || WEXITSTATUS (status) > 2)
    {
      fprintf (stderr, "fuzz-args: mmgrep");
      for (int i = 1; i < argc; i++)
        fprintf (stderr, " '%s'", argv[i]);
      if (WIFSIGNALED (status))
        FUZZ_FAIL ("killed by signal %d%s", WTERMSIG (status),
                   WTERMSIG (status) == SIGALRM ? " (a hang)" : "");
      FUZZ_FAIL ("exit status %d", WEXITSTATUS (status));
    }
  return 0;
}
