/* mmgrep.c -- search files for patterns through a mapping: the options,
   the patterns, and the list of inputs.

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
   along with this program.  If not, see <https://www.gnu.org/licenses/>.

   mmgrep behaves as GNU grep 3.8: the same options, output and exit
   status.  The parts, each calling only those below it: this file
   (the command line and the environment into options, patterns and
   operands), grep-recurse.c (-r's walk), grep-parallel.c (-r's files
   searched in threads, printed in order), grep-file.c (one file:
   open, check, search), grep-search.c (one input: lines, context,
   binary data; grep-lines.c, grep-part.c, grep-split.c),
   grep-output.c (colors, prefixes), grep-input.c (the mapping or
   read(2)), matcher.c and engine-*.c (the engines).  What each thread
   owns is its worker (grep-worker.h).  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "argmatch.h"
#include "c-stack.h"
#include "cli.h"
#include "error.h"
#include "exclude.h"
#include "grep-file.h"
#include "grep-json.h"
#include "grep-output.h"
#include "grep-parallel.h"
#include "grep-recurse.h"
#include "grep-worker.h"
#include "grep.h"
#include "pattern-list.h"
#include "progname.h"
#include "safe-read.h"
#include "xalloc.h"
#include "xstrtol.h"

struct grep_options opt;

/* Long options without a short one.  */
enum
{
  BINARY_FILES_OPTION = CLI_VERSION_OPTION + 1,
  COLOR_OPTION,
  EXCLUDE_DIRECTORY_OPTION,
  EXCLUDE_OPTION,
  EXCLUDE_FROM_OPTION,
  GROUP_SEPARATOR_OPTION,
  INCLUDE_OPTION,
  JSON_OPTION,
  LINE_BUFFERED_OPTION,
  LABEL_OPTION,
  NO_GROUP_SEPARATOR_OPTION,
  NO_IGNORE_CASE_OPTION
};

static char const short_options[] =
  "0123456789A:B:C:D:EFGHIPTUVX:abcd:e:f:hiLlm:noqRrsuvwxyZz";

static struct option const long_options[] =
{
  { "basic-regexp", no_argument, NULL, 'G' },
  { "extended-regexp", no_argument, NULL, 'E' },
  { "fixed-regexp", no_argument, NULL, 'F' },  /* hidden, as in grep */
  { "fixed-strings", no_argument, NULL, 'F' },
  { "perl-regexp", no_argument, NULL, 'P' },
  { "after-context", required_argument, NULL, 'A' },
  { "before-context", required_argument, NULL, 'B' },
  { "binary-files", required_argument, NULL, BINARY_FILES_OPTION },
  { "byte-offset", no_argument, NULL, 'b' },
  { "context", required_argument, NULL, 'C' },
  { "color", optional_argument, NULL, COLOR_OPTION },
  { "colour", optional_argument, NULL, COLOR_OPTION },
  { "count", no_argument, NULL, 'c' },
  { "devices", required_argument, NULL, 'D' },
  { "directories", required_argument, NULL, 'd' },
  { "dereference-recursive", no_argument, NULL, 'R' },
  { "exclude", required_argument, NULL, EXCLUDE_OPTION },
  { "exclude-from", required_argument, NULL, EXCLUDE_FROM_OPTION },
  { "exclude-dir", required_argument, NULL, EXCLUDE_DIRECTORY_OPTION },
  { "file", required_argument, NULL, 'f' },
  { "files-with-matches", no_argument, NULL, 'l' },
  { "files-without-match", no_argument, NULL, 'L' },
  { "group-separator", required_argument, NULL, GROUP_SEPARATOR_OPTION },
  { "no-group-separator", no_argument, NULL, NO_GROUP_SEPARATOR_OPTION },
  { "ignore-case", no_argument, NULL, 'i' },
  { "no-ignore-case", no_argument, NULL, NO_IGNORE_CASE_OPTION },
  { "include", required_argument, NULL, INCLUDE_OPTION },
  { "initial-tab", no_argument, NULL, 'T' },
  { "json", no_argument, NULL, JSON_OPTION },
  { "label", required_argument, NULL, LABEL_OPTION },
  { "line-buffered", no_argument, NULL, LINE_BUFFERED_OPTION },
  { "line-number", no_argument, NULL, 'n' },
  { "line-regexp", no_argument, NULL, 'x' },
  { "max-count", required_argument, NULL, 'm' },
  { "no-filename", no_argument, NULL, 'h' },
  { "no-messages", no_argument, NULL, 's' },
  { "null", no_argument, NULL, 'Z' },
  { "null-data", no_argument, NULL, 'z' },
  { "only-matching", no_argument, NULL, 'o' },
  { "quiet", no_argument, NULL, 'q' },
  { "recursive", no_argument, NULL, 'r' },
  { "regexp", required_argument, NULL, 'e' },
  { "invert-match", no_argument, NULL, 'v' },
  { "silent", no_argument, NULL, 'q' },
  { "text", no_argument, NULL, 'a' },
  { "binary", no_argument, NULL, 'U' },
  { "unix-byte-offsets", no_argument, NULL, 'u' },  /* hidden, as in grep */
  { "with-filename", no_argument, NULL, 'H' },
  { "word-regexp", no_argument, NULL, 'w' },
  CLI_COMMON_LONG_OPTIONS,
  { NULL, 0, NULL, 0 }
};

