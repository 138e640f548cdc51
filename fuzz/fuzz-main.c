/* fuzz-main.c -- run a fuzz target without libFuzzer: replay a corpus.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Each argument is a file or a directory of files; each file is one
   input of LLVMFuzzerTestOneInput, in the order of the names.  This
   is what a gcc-only machine runs (make check replays the committed
   corpora this way); with clang, the same target links libFuzzer's
   own main instead (make fuzz).  */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long runs;

static int
replay_file (char const *name)
{
  FILE *f = fopen (name, "rb");
  if (!f)
    {
      fprintf (stderr, "%s: %s\n", name, strerror (errno));
      return 1;
    }
  size_t alloc = 4096, n = 0;
  unsigned char *buf = malloc (alloc);
  size_t got;
  while (buf && (got = fread (buf + n, 1, alloc - n, f)) > 0)
    {
      n += got;
      if (n == alloc)
        buf = realloc (buf, alloc *= 2);
    }
  fclose (f);
  if (!buf)
    {
      fprintf (stderr, "%s: out of memory\n", name);
      return 1;
    }
  /* libFuzzer hands a buffer of exactly the input's size: so do we,
     for ASan to see a read past its end.  */
  unsigned char *exact = malloc (n ? n : 1);
  memcpy (exact, buf, n);
  free (buf);
  LLVMFuzzerTestOneInput (exact, n);
  free (exact);
  runs++;
  return 0;
}

static int
compare_names (void const *a, void const *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
replay (char const *name)
{
  struct stat st;
  if (stat (name, &st) != 0)
    {
      fprintf (stderr, "%s: %s\n", name, strerror (errno));
      return 1;
    }
  if (!S_ISDIR (st.st_mode))
    return replay_file (name);
  DIR *d = opendir (name);
  if (!d)
    {
      fprintf (stderr, "%s: %s\n", name, strerror (errno));
      return 1;
    }
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir (d)))
    if (e->d_name[0] != '.')
      {
        names = realloc (names, (n + 1) * sizeof *names);
        size_t dlen = strlen (name), flen = strlen (e->d_name);
        names[n] = malloc (dlen + flen + 2);
        memcpy (names[n], name, dlen);
        names[n][dlen] = '/';
        memcpy (names[n] + dlen + 1, e->d_name, flen + 1);
        n++;
      }
  closedir (d);
  if (n)
    qsort (names, n, sizeof *names, compare_names);
  int status = 0;
  for (size_t i = 0; i < n; i++)
    {
      status |= replay (names[i]);
      free (names[i]);
    }
  free (names);
  return status;
}

int
main (int argc, char **argv)
{
  int status = 0;
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    status |= replay (argv[i]);
  if (getenv ("FUZZ_VERBOSE"))
    fprintf (stderr, "%s: %lu inputs replayed\n", argv[0], runs);
  return status;
}
