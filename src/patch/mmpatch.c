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

/* mmpatch parses every edit first, then takes FILE's lock and applies
   the edits to a copy: a private (copy-on-write) map of FILE when every
   edit keeps the length, a scratch copy or the new file beside FILE
   when some insert or delete.  Only when the copy took every edit does
   FILE change: the writes recorded on the private map are made in a
   shared map of FILE, or (--in-place) the same edits are applied again
   to a shared map of FILE, or the new file is renamed over FILE.  */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "patch.h"
#include "progname.h"
#include "xalloc.h"

enum
{
  EXPECT_OPTION = CLI_VERSION_OPTION + 1,
  BACKUP_OPTION,
  GROW_OPTION,
  IN_PLACE_OPTION,
  PRINT_SCRIPT_OPTION,
  PRINT_REVERSE_OPTION,
  DIFF_OPTION
};

static struct option const long_options[] =
{
  { "file", required_argument, NULL, 'f' },
  { "expect", required_argument, NULL, EXPECT_OPTION },
  { "dry-run", no_argument, NULL, 'n' },
  { "backup", optional_argument, NULL, BACKUP_OPTION },
  { "grow", no_argument, NULL, GROW_OPTION },
  { "in-place", no_argument, NULL, IN_PLACE_OPTION },
  { "print-script", no_argument, NULL, PRINT_SCRIPT_OPTION },
  { "print-reverse", no_argument, NULL, PRINT_REVERSE_OPTION },
  { "diff", no_argument, NULL, DIFF_OPTION },
  { "quiet", no_argument, NULL, 'q' },
  { "silent", no_argument, NULL, 'q' },
  CLI_COMMON_LONG_OPTIONS,
  { NULL, 0, NULL, 0 }
};

static void
usage (void)
{
  printf (_("Usage: %s [OPTION]... FILE EDIT...\n"), program_name);
  printf (_("  or:  %s --diff OLD NEW\n"), program_name);
  fputs (_("\
Apply the EDITs to FILE in place, through a writable memory map.\n\
Every edit is checked before any byte is written; edits apply in order.\n\
\n\
EDIT is one of\n\
  OFFSET=VALUE       write VALUE at OFFSET\n\
  OFFSET==VALUE      a guard: write nothing unless VALUE is at OFFSET\n\
  OFFSET+VALUE       insert VALUE at OFFSET\n\
  OFFSET-COUNT       delete COUNT bytes at OFFSET\n\
  s/FROM/TO/[FLAGS]  replace FROM by TO, of the same length: the first;\n\
                     FLAGS g: every one; N: the Nth only; gN: the first N\n\
OFFSET is NUMBER (decimal, or hexadecimal after 0x), $ (the end), or\n\
/BYTES/ (the first occurrence), these two optionally +NUMBER or -NUMBER.\n\
VALUE is x:HEX, s:TEXT or TYPE:NUMBER; BYTES is x:HEX, s:TEXT or TEXT, TEXT\n\
with the escapes \\\\ \\/ \\n \\t \\r \\0 \\xHH; TYPE is u8, i8, or u16 u32 u64\n\
i16 i32 i64 f32 f64 followed by le or be.\n\
\n\
  -f, --file=SCRIPT        add the edits of SCRIPT, one a line (# comments)\n\
      --expect=OFFSET=VALUE  write nothing unless FILE holds VALUE at OFFSET\n\
  -n, --dry-run            print what would change; change nothing\n\
      --print-script       print, as an edit script with guards, what\n\
                             would change; change nothing\n\
      --print-reverse      print the edit script that undoes the patch\n\
      --diff OLD NEW       print an edit script that turns OLD into NEW\n\
      --backup[=SUFFIX]    keep the original as FILE followed by SUFFIX (~)\n\
      --grow               let a write or insert past the end extend FILE\n\
      --in-place           insert and delete in FILE itself (not crash-safe)\n\
                             instead of writing a new file and renaming it\n\
  -q, --quiet, --silent    no message for a pattern not found or a listing\n\
"), stdout);
  cli_help_options ();
  fputs (_("\n\
Examples:\n\
  mmpatch f 0x10=x:deadbeef        Write 4 bytes at offset 16.\n\
  mmpatch f 8=u32le:1234 's/abc/xyz/g'  A typed write, then a replacement.\n\
  mmpatch f /MAGIC/+4=i16be:-2     Write 2 bytes 4 bytes past MAGIC.\n\
  mmpatch f 0+s:head '$-2-2'       Insert at the start, delete the last 2.\n\
\n\
Exit status is 0 if FILE was patched, 1 if a searched pattern was not\n\
found (then nothing is written), 2 if trouble.\n"), stdout);
  cli_help_end ();
}