static char const *const directories_args[] =
  { "read", "recurse", "skip", NULL };
static int const directories_types[] =
  { DIRECTORIES_READ, DIRECTORIES_RECURSE, DIRECTORIES_SKIP };

/* After a bad option or argument: the usage line and the hint, as
   grep prints them, and exit with STATUS.  */
static _Noreturn void
usage_error (int status)
{
  fprintf (stderr, _("Usage: %s [OPTION]... PATTERNS [FILE]...\n"),
           program_name);
  cli_try_help (status);
}

/* ARG, the argument of OPTION, as one of ARGS (with VALUES); or, as
   grep, a message, the valid arguments, the usage, and exit 1.  */
static int
choose (char const *option, char const *arg, char const *const *args,
        int const *values)
{
  ptrdiff_t i = argmatch (arg, args, NULL, 0);
  if (i < 0)
    {
      argmatch_invalid (option, arg, i);
      argmatch_valid (args, (char const *) values, sizeof *values);
      usage_error (EXIT_NOMATCH);
    }
  return values[i];
}

static void
usage (void)
{
  printf (_("Usage: %s [OPTION]... PATTERNS [FILE]...\n"), program_name);
  fputs (_("\
Search each FILE for lines matching PATTERNS, reading regular files\n\
through memory maps.  PATTERNS holds one or more patterns, one per line.\n\
Example: mmgrep -n -i 'read error' *.log\n\
\n\
Patterns:\n\
  -G, --basic-regexp        basic regular expressions (the default)\n\
  -E, --extended-regexp     extended regular expressions\n\
  -F, --fixed-strings       fixed strings\n\
  -P, --perl-regexp         Perl-compatible regular expressions\n\
  -e, --regexp=PATTERNS     search for PATTERNS (may be repeated)\n\
  -f, --file=FILE           read patterns from FILE, one per line\n\
  -i, -y, --ignore-case     ignore the case of letters\n\
      --no-ignore-case      do not ignore it (the default)\n\
  -w, --word-regexp         match whole words only\n\
  -x, --line-regexp         match whole lines only\n\
  -z, --null-data           lines end in a NUL byte, not a newline\n\
\n\
Messages and exit:\n\
  -s, --no-messages         no messages about missing or unreadable files\n\
  -v, --invert-match        select the lines that do not match\n\
  -V, --version             output version information and exit\n\
\n\
Output:\n\
  -m, --max-count=NUM       stop after NUM selected lines in each file\n\
  -b, --byte-offset         prefix each line with its byte offset\n\
  -n, --line-number         prefix each line with its line number\n\
      --line-buffered       flush the output after every line\n\
      --json                print ripgrep's JSON Lines messages, not lines\n\
  -H, --with-filename       prefix each line with its file name\n\
  -h, --no-filename         never prefix lines with the file name\n\
      --label=LABEL         show standard input as LABEL\n\
  -o, --only-matching       print only the matched (non-empty) parts\n\
  -q, --quiet, --silent     print nothing; exit at the first match\n\
      --binary-files=TYPE   treat binary files as TYPE: 'binary',\n\
                            'text' or 'without-match'\n\
  -a, --text                same as --binary-files=text\n\
  -I                        same as --binary-files=without-match\n\
  -d, --directories=ACTION  'read', 'recurse' or 'skip' directories\n\
  -D, --devices=ACTION      'read' or 'skip' devices, FIFOs and sockets\n\
  -r, --recursive           same as --directories=recurse\n\
  -R, --dereference-recursive  the same, following every symbolic link\n\
      --include=GLOB        search only the files whose name matches GLOB\n\
      --exclude=GLOB        skip the files whose name matches GLOB\n\
      --exclude-from=FILE   skip the files matching a GLOB read from FILE\n\
      --exclude-dir=GLOB    skip the directories matching GLOB\n\
  -L, --files-without-match  print only the names of files without a match\n\
  -l, --files-with-matches  print only the names of files with a match\n\
  -c, --count               print only the number of selected lines\n\
  -T, --initial-tab         line up the lines after their prefixes\n\
  -Z, --null                print a NUL byte after each file name\n\
\n\
Context:\n\
  -B, --before-context=NUM  print NUM lines before each match\n\
  -A, --after-context=NUM   print NUM lines after each match\n\
  -C, --context=NUM         print NUM lines before and after\n\
  -NUM                      same as --context=NUM\n\
      --group-separator=SEP  print SEP between groups of context\n\
      --no-group-separator  print nothing between them\n\
      --color[=WHEN]        highlight matches as GREP_COLORS says;\n\
                            WHEN is 'always', 'never' or 'auto'\n\
      --colour[=WHEN]       the same\n\
  -U, --binary              accepted for compatibility; does nothing\n\
\n\
With FILE '-', or without FILE, read standard input ('.' with -r).\n\
File names are shown when there are two FILEs or more, or with -r.\n\
Exit status: 0 when a line is selected, 1 when none is, 2 on an error\n\
(but 0 with -q once a line is selected).\n\
\n"), stdout);
  cli_help_options ();
  cli_help_end ();
}

