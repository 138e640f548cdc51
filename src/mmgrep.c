/* mmgrep.c -- search files for patterns through a mapping.

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

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "error.h"
#include "progname.h"

/* Exit statuses, as GNU grep's: 0 when a line matched, 1 when none did, 2 on trouble.  */
enum { EXIT_MATCH = 0, EXIT_NOMATCH = 1, EXIT_TROUBLE = 2 };

static struct option const long_options[] =
{
  CLI_COMMON_LONG_OPTIONS,
  { NULL, 0, NULL, 0 }
};

static void
usage (void)
{
  printf ("Usage: %s [OPTION]... PATTERNS [FILE]...\n", program_name);
  fputs ("Search for PATTERNS in each FILE, reading them through memory maps.\n"
         "\n", stdout);
  cli_help_tail ();
}

int
main (int argc, char **argv)
{
  cli_init (argv, "mmgrep", EXIT_TROUBLE);

  int c;
  while ((c = getopt_long (argc, argv, "", long_options, NULL)) != -1)
    switch (c)
      {
      case CLI_HELP_OPTION:
        usage ();
        return EXIT_SUCCESS;
      case CLI_VERSION_OPTION:
        cli_version ();
      default:
        cli_try_help (EXIT_TROUBLE);
      }

  if (argc - optind < 1)
    {
      fprintf (stderr, "Usage: %s [OPTION]... PATTERNS [FILE]...\n",
               program_name);
      cli_try_help (EXIT_TROUBLE);
    }

  /* Searching comes with mmgrep's own change; until then, say so.  */
  error (EXIT_TROUBLE, 0, "searching is not implemented in this version");
  return EXIT_TROUBLE;
}
