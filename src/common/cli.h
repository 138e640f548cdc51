/* cli.h -- what the programs of mmap-util share: start-up, --help and
   --version.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMU_CLI_H
#define MMU_CLI_H

#include <stdnoreturn.h>

#include "gettext.h"

/* A translatable message, and one only marked for xgettext.  */
#define _(msgid) gettext (msgid)
#define N_(msgid) msgid

/* The long options every program has, for getopt_long's table.  */
enum { CLI_HELP_OPTION = 0x100, CLI_VERSION_OPTION };
#define CLI_COMMON_LONG_OPTIONS \
  { "help", no_argument, NULL, CLI_HELP_OPTION }, \
  { "version", no_argument, NULL, CLI_VERSION_OPTION }

/* Set the program's name from ARGV[0] for error (), remember NAME as
   its proper name for --version, set the locale from the environment
   and the catalog of translated messages,
   and check at exit that standard output was written and closed
   without error (exiting with EXIT_FAILURE_STATUS otherwise).  */
void cli_init (char **argv, char const *name, int exit_failure_status);

/* Print "Try 'PROG --help' for more information." to stderr and exit
   with STATUS.  */
noreturn void cli_try_help (int status);

/* Print the lines of --help for the options every program has (--help,
   --version) to stdout.  */
void cli_help_options (void);

/* Print the lines that end every --help, after the examples and the
   exit status, to stdout: where to report bugs (only when configure
   was told), and where the documentation is.  */
void cli_help_end (void);

/* Print --version's text for this program, then call MORE (unless it
   is NULL) to print what is particular to it, and exit 0.  */
noreturn void cli_version (void (*more) (void));

#endif /* MMU_CLI_H */