/* --version's last line: the engines this mmgrep was built with.  */
static void
print_engines (void)
{
  char const *pcre2 = matcher_pcre2_version ();
  char const *hs = matcher_hyperscan_version ();
  fputs (_("\nEngines: DFA and regex (-G, -E), fixed strings (-F)"), stdout);
  if (pcre2)
    printf (_(", PCRE2 %s (-P)"), pcre2);
  if (hs)
    printf (matcher_hyperscan_usable ()
            ? _(", Hyperscan %s (-G, -E)")
            : _(", Hyperscan %s (not on this processor)"), hs);
  if (!pcre2)
    fputs (_("; built without PCRE2 (no -P)"), stdout);
  if (!hs)
    fputs (_("; built without Hyperscan"), stdout);
  putchar ('\n');
}

/* -e PATTERNS, or the operand: its lines are patterns, added to
   PATTERNS.  */
static void
add_keys_from_arg (struct pattern_list *patterns, char const *arg)
{
  size_t start = patterns->size;
  pattern_list_append (patterns, arg, strlen (arg));
  pattern_list_append (patterns, "\n", 1);
  pattern_list_keep_new (patterns, start, "");
}

/* -f FILE: its lines are patterns ("-": standard input), added to
   PATTERNS.  */
static void
add_keys_from_file (struct pattern_list *patterns, char const *file)
{
  bool is_stdin = strcmp (file, "-") == 0;
  int fd = is_stdin ? STDIN_FILENO : open (file, O_RDONLY);
  if (fd < 0)
    error (EXIT_TROUBLE, errno, "%s", file);
  size_t start = patterns->size;
  char chunk[65536];
  for (;;)
    {
      size_t n = safe_read (fd, chunk, sizeof chunk);
      if (n == SAFE_READ_ERROR)
        error (EXIT_TROUBLE, errno, "%s", file);
      if (n == 0)
        break;
      pattern_list_append (patterns, chunk, n);
    }
  if (!is_stdin)
    close (fd);
  if (patterns->size > start && patterns->bytes[patterns->size - 1] != '\n')
    pattern_list_append (patterns, "\n", 1);
  pattern_list_keep_new (patterns, start, file);
}

