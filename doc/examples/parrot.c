/* parrot.c -- the tutorial's session with a mapped file, in C: find,
   rfind, seek, tell, indexing, slices, a regular expression over the
   map, read, readline, write, flush.  */

#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mmap-util.h>

static const char text[] =
  "It's not pining, it's passed on! This parrot is no more!\n"
  "It has ceased to be! It's expired and gone to meet its maker!\n";

static void
die (const char *what)
{
  perror (what);
  exit (EXIT_FAILURE);
}

int
main (void)
{
  int fd = open ("parrot.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write (fd, text, sizeof text - 1) != sizeof text - 1)
    die ("parrot.txt");
  struct mmu_options opts = { .access = MMU_ACCESS_WRITE };
  mmu_map *mm = mmu_open (fd, 0, &opts);
  if (mm == NULL)
    die ("mmu_open");
  close (fd);

  /* find searches from the cursor, and does not move it.  */
  printf ("find no: %zd\n", mmu_find (mm, "no", 2));
  printf ("tell: %zu\n", mmu_tell (mm));
  mmu_seek (mm, 11, SEEK_SET);
  printf ("after seek, find no: %zd\n", mmu_find (mm, "no", 2));

  /* rfind searches from the right.  */
  printf ("rfind it: %zd\n", mmu_rfind (mm, "it", 2));

  /* Back to the start; where is the parrot?  */
  mmu_seek (mm, 0, SEEK_SET);
  ssize_t p = mmu_find (mm, "parrot", 6);
  printf ("parrot at %zd, byte %d\n", p, mmu_get (mm, p));

  char word[6];
  mmu_get_slice (mm, p, p + 6, MMU_OMIT, word, sizeof word);
  printf ("slice: %.6s\n", word);

  /* Overwrite a slice of the same size: the parrot becomes a magpie.  */
  mmu_set_slice (mm, p, p + 6, MMU_OMIT, "magpie", 6);

  /* A regular expression over the map: every five-letter word.  The
     map has no final NUL, so regexec is told where it ends
     (REG_STARTEND, a GNU and BSD extension).  */
  regex_t re;
  if (regcomp (&re, "\\b[[:alpha:]]{5}\\b", REG_EXTENDED) != 0)
    die ("regcomp");
  size_t len;
  const char *data = mmu_acquire (mm, &len);
  regmatch_t m[1] = { { 0, (regoff_t) len } };
  printf ("five-letter words:");
  while (regexec (&re, data, 1, m, REG_STARTEND) == 0)
    {
      printf (" %.*s", (int) (m[0].rm_eo - m[0].rm_so), data + m[0].rm_so);
      m[0].rm_so = m[0].rm_eo;
      m[0].rm_eo = (regoff_t) len;
    }
  printf ("\n");
  if (mmu_faulted (mm))         /* the file shrank under the scan */
    fprintf (stderr, "parrot.txt was truncated\n");
  mmu_release (mm);
  regfree (&re);

  /* File-like reading: read moves the cursor.  */
  mmu_seek (mm, 0, SEEK_SET);
  char buf[8];
  ssize_t n = mmu_read (mm, buf, 7);
  printf ("read: %.*s\n", (int) n, buf);
  n = mmu_read (mm, buf, 7);
  printf ("read: %.*s\n", (int) n, buf);
  printf ("tell: %zu\n", mmu_tell (mm));
  const void *line;
  n = mmu_readline (mm, &line);
  printf ("readline: %.*s", (int) n, (const char *) line);

  /* Writing overwrites in place and moves the cursor.  */
  mmu_seek (mm, 0, SEEK_SET);
  mmu_write (mm, "Lovely plumage!", 15);
  printf ("tell after write: %zu\n", mmu_tell (mm));

  /* Make sure the file has it, then close.  */
  if (mmu_flush (mm) != 0)
    die ("mmu_flush");
  mmu_free (mm);

  /* The file itself changed.  */
  FILE *f = fopen ("parrot.txt", "r");
  char first[80];
  if (f == NULL || fgets (first, sizeof first, f) == NULL)
    die ("parrot.txt");
  fclose (f);
  printf ("file: %s", first);
  unlink ("parrot.txt");
  return 0;
}
