/* seeds.c -- test replaying the examples of Python's mmap documents.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published
   by the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   Lesser General Public License for more details.

   You should have received a copy of the GNU Lesser General Public
   License along with this program.  If not, see
   <https://www.gnu.org/licenses/>.  */

/* What this checks, and why: the examples the package's source
   documents show in Python, replayed through the C API with the same
   observable results.  Seed 001 (Python's reference): the hello.txt
   session (readline, a slice, a slice assignment of the same size,
   seek, readline) and the file left behind.  Seed 002 (a tutorial):
   the parrot session: find from the cursor, seek, rfind, indexing,
   slicing, a slice assignment, a regular expression over the mapping
   (through mmu_acquire's pointer, with POSIX regexec and REG_STARTEND),
   read, readline, write, flush, close, with a text of the same shape
   (the offsets 5, 48 and 38 are those of the tutorial).  The expected
   values were produced by CPython.  */

#include <dejagnu.h>
#define TEST_NAME "seeds"
#include "test-util.h"

#include <regex.h>

static char path[PATH_MAX];

static void
hello (void)
{
  const void *line;
  char buf[32] = { 0 };
  int fd = tu_file ("Hello Python!\n", 14, path);
  mmu_map *mm = mmu_open (fd, 0, NULL);      /* size 0: the whole file */

  ssize_t n = mmu_readline (mm, &line);
  tu_check (n == 14 && memcmp (line, "Hello Python!\n", 14) == 0,
            "hello: readline gives Hello Python!");
  n = mmu_get_slice (mm, MMU_OMIT, 5, MMU_OMIT, buf, sizeof buf);
  tu_check (n == 5 && memcmp (buf, "Hello", 5) == 0, "hello: mm[:5] is Hello");
  /* The document's text lost a space: b" world!\n" has the size of
     mm[6:]; without it, Python raises IndexError: ERANGE.  */
  CHECK_ERR (mmu_set_slice (mm, 6, MMU_OMIT, MMU_OMIT, "world!\n", 7), ERANGE,
             "hello: mm[6:] = a shorter text is refused");
  tu_check (mmu_set_slice (mm, 6, MMU_OMIT, MMU_OMIT, " world!\n", 8) == 0,
            "hello: mm[6:] = world!");
  mmu_seek (mm, 0, SEEK_SET);
  n = mmu_readline (mm, &line);
  tu_check (n == 14 && memcmp (line, "Hello  world!\n", 14) == 0,
            "hello: readline gives Hello world!");
  tu_check (mmu_close (mm) == 0, "hello: close");
  mmu_free (mm);
  memset (buf, 0, sizeof buf);
  tu_check (tu_read_file (path, buf, sizeof buf) == 14
            && memcmp (buf, "Hello  world!\n", 14) == 0,
            "hello: the file holds Hello world!");
  close (fd);
  unlink (path);

  /* The anonymous example: write into a 13-byte map.  */
  mm = mmu_open (-1, 13, NULL);
  tu_check (mmu_write (mm, "Hello world!", 12) == 12 && mmu_tell (mm) == 12,
            "hello: anonymous write");
  mmu_free (mm);
}

static const char parrot_text[] =
  "It's not pining, it's passed on! This parrot is no more!\n"
  "It has ceased to be! It's expired and gone to meet its maker!\n"
  "This is a late parrot! It's a stiff! Bereft of life,\n"
  "it rests in peace! If you hadn't nailed it to the perch,\n"
  "it would be pushing up the daisies!\n";

static const char parrot_after[] =
  "Nudge nudge, wink winkpassed on! This magpie is no more!\n"
  "It has ceased to be! It's expired and gone to meet its maker!\n"
  "This is a late parrot! It's a stiff! Bereft of life,\n"
  "it rests in peace! If you hadn't nailed it to the perch,\n"
  "it would be pushing up the daisies!\n";