/* The number of threads that MMGREP_THREADS asks for (at most 64), or
   0 when it is unset or not a positive number: the processors
   decide.  */
static int
threads_from_env (void)
{
  char const *env = getenv ("MMGREP_THREADS");
  if (!env || !*env)
    return 0;
  char *end;
  long n = strtol (env, &end, 10);
  if (*end || n < 1)
    return 0;
  return n > 64 ? 64 : n;
}

/* The number of context lines STR says; as in grep, a number too
   large for intmax_t means as many as there are.  */
static intmax_t
context_arg (char const *str)
{
  intmax_t value;
  switch (xstrtoimax (str, NULL, 10, &value, ""))
    {
    case LONGINT_OK:
    case LONGINT_OVERFLOW:
      if (0 <= value)
        return value;
      break;
    default:
      break;
    }
  error (EXIT_TROUBLE, 0, _("%s: invalid context length argument"), str);
  return 0;
}

/* --exclude, --include, --exclude-dir: as in grep, a set for the
   command line's operands, matched against the whole operand or any
   suffix of it after a slash, and a set for what -r's walk finds,
   matched against the base name only (EXCLUDE_ANCHORED), so that a
   glob with a slash never matches there.  */
enum { WALK, COMMAND_LINE };
static struct exclude *excluded_files[2], *excluded_dirs[2];
static bool show_names_cmdline;

/* One operand of the command line, searched by POOL's main worker, or
   by its threads under -r.  */
static void
grep_operand (struct grep_pool *pool, char const *arg, bool omit_dot_slash)
{
  struct grep_worker *w = grep_pool_main (pool);
  if (strcmp (arg, "-") == 0)
    {
      struct stat st;
      char const *name = opt.label ? opt.label : "(standard input)";
      if (fstat (STDIN_FILENO, &st) != 0)
        {
          if (!opt.suppress_errors)
            error (0, errno, "%s", name);
          w->error_seen = true;
          return;
        }
      grep_fd (w, STDIN_FILENO, &st, name, show_names_cmdline);
      return;
    }
  if (excluded_files[COMMAND_LINE]
      && excluded_file_name (excluded_files[COMMAND_LINE], arg))
    {
      struct stat st;
      if (stat (arg, &st) != 0 || !S_ISDIR (st.st_mode))
        return;
    }
  struct stat st;
  if (opt.directories != DIRECTORIES_READ && stat (arg, &st) == 0
      && S_ISDIR (st.st_mode))
    {
      if (opt.directories == DIRECTORIES_SKIP)
        return;
      if (excluded_dirs[COMMAND_LINE]
          && excluded_file_name (excluded_dirs[COMMAND_LINE], arg)
          && !omit_dot_slash)
        return;
      bool ok = grep_recurse (pool, arg, omit_dot_slash,
                              excluded_files[WALK], excluded_dirs[WALK],
                              opt.with_filenames != 0);
      if (!ok)
        w->error_seen = true;
      return;
    }
  grep_file_at (w, AT_FDCWD, arg, arg, true, show_names_cmdline, false);
}

/* The options of the exclude module for the set of WHERE.  */
static int
exclude_options (int where)
{
  return EXCLUDE_WILDCARDS | (where == WALK ? EXCLUDE_ANCHORED : 0);
}

/* Add PATTERN to both sets EX, with OPTIONS.  */
static void
add_exclude_option (struct exclude *ex[2], char const *pattern, int options)
{
  for (int where = WALK; where <= COMMAND_LINE; where++)
    {
      if (!ex[where])
        ex[where] = new_exclude ();
      add_exclude (ex[where], pattern, exclude_options (where) | options);
    }
}

