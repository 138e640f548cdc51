/* find-bench.c -- time mmu_find and mmu_rfind against the C library.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU General Public License as published by the
   Free Software Foundation, either version 3 of the License, or (at your
   option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

/* Usage: find-bench [--runs N] [--python RESULTS] FILE [NEEDLE...]
          find-bench --needles FILE [NEEDLE...]

   Maps FILE with mmu_open and times, for each needle of the benchmark,
   four operations with the library and with the C library on the same
   mapping:

     find    the first occurrence in the whole map:
             mmu_find_range (m, s, n, 0, MMU_OMIT) vs. memmem;
     count   every occurrence, overlapping ones included (find again
             from the last hit + 1), as grep -c-like users do;
     rfind   the last occurrence: mmu_rfind_range vs. a loop of memrchr
             for the needle's first byte and memcmp (the C library has
             no reverse memmem);
     rcount  every occurrence from the end (rfind again in
             [0, last hit + length - 1)).

   Each is run once to warm up, then --runs times (default 5), the two
   implementations alternating, and the median is reported.  (A run
   that takes less than 20 ms, a search that stops early, is repeated
   until it does, and the time per search is used.)  With
   --python, RESULTS holds Python's times for the same operations (lines
   "NEEDLE-INDEX OP MEDIAN RESULT", as run-find writes them), shown in
   two more columns.  Every answer (offset or count) is compared between
   the implementations, and between count and rcount; a disagreement
   prints MISMATCH and makes the exit status 1.

   NEEDLEs replace the built-in needles; \n, \t, \\ and \xHH in them
   are escapes.  --needles prints the needles, one per line in hex, for
   run-find's Python part.  The built-in long needle is computed from
   FILE: the first 40 bytes (after leading blanks) of the last line near
   the end of FILE that has that many.  */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mmap-util.h>

#define MAX_RUNS 101

struct needle
{
  const char *bytes;
  size_t len;
  const char *why;
};

/* The needles.  The long one is filled in from the file.  */
static char long_needle[41];
static struct needle default_needles[] = {
  { "PM_RESUME", 9, "rare identifier" },
  { "zqxjkvbw_nomatch", 16, "no match" },
  { "return", 6, "common word" },
  { "@", 1, "1 byte" },
  { "{\n", 2, "2 bytes" },
  { long_needle, 40, "40 bytes near the end" },
  { "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", 16, "adversarial: 16 tabs" },
  { "                                x", 33, "adversarial: 32 spaces, x" },
  { "0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01", 40,
    "adversarial: firmware table, rare bytes common" },
};
#define NDEFAULT (sizeof default_needles / sizeof default_needles[0])

/* The needles in use: the default ones, or those given as arguments.  */
static struct needle *needles = default_needles;
static size_t nneedles = NDEFAULT;

enum op { OP_FIND, OP_COUNT, OP_RFIND, OP_RCOUNT, NOPS };
static const char *const op_name[NOPS] =
  { "find", "count", "rfind", "rcount" };

static mmu_map *map;
static const unsigned char *base;
static size_t len;

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The library.  */
static long
lib_op (enum op op, const struct needle *nd)
{
  ssize_t pos;
  long count = 0;

  switch (op)
    {
    case OP_FIND:
      return mmu_find_range (map, nd->bytes, nd->len, 0, MMU_OMIT);
    case OP_COUNT:
      for (pos = mmu_find_range (map, nd->bytes, nd->len, 0, MMU_OMIT);
           pos >= 0;
           pos = mmu_find_range (map, nd->bytes, nd->len, pos + 1, MMU_OMIT))
        count++;
      return count;
    case OP_RFIND:
      return mmu_rfind_range (map, nd->bytes, nd->len, 0, MMU_OMIT);
    case OP_RCOUNT:
      for (pos = mmu_rfind_range (map, nd->bytes, nd->len, 0, MMU_OMIT);
           pos >= 0;
           pos = mmu_rfind_range (map, nd->bytes, nd->len, 0,
                                  pos + (ssize_t) nd->len - 1))
        count++;
      return count;
    default:
      abort ();
    }
}

/* The last occurrence of N in H[0..HL) by memrchr for N's first byte:
   what a C programmer writes without a reverse memmem.  */
