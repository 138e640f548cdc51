/* patch.h -- mmpatch's edits: what the edit language parses to, how
   edits are applied to a map, and how FILE is opened, locked, copied
   and replaced.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMU_PATCH_H
#define MMU_PATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "mmap-util.h"
#include "quotearg.h"

/* Exit statuses (exit-status.h): EXIT_PATCHED when FILE was patched,
   EXIT_NOTFOUND when a searched pattern was not found, EXIT_TROUBLE on
   trouble.  */
#include "exit-status.h"

/* A file name quoted for a message, as the other programs do.  */
#define quotef(name) quotearg_n_style_colon (1, shell_escape_quoting_style, name)

/* A run of bytes.  */
struct patch_bytes
{
  unsigned char *data;
  size_t len;
};

/* Where an edit applies: a number, the end of the file, or the first
   occurrence of a pattern plus or minus a distance.  */
enum patch_base { BASE_NUMBER, BASE_END, BASE_PATTERN };
struct patch_offset
{
  enum patch_base base;
  uintmax_t number;             /* BASE_NUMBER: the offset */
  struct patch_bytes pattern;   /* BASE_PATTERN: what is searched */
  uintmax_t distance;           /* added to (or taken from) the base */
  bool backward;                /* the distance is taken from the base */
};

/* What an edit does.  */
enum patch_kind
{
  EDIT_WRITE,                   /* OFFSET=VALUE */
  EDIT_INSERT,                  /* OFFSET+VALUE */
  EDIT_DELETE,                  /* OFFSET-COUNT */
  EDIT_SUBST,                   /* s/FROM/TO/FLAGS */
  EDIT_GUARD                    /* OFFSET==VALUE: the bytes must be VALUE */
};

/* Which occurrences a substitution replaces.  */
enum patch_which
{
  SUBST_FIRST_N,                /* the first COUNT (s///: 1; s///gN) */
  SUBST_ALL,                    /* every one (s///g) */
  SUBST_NTH                     /* the COUNTth only (s///N) */
};

/* One edit, parsed.  */
struct patch_edit
{
  char const *text;             /* as written, for messages */
  char const *where;            /* "edit 3", "SCRIPT:7", "--expect" */
  enum patch_kind kind;
  struct patch_offset offset;   /* WRITE, INSERT, DELETE, GUARD */
  struct patch_bytes value;     /* WRITE, INSERT, GUARD; SUBST: TO */
  struct patch_bytes from;      /* SUBST */
  uintmax_t count;              /* DELETE: bytes; SUBST: see WHICH */
  enum patch_which which;       /* SUBST */
};

/* patch-parse.c.  */

/* Name FILE in the messages of the parser.  */
void patch_parse_file (char const *file);

/* Parse TEXT, called WHERE in messages, into *EDIT.  EXPECT: TEXT is
   the argument of --expect, which must be a write.  Return true, or
   report the error naming WHERE and TEXT and return false.  */
bool patch_parse (char const *text, char const *where, bool expect,
                  struct patch_edit *edit);

/* Read the edits of the script file SCRIPT ("-": standard input), one
   per line, with blank lines and lines starting with '#' skipped, and
   append them to *EDITS (*N of them, room for *ALLOC).  Set *OURS if
   its first line is the header of the scripts mmpatch prints
   (PATCH_SCRIPT_HEADER).  Return true, or report each error and
   return false.  */
bool patch_parse_script (char const *script, struct patch_edit **edits,
                         size_t *n, size_t *alloc, bool *ours);

/* How the scripts that mmpatch prints (--diff, --print-script,
   --print-reverse) begin.  Such a script with no edit (two identical
   empty files, edits that change nothing) changes nothing and is
   accepted; any other script with no edit is refused.  */
#define PATCH_SCRIPT_HEADER "# mmpatch script"


/* patch-apply.c.  */

/* How applying went.  */
enum patch_result
{
  APPLY_OK,
  APPLY_NOTFOUND,               /* a pattern was not found */
  APPLY_ERROR,                  /* reported */
  APPLY_NEED_GROW               /* --grow, but the map cannot grow */
};

/* A change that applying made, recorded for a script that replays or
   reverses it: at OFF (in the file as the changes before it left it),
   the OLD bytes became the NEW ones.  A write has both, of one length;
   an insert only NEW, a delete only OLD.  Growth is recorded as the
   insert of zeros at the end.  */
struct patch_change
{
  size_t off;
  unsigned char *old;
  size_t oldlen;
  unsigned char *new;
  size_t newlen;
};
struct patch_changes
{
  struct patch_change *v;
  size_t n, alloc;
};

/* Print the CHANGES as an edit script for FILE: with REVERSE, the one
   that undoes them.  Every write and delete is preceded by a guard
   (OFFSET==VALUE) of the bytes it changes.  */
void patch_print_script (struct patch_changes const *changes,
                         char const *file, bool reverse);