/* The options as the search needs them, once the command line is read:
   what overrides what, as in grep, the context, the colors, the
   output's buffer.  PATTERNS are the patterns kept; FLAGS are the
   matcher's; BEFORE, AFTER and BOTH the -B, -A and -C numbers (-1 if
   not given); COLOR_OPTION --color's (0 never, 1 always, 2 auto).
   False when no line can be selected and grep would read nothing
   (exit 1 at once).  */
static bool
settle_options (struct pattern_list const *patterns, int *flags,
                intmax_t before, intmax_t after, intmax_t both,
                int color_option)
{
  /* No pattern at all (-f /dev/null): nothing matches.  The empty
     pattern inverted says so.  */
  bool no_keys = patterns->size == 0;
  if (no_keys)
    {
      opt.invert = !opt.invert;
      *flags &= ~(MATCHER_WORDS | MATCHER_LINES);
    }

  /* As in ripgrep, --json refuses -c, -l and -L (they print no lines);
     it has line numbers, no colors, and -o changes nothing.  */
  if (opt.json)
    {
      if (opt.count || opt.list != LIST_NONE)
        error (EXIT_TROUBLE, 0, _("the option %s cannot be used with --json"),
               opt.count ? "-c" : opt.list == LIST_MATCHING ? "-l" : "-L");
      opt.line_numbers = true;
      opt.only_matching = false;
      color_option = 0;
    }

  /* As in grep, -q overrides -l and -L, which override -c; output to
     /dev/null counts as -q, except that it does not exit at the first
     selected line.  */
  struct stat out_st, null_st;
  if (!opt.quiet && fstat (STDOUT_FILENO, &out_st) == 0
      && S_ISCHR (out_st.st_mode) && stat ("/dev/null", &null_st) == 0
      && out_st.st_ino == null_st.st_ino && out_st.st_dev == null_st.st_dev)
    opt.dev_null_output = true;
  if (opt.quiet || opt.dev_null_output)
    opt.list = LIST_NONE;
  if (opt.quiet || opt.dev_null_output || opt.list != LIST_NONE)
    opt.count = false;

  /* When no line can be selected, grep reads nothing and fails at
     once, unless -L has files to list: -m 0; no pattern at all; or
     only empty patterns (they match every line: grep drops duplicate
     patterns, and is left with one empty one) inverted, without -w or
     -x.  */
  bool only_empty = true;
  for (size_t i = 0; only_empty && i < patterns->size; i++)
    only_empty = patterns->bytes[i] == '\n';
  if ((opt.max_count == 0
       || (only_empty && opt.invert
           && !(*flags & (MATCHER_WORDS | MATCHER_LINES))))
      && opt.list != LIST_NONMATCHING)
    return false;

  opt.before = before >= 0 ? before : both >= 0 ? both : 0;
  opt.after = after >= 0 ? after : both >= 0 ? both : 0;
  /* As in grep, any of -A, -B, -C (even of 0 lines) asks for group
     separators, also with -o, which prints no context line itself.  */
  opt.context = before >= 0 || after >= 0 || both >= 0;
  if (opt.count || opt.list != LIST_NONE || opt.quiet
      || opt.dev_null_output)
    opt.before = opt.after = 0;

  if (color_option == 2)
    color_option = output_color_auto ();
  opt.color = color_option == 1;
  if (opt.color)
    output_parse_colors ();

  /* Fewer writes when much is printed: a pipe's buffer would be 4 KiB.
     Not for a terminal, which sees each line as it comes.  */
  static char outbuf[128 * 1024];
  if (!opt.line_buffered && !isatty (STDOUT_FILENO))
    setvbuf (stdout, outbuf, _IOFBF, sizeof outbuf);

  return true;
}

/* Search the N operands OPERANDS with POOL: ".", with -r, or standard
   input, when there are none.  */