/* The options.  */
static bool diff_files;
static bool dry_run, grow, in_place, quiet, print_script, print_reverse;

/* The changes, recorded for --print-script and --print-reverse.  */
static struct patch_changes changes;
static char const *backup;

/* Open a writable map of FD, or report and return NULL.  */
static mmu_map *
map (int fd, char const *file, enum mmu_access access)
{
  struct mmu_options o = { .access = access, .extra = MMU_ALLOW_EMPTY };
  mmu_map *m = mmu_open (fd, 0, &o);
  if (!m)
    error (0, errno, _("%s: cannot map"), quotef (file));
  return m;
}

/* Flush and close M, of FILE.  With FLUSH, also check that FILE was
   not cut under M: bytes written past its new end are lost, even
   those in its last page, which raise no fault.  */
static bool
unmap (mmu_map *m, char const *file, bool flush)
{
  bool ok = true;
  int64_t size = flush ? mmu_size (m) : 0;
  if (flush && (size < 0 || (uint64_t) size < mmu_len (m) || mmu_faulted (m)))
    {
      if (size < 0)
        error (0, errno, "%s", quotef (file));
      else
        error (0, 0, _("%s: the file shrank under the edits"), quotef (file));
      ok = false;
    }
  if (flush && mmu_len (m) && mmu_flush (m) != 0)
    {
      error (0, errno, _("%s: cannot flush"), quotef (file));
      ok = false;
    }
  if (mmu_close (m) != 0)
    {
      error (0, errno, _("%s: cannot unmap"), quotef (file));
      ok = false;
    }
  mmu_free (m);
  return ok;
}

/* The status of a patch that ended with R.  */
static int
status (enum patch_result r)
{
  return r == APPLY_NOTFOUND ? EXIT_NOTFOUND : EXIT_TROUBLE;
}

/* Patch F with the N EDITS, the NE EXPECTS checked first, when every
   edit keeps the length: apply them to a private map of F, recording
   the writes, then write those into a shared map of F.  Return the
   exit status, or -1 when an edit needs FILE to grow.  */
static int
same_length_run (struct patch_file *f, struct patch_edit const *edits,
                 size_t n, struct patch_edit const *expects, size_t ne,
                 struct patch_log *log)
{
  struct patch_run run = { .file = f->name, .grow = grow,
                           .list = dry_run && !quiet && !print_script,
                           .quiet = quiet, .log = log,
                           .changes = print_script ? &changes : NULL };
  mmu_map *m = map (f->fd, f->name, MMU_ACCESS_COPY);
  if (!m)
    return EXIT_TROUBLE;
  enum patch_result r = patch_check (m, expects, ne, &run);
  if (r == APPLY_OK)
    r = patch_apply (m, edits, n, &run);
  unmap (m, f->name, false);
  if (r == APPLY_NEED_GROW)
    return -1;
  if (r != APPLY_OK)
    return status (r);
  if (dry_run)
    return EXIT_PATCHED;
  if (backup && !patch_file_backup (f, backup))
    return EXIT_TROUBLE;
  patch_file_test_pause ("before");
  if (!patch_file_unchanged (f))
    return EXIT_TROUBLE;

