/* cli.c -- what the programs of mmap-util share: start-up, --help and
   --version.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "closeout.h"
#include "exitfail.h"
#include "progname.h"

/* The years and holders of --version's copyright line.  */
#define COPYRIGHT_LINE "Copyright (C) 2026 The mmap-util authors."

/* The program's proper name: "mmgrep", whatever ARGV[0] is.  */
static char const *proper_name;

void
cli_init (char **argv, char const *name, int exit_failure_status)
{
  proper_name = name;
  set_program_name (argv[0]);
  setlocale (LC_ALL, "");
  bindtextdomain (PACKAGE, LOCALEDIR);
  textdomain (PACKAGE);
  exit_failure = exit_failure_status;
  atexit (close_stdout);
}

void
cli_try_help (int status)
{
  fprintf (stderr, _("Try '%s --help' for more information.\n"),
           program_name);
  exit (status);
}

void
cli_help_options (void)
{
  fputs (_("      --help     display this help and exit\n"
           "      --version  output version information and exit\n"),
         stdout);
}

/* The addresses are empty unless whoever builds the package gives
   them: configure --with-packager and --with-packager-bug-reports (from
   gnulib's version-etc), or AC_INIT's bug address and URL, which
   mmap-util leaves empty.  */
void
cli_help_end (void)
{
  putchar ('\n');
#ifdef PACKAGE_PACKAGER_BUG_REPORTS
  printf (_("Report %s bugs to: %s\n"), PACKAGE_PACKAGER,
          PACKAGE_PACKAGER_BUG_REPORTS);
#endif
  if (*PACKAGE_BUGREPORT)
    printf (_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
  if (*PACKAGE_URL)
    printf (_("%s home page: <%s>\n"), PACKAGE_NAME, PACKAGE_URL);
  printf (_("Full documentation: info mmap-util, or man %s\n"), proper_name);
}

void
cli_version (void (*more) (void))
{
  printf ("%s (%s) %s\n", proper_name, PACKAGE_NAME, PACKAGE_VERSION);
#ifdef PACKAGE_PACKAGER
# ifdef PACKAGE_PACKAGER_VERSION
  printf (_("Packaged by %s (%s)\n"), PACKAGE_PACKAGER,
          PACKAGE_PACKAGER_VERSION);
# else
  printf (_("Packaged by %s\n"), PACKAGE_PACKAGER);
# endif
#endif
  puts (COPYRIGHT_LINE);
  fputs (_("License GPLv3+: GNU GPL version 3 or later"
           " <https://gnu.org/licenses/gpl.html>.\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
  fputs (_("\nWritten by the mmap-util authors; see the file AUTHORS.\n"),
         stdout);
  if (more)
    more ();
  exit (EXIT_SUCCESS);
}
