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

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "error.h"
#include "progname.h"

/* Exit statuses, as GNU cat's: 0 on success, 1 on any trouble.  */
enum { EXIT_TROUBLE = 1 };

static struct option const long_options[] =
{
  CLI_COMMON_LONG_OPTIONS,
  { NULL, 0, NULL, 0 }
};

static void
usage (void)
{
  printf ("Usage: %s [OPTION]... [FILE]...\n", program_name);
  fputs ("Concatenate FILE(s) to standard output, reading them through memory maps.\n"
         "\n", stdout);
  cli_help_tail ();
}

int
main (int argc, char **argv)
{
  cli_init (argv, "mmcat", EXIT_TROUBLE);

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

  /* Copying comes with mmcat's own change; until then, say so.  */
  error (EXIT_TROUBLE, 0, "copying files is not implemented in this version");
  return EXIT_TROUBLE;
}