  m = map (f->fd, f->name, MMU_ACCESS_WRITE);
  if (!m)
    return EXIT_TROUBLE;
  patch_file_test_pause ("mapped");
  r = patch_replay (m, log, &run);
  bool ok = unmap (m, f->name, true) && r == APPLY_OK;
  return ok ? EXIT_PATCHED : EXIT_TROUBLE;
}

static int
patch_same_length (struct patch_file *f, struct patch_edit const *edits,
                   size_t n, struct patch_edit const *expects, size_t ne)
{
  struct patch_log log = { NULL, 0, 0 };
  int st = same_length_run (f, edits, n, expects, ne, &log);
  free (log.writes);
  return st;
}

/* Patch F when some edit changes the length: through a new file renamed
   over F, or with --in-place in F itself once a scratch copy took
   every edit.  */
static int
patch_resizing (struct patch_file *f, struct patch_edit const *edits,
                size_t n, struct patch_edit const *expects, size_t ne)
{
  struct patch_run run = { .file = f->name, .grow = grow, .can_resize = true,
                           .list = dry_run && !quiet && !print_script,
                           .quiet = quiet,
                           .changes = print_script ? &changes : NULL };
  patch_changes_clear (&changes);
  bool rename_path = !dry_run && !in_place;
  char *tmp = NULL;
  int fd = (rename_path ? patch_file_temp (f, &tmp)
            : patch_file_scratch (f));
  if (fd < 0)
    return EXIT_TROUBLE;
  mmu_map *m = map (fd, f->name, MMU_ACCESS_WRITE);
  enum patch_result r = APPLY_ERROR;
  if (m)
    {
      r = patch_check (m, expects, ne, &run);
      if (r == APPLY_OK)
        r = patch_apply (m, edits, n, &run);
      if (!unmap (m, f->name, rename_path && r == APPLY_OK))
        r = APPLY_ERROR;
    }
  if (r != APPLY_OK || !rename_path)
    {
      close (fd);
      if (tmp)
        unlink (tmp);
      free (tmp);
      if (r != APPLY_OK)
        return status (r);
    }
  if (dry_run)
    return EXIT_PATCHED;
  if (rename_path)
    return (patch_file_replace (f, fd, tmp, backup)
            ? EXIT_PATCHED : EXIT_TROUBLE);

  /* --in-place.  */
  if (backup && !patch_file_backup (f, backup))
    return EXIT_TROUBLE;
  patch_file_test_pause ("before");
  if (!patch_file_unchanged (f))
    return EXIT_TROUBLE;
  m = map (f->fd, f->name, MMU_ACCESS_WRITE);
  if (!m)
    return EXIT_TROUBLE;
  patch_file_test_pause ("mapped");
  run.list = false;
  run.check_size = true;
  r = patch_apply (m, edits, n, &run);
  bool ok = unmap (m, f->name, true) && r == APPLY_OK;
  return ok ? EXIT_PATCHED : EXIT_TROUBLE;
}

/* What main parses lives until the program exits; it is kept here, at
   file scope, so that leak checkers see it as still in use rather than
   lost (freeing it just before exit would only cost time).  */
static char const **scripts;
static char const **expect_texts;
static struct patch_edit *edits;
static struct patch_edit *expects;