/* Collect the five-letter words of M, as re.findall (rb"\b\w{5}\b").  */
static void
five_letter_words (mmu_map *m, char *out, size_t outsize)
{
  regex_t re;
  regmatch_t rm;
  size_t len;
  const char *p = mmu_acquire (m, &len);
  size_t at = 0;

  out[0] = '\0';
  if (regcomp (&re, "\\<[[:alnum:]_]{5}\\>", REG_EXTENDED) != 0)
    return;
  for (;;)
    {
      rm.rm_so = (regoff_t) at;
      rm.rm_eo = (regoff_t) len;
      if (regexec (&re, p, 1, &rm, REG_STARTEND) != 0)
        break;
      size_t used = strlen (out);
      snprintf (out + used, outsize - used, "%s%.*s", used ? " " : "",
                (int) (rm.rm_eo - rm.rm_so), p + rm.rm_so);
      at = (size_t) rm.rm_eo;
    }
  regfree (&re);
  mmu_release (m);
}

static void
parrot (void)
{
  char buf[512] = { 0 };
  const void *line;
  int fd = tu_file (parrot_text, strlen (parrot_text), path);
  struct mmu_options o = { .access = MMU_ACCESS_WRITE };
  mmu_map *m = mmu_open (fd, 0, &o);

  tu_check (mmu_find (m, "no", 2) == 5, "parrot: find no is 5");
  tu_check (mmu_tell (m) == 0, "parrot: find leaves tell at 0");
  tu_check (mmu_seek (m, 11, SEEK_SET) == 11 && mmu_tell (m) == 11, "parrot: seek 11");
  tu_check (mmu_find (m, "no", 2) == 48, "parrot: find no from 11 is 48");
  tu_check (mmu_rfind (m, "parrot", 6) == 134, "parrot: rfind parrot is 134");
  mmu_seek (m, 0, SEEK_SET);
  tu_check (mmu_find (m, "parrot", 6) == 38, "parrot: find parrot is 38");
  tu_check (mmu_get (m, 38) == 112, "parrot: m[38] is 112");
  tu_check (mmu_get_slice (m, 38, 44, MMU_OMIT, buf, sizeof buf) == 6
            && memcmp (buf, "parrot", 6) == 0, "parrot: m[38:44] is parrot");
  tu_check (mmu_set_slice (m, 38, 44, MMU_OMIT, "magpie", 6) == 0
            && mmu_get_slice (m, 38, 44, MMU_OMIT, buf, sizeof buf) == 6
            && memcmp (buf, "magpie", 6) == 0, "parrot: m[38:44] = magpie");
  five_letter_words (m, buf, sizeof buf);
  tu_check (strcmp (buf, "maker stiff rests peace perch would") == 0,
            "parrot: regular expression over the map");
  mmu_seek (m, 0, SEEK_SET);
  tu_check (mmu_read (m, buf, 7) == 7 && memcmp (buf, "It's no", 7) == 0,
            "parrot: read 7");
  tu_check (mmu_read (m, buf, 7) == 7 && memcmp (buf, "t pinin", 7) == 0,
            "parrot: read 7 again");
  tu_check (mmu_tell (m) == 14, "parrot: tell is 14");
  ssize_t n = mmu_readline (m, &line);
  const char *want = "g, it's passed on! This magpie is no more!\n";
  tu_check (n == (ssize_t) strlen (want) && memcmp (line, want, (size_t) n) == 0,
            "parrot: readline");
  mmu_seek (m, 0, SEEK_SET);
  tu_check (mmu_write (m, "Nudge nudge, wink wink", 22) == 22 && mmu_tell (m) == 22,
            "parrot: write returns 22 and moves the cursor");
  tu_check (mmu_flush (m) == 0, "parrot: flush");
  tu_check (mmu_close (m) == 0, "parrot: close");
  mmu_free (m);
  memset (buf, 0, sizeof buf);
  tu_check (tu_read_file (path, buf, sizeof buf) == (ssize_t) strlen (parrot_after)
            && strcmp (buf, parrot_after) == 0, "parrot: the file afterwards");
  close (fd);
  unlink (path);
}

int
main (void)
{
  tu_init ();
  hello ();
  parrot ();
  totals ();
  return 0;
}