static const unsigned char *
memrchr_find (const unsigned char *h, size_t hl, const unsigned char *n,
              size_t nl)
{
  size_t starts;
  if (nl > hl)
    return NULL;
  starts = hl - nl + 1;
  while (starts > 0)
    {
      const unsigned char *p = memrchr (h, n[0], starts);
      if (!p)
        return NULL;
      if (memcmp (p, n, nl) == 0)
        return p;
      starts = p - h;
    }
  return NULL;
}

/* The C library.  */
static long
libc_op (enum op op, const struct needle *nd)
{
  const unsigned char *n = (const unsigned char *) nd->bytes;
  const unsigned char *p;
  long count = 0;

  switch (op)
    {
    case OP_FIND:
      p = memmem (base, len, n, nd->len);
      return p ? p - base : -1;
    case OP_COUNT:
      for (p = memmem (base, len, n, nd->len); p;
           p = memmem (p + 1, len - (p + 1 - base), n, nd->len))
        count++;
      return count;
    case OP_RFIND:
      p = memrchr_find (base, len, n, nd->len);
      return p ? p - base : -1;
    case OP_RCOUNT:
      for (p = memrchr_find (base, len, n, nd->len); p;
           p = memrchr_find (base, p - base + nd->len - 1, n, nd->len))
        count++;
      return count;
    default:
      abort ();
    }
}

typedef long op_fn (enum op, const struct needle *);

/* Run OP once as the warm-up, store its answer in *RESULT, and return
   how many times to repeat it so that one timed sample lasts at least
   MIN_SAMPLE seconds (operations that stop early take microseconds).  */
#define MIN_SAMPLE 0.02
static long
calibrate (op_fn *fn, enum op op, const struct needle *nd, long *result)
{
  double t = now ();
  *result = fn (op, nd);
  t = now () - t;
  if (t >= MIN_SAMPLE)
    return 1;
  return t <= MIN_SAMPLE / 1000000 ? 1000000 : (long) (MIN_SAMPLE / t) + 1;
}

/* One timed sample: the seconds for one run of OP, averaged over REPS
   runs.  Set *BAD if an answer is not WANT.  */