/* Forget the changes of CHANGES.  */
void patch_changes_clear (struct patch_changes *changes);

/* What applying needs to know.  */
struct patch_run
{
  char const *file;             /* FILE, for messages */
  bool grow;                    /* an edit past the end grows the map */
  bool can_resize;              /* the map can grow and shrink */
  bool list;                    /* print each change to stdout */
  bool quiet;                   /* no message for a pattern not found */
  bool check_size;              /* M is FILE itself: see it was not cut */
  struct patch_log *log;        /* non-NULL: record every write */
  struct patch_changes *changes; /* non-NULL: record every change */
};

/* The writes of a run that keeps the length, recorded so that they can
   be replayed on another map of the same file without searching
   again.  */
struct patch_write
{
  size_t offset;
  struct patch_edit const *edit;  /* whose value is written */
};
struct patch_log
{
  struct patch_write *writes;
  size_t n, alloc;
};

/* Write the LOG's writes, recorded by patch_apply on a copy of the file
   of M, into M.  Report errors.  */
enum patch_result patch_replay (mmu_map *m, struct patch_log const *log,
                                struct patch_run const *run);

/* Apply the N EDITS in order to the writable map M, as RUN says.
   Report errors (naming RUN->file and the edit).  */
enum patch_result patch_apply (mmu_map *m, struct patch_edit const *edits,
                               size_t n, struct patch_run const *run);

/* Check the N --expect conditions EXPECTS against M: APPLY_OK when the
   bytes are those named, APPLY_ERROR (reported) when they differ.  */
enum patch_result patch_check (mmu_map *m, struct patch_edit const *expects,
                               size_t n, struct patch_run const *run);

/* Report the failure of the library call that applying EDIT to FILE
   met, with errno or the library's message.  */
void patch_error (char const *file, struct patch_edit const *edit,
                  char const *what);

/* patch-diff.c.  */

/* Print on standard output an edit script, every write and delete
   guarded by the bytes it changes, that turns the file OLD into the
   file NEW.  Return the exit status: EXIT_PATCHED, or EXIT_TROUBLE
   (reported).  */
int patch_diff (char const *old, char const *new);

/* patch-file.c.  */

/* FILE, open and locked.  */
struct patch_file
{
  char const *name;             /* as given */
  char *path;                   /* the file itself, symbolic links resolved */
  int fd;
  struct stat st;               /* when it was locked */
};

/* Open NAME for reading and writing (for reading only with READ_ONLY),
   take the advisory lock (a write lock, or a read lock with
   READ_ONLY; failing at once if another process holds it) and fill *F.
   Return true, or report the error and return false.  */
bool patch_file_open (char const *name, bool read_only,
                      struct patch_file *f);

/* Check that F's name still leads to the file locked, unchanged in
   size and time since it was locked.  Return true, or report and
   return false.  */
bool patch_file_unchanged (struct patch_file const *f);

/* Open a scratch copy of F, in memory where the system can (memfd),
   else in an unlinked temporary file.  Return its descriptor, or
   report and return -1.  */
int patch_file_scratch (struct patch_file const *f);

/* Create a temporary file beside F (same directory), holding a copy of
   F's bytes.  Where the system can (O_TMPFILE), it has no name yet:
   *TMP is NULL, and the file vanishes if the process dies; else *TMP
   is its name (to free), ".BASE.mmpatch-PID-XXXXXX", which the next
   run on F removes if process PID is gone.  Return its descriptor, or
   report, remove the temporary and return -1.  */
int patch_file_temp (struct patch_file const *f, char **tmp);

/* Give the temporary open on FD (named TMP, or unnamed when TMP is
   NULL; TMP is freed) F's owner and mode, flush it to disk, give it a
   name beside F if it has none and, with BACKUP, keep F's present
   bytes as F's path followed by BACKUP (a hard link); then rename the
   temporary over F and flush the directory.  On failure report it,
   remove the temporary and return false: F is unchanged.  */
bool patch_file_replace (struct patch_file const *f, int fd,
                         char *tmp, char const *backup);

/* Keep a copy of F as its path followed by BACKUP, written beside it
   and renamed into place.  Return true, or report and return false.  */
bool patch_file_backup (struct patch_file const *f, char const *backup);

/* The test hook: stop the process (SIGSTOP) at POINT when the
   environment variable MMPATCH_TEST_PAUSE names it.  POINT "before":
   where the patch is about to reach F, before the checks that F is
   unchanged and then the rename or the first byte written in place
   (MMPATCH_TEST_PAUSE set to anything but "mapped" or "copy");
   "mapped": in place, after those checks, with F's shared map open,
   before its first byte is written; "copy": halfway through copying F
   to a temporary or a scratch copy.  */
void patch_file_test_pause (char const *point);

/* Flush F to disk (fsync) and release it.  Return true, or report and
   return false.  */
bool patch_file_close (struct patch_file *f, bool sync);

#endif /* MMU_PATCH_H */
