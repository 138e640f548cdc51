/* mmpatch.c -- patch files in place through a writable mapping.

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

/* Exit statuses, as 0 when FILE was patched, 1 when a searched pattern was not found, 2 on trouble.  */
enum { EXIT_PATCHED = 0, EXIT_NOTFOUND = 1, EXIT_TROUBLE = 2 };

static struct option const long_options[] =
{
  CLI_COMMON_LONG_OPTIONS,
  { NULL, 0, NULL, 0 }
};

static void
usage (void)
{
  printf ("Usage: %s [OPTION]... FILE EDIT...\n", program_name);
  fputs ("Apply the EDITs to FILE in place, through a writable memory map.\n"
         "\n", stdout);
  cli_help_tail ();
}

int
main (int argc, char **argv)
{
  cli_init (argv, "mmpatch", EXIT_TROUBLE);

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

  if (argc - optind < 2)
    {
      error (0, 0, argc - optind < 1 ? "missing FILE" : "missing EDIT");
      cli_try_help (EXIT_TROUBLE);
    }

  /* Patching comes with mmpatch's own change; until then, say so.  */
  error (EXIT_TROUBLE, 0, "patching is not implemented in this version");
  return EXIT_TROUBLE;
}