static double
sample (op_fn *fn, enum op op, const struct needle *nd, long reps,
        long want, int *bad)
{
  /* Called through a volatile pointer: memmem is declared pure, and a
     compiler that sees through the call could run it once for REPS.  */
  op_fn *volatile call = fn;
  double t = now ();
  long k;
  for (k = 0; k < reps; k++)
    if (call (op, nd) != want)
      *bad = 1;
  return (now () - t) / reps;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Fill in the long needle: the first 40 bytes, after leading blanks, of
   the last line in the last 64 KiB of the file that has 40 such bytes.  */
static void
pick_long_needle (void)
{
  size_t from = len > 65536 ? len - 65536 : 0;
  size_t end = len;             /* the end of the line (its newline) */

  while (end > from)
    {
      size_t start = end, i;
      while (start > from && base[start - 1] != '\n')
        start--;
      if (start == from)
        break;                  /* perhaps not a whole line */
      i = start;
      while (i < end && (base[i] == ' ' || base[i] == '\t'))
        i++;
      if (end - i >= 40)
        {
          memcpy (long_needle, base + i, 40);
          return;
        }
      end = start - 1;
    }
  /* A file without such a line: a needle that is not there.  */
  memcpy (long_needle, "no line of 40 bytes in the last 64 KiB..", 40);
}

/* A printable form of a needle, at most 20 columns.  */
static const char *
show (const struct needle *nd)
{
  static char buf[64];
  size_t i, o = 0;
  for (i = 0; i < nd->len && o < 20; i++)
    {
      unsigned char c = nd->bytes[i];
      if (c == '\n')
        o += sprintf (buf + o, "\\n");
      else if (c == '\t')
        o += sprintf (buf + o, "\\t");
      else if (c < ' ' || c > '~')
        o += sprintf (buf + o, "\\x%02x", c);
      else
        buf[o++] = c;
    }
  if (i < nd->len)
    o += sprintf (buf + o, "..");
  buf[o] = 0;
  return buf;
}

/* Make a needle of ARG, where \n, \t, \\ and \xHH are escapes.  */
static void
unescape (const char *arg, struct needle *nd)
{
  char *out = malloc (strlen (arg) + 1);
  size_t o = 0;
  if (!out)
    {
      perror ("find-bench");
      exit (2);
    }
  while (*arg)
    {
      if (arg[0] == '\\' && arg[1] == 'n')
        out[o++] = '\n', arg += 2;
      else if (arg[0] == '\\' && arg[1] == 't')
        out[o++] = '\t', arg += 2;
      else if (arg[0] == '\\' && arg[1] == '\\')
        out[o++] = '\\', arg += 2;
      else if (arg[0] == '\\' && arg[1] == 'x' && arg[2] && arg[3])
        {
          char hex[3] = { arg[2], arg[3], 0 };
          out[o++] = (char) strtoul (hex, NULL, 16);
          arg += 4;
        }
      else
        out[o++] = *arg++;
    }
  nd->bytes = out;
  nd->len = o;
  nd->why = "given";
}

struct py_result
{
  double median;
  long result;
  int have;
};
static struct py_result (*py)[NOPS];

static void
read_python (const char *file)
{
  FILE *f = fopen (file, "r");
  unsigned int idx;
  char opname[16];
  double med;
  long res;

  if (!f)
    {
      perror (file);
      exit (2);
    }
  while (fscanf (f, "%u %15s %lf %ld", &idx, opname, &med, &res) == 4)
    {
      int op;
      for (op = 0; op < NOPS; op++)
        if (strcmp (opname, op_name[op]) == 0 && idx < nneedles)
          {
            py[idx][op].median = med;
            py[idx][op].result = res;
            py[idx][op].have = 1;
          }
    }
  fclose (f);
}

/* What the fault guard costs on the path without faults: count the
   first needles on the guarded map and on a map of the same file with
   MMU_NO_GUARD, in turn.  Return the number of mismatches.  */
static int
guard_cost (int fd, int runs)
{
  struct mmu_options opts = { .access = MMU_ACCESS_READ,
                              .extra = MMU_NO_GUARD };
  mmu_map *guarded = map;
  mmu_map *unguarded = mmu_open (fd, 0, &opts);
  int mismatches = 0;
  size_t i;

  if (unguarded == NULL)
    {
      perror ("find-bench: mmu_open with MMU_NO_GUARD");
      return 1;
    }
  printf ("\nthe fault guard's cost (count, guarded and MMU_NO_GUARD maps)\n");
  printf ("%-22s %10s %9s %9s %8s\n", "needle", "answer", "guard s",
          "noguard s", "ratio");
  for (i = 0; i < nneedles && i < 3; i++)
    {
      double tg[MAX_RUNS], tu[MAX_RUNS];
      long rg, ru, kg, ku;
      int r, bad;

      map = guarded;
      kg = calibrate (lib_op, OP_COUNT, &needles[i], &rg);
      map = unguarded;
      ku = calibrate (lib_op, OP_COUNT, &needles[i], &ru);
      bad = rg != ru;
      for (r = 0; r < runs; r++)
        {
          map = guarded;
          tg[r] = sample (lib_op, OP_COUNT, &needles[i], kg, rg, &bad);
          map = unguarded;
          tu[r] = sample (lib_op, OP_COUNT, &needles[i], ku, ru, &bad);
        }
      double mg = median (tg, runs), mu = median (tu, runs);
      printf ("%-22s %10ld %9.3g %9.3g %7.2fx%s\n", show (&needles[i]), rg,
              mg, mu, mu / mg, bad ? "  MISMATCH" : "");
      mismatches += bad;
    }
  map = guarded;
  mmu_free (unguarded);
  return mismatches;
}

int
main (int argc, char **argv)
{
  int runs = 5, list = 0, mismatches = 0, fd;
  const char *python = NULL, *file;
  size_t i;

  while (argc > 2 && argv[1][0] == '-')
    {
      if (strcmp (argv[1], "--runs") == 0 && argc > 3)
        {
          char *end;
          long r = strtol (argv[2], &end, 10);
          runs = *end == '\0' && 0 < r && r <= INT_MAX ? (int) r : 0;
          argv += 2, argc -= 2;
        }
      else if (strcmp (argv[1], "--python") == 0 && argc > 3)
        {
          python = argv[2];
          argv += 2, argc -= 2;
        }
      else if (strcmp (argv[1], "--needles") == 0)
        {
          list = 1;
          argv++, argc--;
        }
      else
        break;
    }
  if (argc < 2 || argv[1][0] == '-' || runs < 1 || runs > MAX_RUNS)
    {
      fprintf (stderr, "usage: find-bench [--runs N] [--python RESULTS] "
                       "FILE [NEEDLE...]\n"
                       "       find-bench --needles FILE [NEEDLE...]\n");
      return 2;
    }
  file = argv[1];
  if (argc > 2)
    {
      nneedles = argc - 2;
      needles = calloc (nneedles, sizeof *needles);
      if (!needles)
        {
          perror ("find-bench");
          return 2;
        }
      for (i = 0; i < nneedles; i++)
        unescape (argv[i + 2], &needles[i]);
    }
  py = calloc (nneedles, sizeof *py);
  if (!py)
    {
      perror ("find-bench");
      return 2;
    }

  struct mmu_options read_only = { .access = MMU_ACCESS_READ };
  fd = open (file, O_RDONLY);
  if (fd < 0 || !(map = mmu_open (fd, 0, &read_only)))
    {
      fprintf (stderr, "find-bench: %s: %s\n", file, strerror (errno));
      return 2;
    }
  base = mmu_acquire (map, &len);
  pick_long_needle ();

  if (list)
    {
      for (i = 0; i < nneedles; i++)
        {
          size_t k;
          for (k = 0; k < needles[i].len; k++)
            printf ("%02x", (unsigned char) needles[i].bytes[k]);
          putchar ('\n');
        }
      return 0;
    }
  if (python)
    read_python (python);

  printf ("%s: %zu bytes, median of %d runs after a warm-up\n"
          "libc: memmem for find/count, memrchr + memcmp loop for "
          "rfind/rcount\n\n", file, len, runs);
  for (i = 0; i < nneedles; i++)
    printf ("  %-22s %zu bytes: %s\n", show (&needles[i]), needles[i].len,
            needles[i].why);
  printf ("\n");
  printf ("%-22s %-6s %10s %9s %9s %8s", "needle", "op", "answer",
          "mmu s", "libc s", "libc/mmu");
  if (python)
    printf (" %9s %8s", "python s", "py/mmu");
  printf ("\n");
  fflush (stdout);

  for (i = 0; i < nneedles; i++)
    {
      long counts[2] = { -1, -1 };
      int op;
      for (op = 0; op < NOPS; op++)
        {
          double tl[MAX_RUNS], tc[MAX_RUNS], ml, mc;
          long rl, rc;
          long kl = calibrate (lib_op, op, &needles[i], &rl);
          long kc = calibrate (libc_op, op, &needles[i], &rc);
          int r, bad = rl != rc;

          for (r = 0; r < runs; r++)
            {
              tl[r] = sample (lib_op, op, &needles[i], kl, rl, &bad);
              tc[r] = sample (libc_op, op, &needles[i], kc, rc, &bad);
            }
          ml = median (tl, runs);
          mc = median (tc, runs);
          if (op == OP_COUNT || op == OP_RCOUNT)
            counts[op == OP_RCOUNT] = rl;
          printf ("%-22s %-6s %10ld %9.3g %9.3g %7.2fx", show (&needles[i]),
                  op_name[op], rl, ml, mc, mc / ml);
          if (python && py[i][op].have)
            {
              printf (" %9.3g %7.2fx", py[i][op].median,
                      py[i][op].median / ml);
              bad |= py[i][op].result != rl;
            }
          else if (python)
            printf (" %9s %8s", "-", "-");
          if (bad)
            {
              printf ("  MISMATCH (libc %ld", rc);
              if (python && py[i][op].have)
                printf (", python %ld", py[i][op].result);
              printf (")");
              mismatches++;
            }
          printf ("\n");
          fflush (stdout);
        }
      if (counts[0] != counts[1])
        {
          printf ("%-22s MISMATCH: count %ld, rcount %ld\n",
                  show (&needles[i]), counts[0], counts[1]);
          mismatches++;
        }
    }
  mismatches += guard_cost (fd, runs);
  close (fd);
  mmu_release (map);
  mmu_free (map);
  return mismatches != 0;
}
