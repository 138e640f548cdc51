/* mmcat.c -- concatenate files to standard output through a mapping.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cat-copy.h"
#include "cli.h"
#include "exit-status.h"
#include "error.h"
#include "progname.h"
#include "quote.h"
#include "quotearg.h"
#include "xstrtol.h"

/* Exit statuses, as GNU cat's: 0 on success, 1 on any trouble.  */

enum { OFFSET_OPTION = CLI_VERSION_OPTION + 1, LENGTH_OPTION };

static struct option const long_options[] =
{
  { "number-nonblank", no_argument, NULL, 'b' },
  { "number", no_argument, NULL, 'n' },
  { "squeeze-blank", no_argument, NULL, 's' },
  { "show-nonprinting", no_argument, NULL, 'v' },
  { "show-ends", no_argument, NULL, 'E' },
  { "show-tabs", no_argument, NULL, 'T' },
  { "show-all", no_argument, NULL, 'A' },
  { "offset", required_argument, NULL, OFFSET_OPTION },
  { "length", required_argument, NULL, LENGTH_OPTION },
  CLI_COMMON_LONG_OPTIONS,
  { NULL, 0, NULL, 0 }
};

static void
usage (void)
{
  printf (_("Usage: %s [OPTION]... [FILE]...\n"), program_name);
  fputs (_("\
Concatenate FILE(s) to standard output, reading them through memory maps.\n\
\n\
With no FILE, or when FILE is -, read standard input.\n\
\n\
  -A, --show-all           equivalent to -vET\n\
  -b, --number-nonblank    number nonempty output lines, overrides -n\n\
  -e                       equivalent to -vE\n\
  -E, --show-ends          display $ at end of each line\n\
  -n, --number             number all output lines\n\
  -s, --squeeze-blank      suppress repeated empty output lines\n\
  -t                       equivalent to -vT\n\
  -T, --show-tabs          display TAB characters as ^I\n\
  -u                       (ignored)\n\
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB\n\
      --offset=N           copy each FILE from byte N on\n\
      --length=N           copy at most N bytes of each FILE\n\
"), stdout);
  cli_help_options ();
  fputs (_("\n\
N may have a multiplier suffix: K=1024, KB=1000, M=1024*1024, MB=1000*1000,\n\
G, T, P, E; also KiB, MiB, ...\n\
\n\
A regular file is mapped and its pages handed to standard output: to a\n\
pipe with vmsplice, to a file with copy_file_range, otherwise copied\n\
from the mapping; it is copied to its end as it is when reached.\n\
Other input is read.\n\
\n\
Examples:\n\
  mmcat f - g  Output f's contents, then standard input, then g's contents.\n\
  mmcat --offset=1M --length=4K f  Output 4 KiB of f from its second MiB.\n\
\n\
Exit status is 0 if all input was copied, 1 if any trouble.\n"), stdout);
  cli_help_end ();
}

/* Parse the size ARG of OPTION, with coreutils' suffixes.  */
static uintmax_t
parse_size (char const *arg, char const *option)
{
  uintmax_t n;
  if (xstrtoumax (arg, NULL, 10, &n, "bEGKkMmPTYZ0") != LONGINT_OK)
    error (EXIT_CAT_TROUBLE, 0, _("invalid %s: %s"), option, quote (arg));
  return n;
}

int
main (int argc, char **argv)
{
  cli_init (argv, "mmcat", EXIT_CAT_TROUBLE);

  struct cat_job job = { .length = UINTMAX_MAX };
  struct cat_style *st = &job.style;
  int c;
  while ((c = getopt_long (argc, argv, "benstuvAET", long_options, NULL))
         != -1)
    switch (c)
      {
      case 'b':
        st->number = st->number_nonblank = true;
        break;
      case 'e':
        st->show_ends = st->show_nonprinting = true;
        break;
      case 'n':
        st->number = true;
        break;
      case 's':
        st->squeeze_blank = true;
        break;
      case 't':
        st->show_tabs = st->show_nonprinting = true;
        break;
      case 'u':
        break;
      case 'v':
        st->show_nonprinting = true;
        break;
      case 'A':
        st->show_nonprinting = st->show_ends = st->show_tabs = true;
        break;
      case 'E':
        st->show_ends = true;
        break;
      case 'T':
        st->show_tabs = true;
        break;
      case OFFSET_OPTION:
        job.offset = parse_size (optarg, "--offset");
        break;
      case LENGTH_OPTION:
        job.length = parse_size (optarg, "--length");
        break;
      case CLI_HELP_OPTION:
        usage ();
        return EXIT_SUCCESS;
      case CLI_VERSION_OPTION:
        cli_version (NULL);
      default:
        cli_try_help (EXIT_CAT_TROUBLE);
      }

  cat_output_init ();

  static char *const stdin_only[] = { (char *) "-", NULL };
  char *const *files = optind < argc ? argv + optind : stdin_only;
  bool ok = true, read_stdin = false;
  for (; *files; files++)
    {
      char const *file = *files;
      bool is_stdin = strcmp (file, "-") == 0;
      read_stdin |= is_stdin;
      int fd = is_stdin ? STDIN_FILENO : open (file, O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        {
          error (0, errno, "%s",
                 quotearg_n_style_colon (0, shell_escape_quoting_style, file));
          ok = false;
          continue;
        }
      ok &= cat_copy (fd, file, &job);
      if (!is_stdin && close (fd) != 0)
        {
          error (0, errno, "%s",
                 quotearg_n_style_colon (0, shell_escape_quoting_style, file));
          ok = false;
        }
    }
  cat_finish (&job);
  if (read_stdin && close (STDIN_FILENO) != 0)
    error (EXIT_CAT_TROUBLE, errno, _("closing standard input"));
  return ok ? EXIT_SUCCESS : EXIT_CAT_TROUBLE;
}