int
main (int argc, char **argv)
{
  cli_init (argv, "mmpatch", EXIT_TROUBLE);

  scripts = xnmalloc (argc, sizeof *scripts);
  expect_texts = xnmalloc (argc, sizeof *expect_texts);
  size_t nscripts = 0, nexpects = 0;
  int c;
  while ((c = getopt_long (argc, argv, "f:nq", long_options, NULL)) != -1)
    switch (c)
      {
      case 'f':
        scripts[nscripts++] = optarg;
        break;
      case EXPECT_OPTION:
        expect_texts[nexpects++] = optarg;
        break;
      case 'n':
        dry_run = true;
        break;
      case BACKUP_OPTION:
        backup = optarg ? optarg : "~";
        if (!*backup)
          error (EXIT_TROUBLE, 0, _("the backup suffix is empty"));
        break;
      case GROW_OPTION:
        grow = true;
        break;
      case IN_PLACE_OPTION:
        in_place = true;
        break;
      case PRINT_REVERSE_OPTION:
        print_reverse = print_script = dry_run = true;
        break;
      case PRINT_SCRIPT_OPTION:
        print_script = dry_run = true;
        break;
      case DIFF_OPTION:
        diff_files = true;
        break;
      case 'q':
        quiet = true;
        break;
      case CLI_HELP_OPTION:
        usage ();
        return EXIT_SUCCESS;
      case CLI_VERSION_OPTION:
        cli_version (NULL);
      default:
        cli_try_help (EXIT_TROUBLE);
      }

  if (diff_files)
    {
      if (argc - optind != 2 || nscripts || nexpects || dry_run || backup
          || grow || in_place)
        {
          error (0, 0, argc - optind != 2
                 ? _("--diff takes two files, OLD and NEW")
                 : _("--diff takes no other option"));
          cli_try_help (EXIT_TROUBLE);
        }
      return patch_diff (argv[optind], argv[optind + 1]);
    }

  if (argc - optind < 1 || (argc - optind < 2 && nscripts == 0))
    {
      error (0, 0, argc - optind < 1 ? _("missing FILE") : _("missing EDIT"));
      cli_try_help (EXIT_TROUBLE);
    }
  char const *file = argv[optind++];
  patch_parse_file (file);

  /* Parse everything before FILE is opened.  */
  bool ok = true;
  size_t n = 0, alloc = 0;
  bool ours = false;
  for (size_t i = 0; i < nscripts; i++)
    ok &= patch_parse_script (scripts[i], &edits, &n, &alloc, &ours);
  for (int i = optind; i < argc; i++)
    {
      if (n == alloc)
        edits = x2nrealloc (edits, &alloc, sizeof *edits);
      char *where = xmalloc (32);
      sprintf (where, "edit %d", i - optind + 1);
      ok &= patch_parse (argv[i], where, false, &edits[n++]);
    }
  expects = xnmalloc (nexpects + 1, sizeof *expects);
  for (size_t i = 0; i < nexpects; i++)
    ok &= patch_parse (expect_texts[i], "--expect", true, &expects[i]);
  if (!ok)
    error (EXIT_TROUBLE, 0, _("%s: nothing written"), quotef (file));
  /* A script with no edit is a mistake (an empty file, the wrong
     file), unless mmpatch printed it: then it is the script of a
     change to nothing (--diff of identical empty files), and is
     applied as one, through the same checks (FILE, --expect).  */
  if (n == 0 && !ours)
    error (EXIT_TROUBLE, 0, _("%s: no edit in the scripts"), quotef (file));

  bool resizing = false;
  for (size_t i = 0; i < n; i++)
    resizing |= edits[i].kind == EDIT_INSERT || edits[i].kind == EDIT_DELETE;

  struct patch_file f;
  if (!patch_file_open (file, dry_run, &f))
    return EXIT_TROUBLE;
  /* With --dry-run and --grow, the listing comes from the path that
     can grow, so that it is not printed twice.  */
  int st = -1;
  if (!resizing && !(dry_run && grow))
    st = patch_same_length (&f, edits, n, expects, nexpects);
  if (st < 0)
    st = patch_resizing (&f, edits, n, expects, nexpects);
  if (!patch_file_close (&f, st == EXIT_PATCHED && !dry_run))
    st = EXIT_TROUBLE;
  if (st == EXIT_PATCHED && print_script)
    patch_print_script (&changes, file, print_reverse);
  return st;
}