static void
search_operands (struct grep_pool *pool, int n, char **operands)
{
  if (opt.with_filenames >= 0)
    show_names_cmdline = opt.with_filenames;
  else
    show_names_cmdline = n > 1;

  if (n == 0)
    {
      if (opt.directories == DIRECTORIES_RECURSE)
        grep_operand (pool, ".", true);
      else
        grep_operand (pool, "-", false);
    }
  else
    for (int i = 0; i < n; i++)
      grep_operand (pool, operands[i], false);
}

int
main (int argc, char **argv)
{
  cli_init (argv, "mmgrep", EXIT_TROUBLE);
  struct timespec start_time;
  clock_gettime (CLOCK_MONOTONIC, &start_time);
  /* A pattern nested deeper than the stack allows (the parsers of
     regex and the DFA recurse): "stack overflow" and exit 2, as in
     grep, not a crash.  Only SIGSEGV: SIGBUS is the fault guard's.  */
  c_stack_action (NULL);

  enum matcher_syntax syntax = MATCHER_BRE;
  bool syntax_set = false;
  int flags = 0;
  /* Static, not for sharing (it is passed to what reads it) but so
     that it stays reachable at each way out of the program (a return
     before the end, exit, error), where LeakSanitizer would otherwise
     report it: the end of main frees it.  */
  static struct pattern_list patterns;
  pattern_list_init (&patterns);
  bool have_keys = false;
  intmax_t before = -1, after = -1, both = -1;
  int color_option = 0;
  bool show_help = false;
  /* The most digits of a -NUM that grep reads: room for INTMAX_MAX's
     19, a sign and a NUL (21); a 22nd is an error.  */
  enum { MAX_DIGITS = (sizeof (intmax_t) * CHAR_BIT - 1) * 302 / 1000 + 2 };
  char digits[MAX_DIGITS + sizeof "..."];
  size_t ndigits = 0;
  bool prev_digit = false;
  int prev_optind = -1, this_optind = optind;

  opt.with_filenames = -1;
  opt.max_count = INTMAX_MAX;
  opt.group_separator = "--";
  opt.binary_files = BINARY_BINARY;
  opt.eol = '\n';
  opt.directories = DIRECTORIES_READ;
  opt.devices = DEVICES_READ_COMMAND_LINE;

  int c;
  while ((c = getopt_long (argc, argv, short_options, long_options, NULL))
         != -1)
    {
      switch (c)
        {
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          /* -NUM: digits in a row, in one argument, make one number,
             as in grep: without its leading zeros, and too long when
             it has more digits than any intmax_t (the message shows
             them, then "...").  */
          if (this_optind != prev_optind || !prev_digit)
            ndigits = 0;
          else if (ndigits == 1 && digits[0] == '0')
            ndigits = 0;
          if (ndigits == MAX_DIGITS)
            {
              strcpy (digits + ndigits, "...");
              context_arg (digits);
            }
          digits[ndigits++] = c;
          digits[ndigits] = '\0';
          prev_optind = this_optind;
          both = context_arg (digits);
          break;
        case 'A':
          after = context_arg (optarg);
          break;
        case 'B':
          before = context_arg (optarg);
          break;
        case 'C':
          both = context_arg (optarg);
          break;
        case 'D':
          /* Not argmatch, as in grep: an exact word, and its own
             message.  */
          if (strcmp (optarg, "read") == 0)
            opt.devices = DEVICES_READ;
          else if (strcmp (optarg, "skip") == 0)
            opt.devices = DEVICES_SKIP;
          else
            error (EXIT_TROUBLE, 0, _("unknown devices method"));
          break;
        case 'E': case 'F': case 'G': case 'P':
          {
            enum matcher_syntax s = (c == 'E' ? MATCHER_ERE
                                     : c == 'F' ? MATCHER_FIXED
                                     : c == 'G' ? MATCHER_BRE
                                     : MATCHER_PCRE);
            if (syntax_set && s != syntax)
              error (EXIT_TROUBLE, 0, _("conflicting matchers specified"));
            syntax = s;
            syntax_set = true;
          }
          break;
        case 'X':
          {
            enum matcher_syntax s = MATCHER_BRE;
            if (strcmp (optarg, "grep") == 0)
              s = MATCHER_BRE;
            else if (strcmp (optarg, "egrep") == 0)
              s = MATCHER_ERE;
            else if (strcmp (optarg, "fgrep") == 0)
              s = MATCHER_FIXED;
            else if (strcmp (optarg, "perl") == 0)
              s = MATCHER_PCRE;
            else
              error (EXIT_TROUBLE, 0, _("invalid matcher %s"), optarg);
            if (syntax_set && s != syntax)
              error (EXIT_TROUBLE, 0, _("conflicting matchers specified"));
            syntax = s;
            syntax_set = true;
          }
          break;
        case 'H':
          opt.with_filenames = 1;
          break;
        case 'I':
          opt.binary_files = BINARY_WITHOUT_MATCH;
          break;
        case 'T':
          opt.align_tabs = true;
          break;
        case 'U':
          break;
        case 'u':
          error (0, 0, _("warning: --unix-byte-offsets (-u) is obsolete"));
          break;
        case 'V':
          cli_version (print_engines);
        case 'a':
          opt.binary_files = BINARY_TEXT;
          break;
        case 'b':
          opt.byte_offsets = true;
          break;
        case 'c':
          opt.count = true;
          break;
        case 'd':
          opt.directories = choose ("--directories", optarg,
                                    directories_args, directories_types);
          if (opt.directories == DIRECTORIES_RECURSE)
            opt.dereference_args = true;
          break;
        case 'e':
          add_keys_from_arg (&patterns, optarg);
          have_keys = true;
          break;
        case 'f':
          add_keys_from_file (&patterns, optarg);
          have_keys = true;
          break;
        case 'h':
          opt.with_filenames = 0;
          break;
        case 'i': case 'y':
          flags |= MATCHER_ICASE;
          break;
        case NO_IGNORE_CASE_OPTION:
          flags &= ~MATCHER_ICASE;
          break;
        case 'L':
          opt.list = LIST_NONMATCHING;
          break;
        case 'l':
          opt.list = LIST_MATCHING;
          break;
        case 'm':
          {
            intmax_t value;
            switch (xstrtoimax (optarg, NULL, 10, &value, ""))
              {
              case LONGINT_OK:
                opt.max_count = value < 0 ? INTMAX_MAX : value;
                break;
              case LONGINT_OVERFLOW:
                opt.max_count = INTMAX_MAX;
                break;
              default:
                error (EXIT_TROUBLE, 0, _("invalid max count"));
              }
          }
          break;
        case 'n':
          opt.line_numbers = true;
          break;
        case 'o':
          opt.only_matching = true;
          break;
        case 'q':
          opt.quiet = true;
          break;
        case 'R':
          opt.follow_all = true;
          opt.directories = DIRECTORIES_RECURSE;
          break;
        case 'r':
          opt.directories = DIRECTORIES_RECURSE;
          opt.dereference_args = true;
          break;
        case 's':
          opt.suppress_errors = true;
          break;
        case 'v':
          opt.invert = true;
          break;
        case 'w':
          flags |= MATCHER_WORDS;
          break;
        case 'x':
          flags |= MATCHER_LINES;
          break;
        case 'Z':
          opt.null_after_name = true;
          break;
        case 'z':
          opt.eol = '\0';
          flags |= MATCHER_NUL_EOL;
          break;
        case BINARY_FILES_OPTION:
          if (strcmp (optarg, "binary") == 0)
            opt.binary_files = BINARY_BINARY;
          else if (strcmp (optarg, "text") == 0)
            opt.binary_files = BINARY_TEXT;
          else if (strcmp (optarg, "without-match") == 0)
            opt.binary_files = BINARY_WITHOUT_MATCH;
          else
            error (EXIT_TROUBLE, 0, _("unknown binary-files type"));
          break;
        case COLOR_OPTION:
          if (!optarg)
            color_option = 2;
          else if (!strcasecmp (optarg, "always")
                   || !strcasecmp (optarg, "yes")
                   || !strcasecmp (optarg, "force"))
            color_option = 1;
          else if (!strcasecmp (optarg, "never")
                   || !strcasecmp (optarg, "no")
                   || !strcasecmp (optarg, "none"))
            color_option = 0;
          else if (!strcasecmp (optarg, "auto")
                   || !strcasecmp (optarg, "tty")
                   || !strcasecmp (optarg, "if-tty"))
            color_option = 2;
          else
            show_help = true;
          break;
        case EXCLUDE_OPTION:
          add_exclude_option (excluded_files, optarg, 0);
          break;
        case INCLUDE_OPTION:
          add_exclude_option (excluded_files, optarg, EXCLUDE_INCLUDE);
          break;
        case EXCLUDE_FROM_OPTION:
          for (int where = WALK; where <= COMMAND_LINE; where++)
            {
              if (!excluded_files[where])
                excluded_files[where] = new_exclude ();
              if (add_exclude_file (add_exclude, excluded_files[where],
                                    optarg, exclude_options (where), '\n')
                  != 0)
                error (EXIT_TROUBLE, errno, "%s", optarg);
            }
          break;
        case EXCLUDE_DIRECTORY_OPTION:
          {
            /* Trailing slashes do not count.  The exclude module may
               keep a pointer to the pattern: trim it in place.  */
            size_t n = strlen (optarg);
            while (n > 1 && optarg[n - 1] == '/')
              optarg[--n] = '\0';
            add_exclude_option (excluded_dirs, optarg, 0);
          }
          break;
        case GROUP_SEPARATOR_OPTION:
          opt.group_separator = optarg;
          break;
        case NO_GROUP_SEPARATOR_OPTION:
          opt.group_separator = NULL;
          break;
        case JSON_OPTION:
          opt.json = true;
          break;
        case LINE_BUFFERED_OPTION:
          opt.line_buffered = true;
          break;
        case LABEL_OPTION:
          opt.label = optarg;
          break;
        case CLI_HELP_OPTION:
          usage ();
          return EXIT_SUCCESS;
        case CLI_VERSION_OPTION:
          cli_version (print_engines);
        default:
          usage_error (EXIT_TROUBLE);
        }
      this_optind = optind;
      prev_digit = '0' <= c && c <= '9';
    }

  if (show_help)
    {
      usage ();
      return EXIT_SUCCESS;
    }

  if (!have_keys)
    {
      if (optind >= argc)
        {
          usage_error (EXIT_TROUBLE);
        }
      add_keys_from_arg (&patterns, argv[optind]);
      optind++;
    }

  if (!settle_options (&patterns, &flags, before, after, both, color_option))
    return EXIT_NOMATCH;

  opt.multibyte = MB_CUR_MAX > 1;
  opt.threads = threads_from_env ();
  struct matcher *matcher = matcher_new ();
  /* The patterns without the last newline; none at all (no_keys in
     settle_options) is one empty pattern.  */
  matcher_compile (matcher, patterns.bytes ? patterns.bytes : "",
                   patterns.size ? patterns.size - 1 : 0, syntax, flags,
                   patterns.origins, patterns.norigins);
  grep_file_setup ();

  /* The main thread's worker; the pool's threads, if any, start when a
     walk has files enough.  */
  struct grep_worker main_worker;
  grep_worker_init (&main_worker, matcher);
  /* As in grep: whether an empty line can be selected, as grep 3.8
     decides it, so that what it skips is skipped.  */
  opt.skip_empty_lines
    = !matcher_grep_selects_empty_line (matcher, main_worker.scratch,
                                        opt.invert);
  struct grep_pool *pool = grep_pool_new (&main_worker);

  search_operands (pool, argc - optind, argv + optind);

  grep_pool_free (pool);
  if (opt.json && !opt.quiet && !opt.dev_null_output)
    json_summary (&main_worker.out, &main_worker.json, &start_time);
  bool matched_any = main_worker.matched_any;
  bool error_seen = main_worker.error_seen;
  grep_worker_destroy (&main_worker);
  matcher_free (matcher);
  pattern_list_free (&patterns);
  if (error_seen && !(opt.quiet && matched_any))
    return EXIT_TROUBLE;
  return matched_any ? EXIT_MATCH : EXIT_NOMATCH;
}
