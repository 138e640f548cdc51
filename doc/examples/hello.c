/* hello.c -- Python's first mmap example, in C.

   Python:
     with open("hello.txt", "wb") as f:
         f.write(b"Hello Python!\n")
     with open("hello.txt", "r+b") as f:
         mm = mmap.mmap(f.fileno(), 0)
         print(mm.readline())    # b"Hello Python!\n"
         print(mm[:5])           # b"Hello"
         mm[6:] = b" world!\n"
         mm.seek(0)
         print(mm.readline())    # b"Hello  world!\n"
         mm.close()  */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mmap-util.h>

static void
die (const char *what)
{
  const char *detail = mmu_error_detail ();
  perror (what);
  if (detail)
    fprintf (stderr, "  (%s)\n", detail);
  exit (EXIT_FAILURE);
}

int
main (void)
{
  /* Write a simple example file.  */
  int fd = open ("hello.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write (fd, "Hello Python!\n", 14) != 14)
    die ("hello.txt");

  /* Map the whole file: length 0.  */
  mmu_map *mm = mmu_open (fd, 0, NULL);
  if (mm == NULL)
    die ("mmu_open");
  close (fd);           /* the map keeps its own descriptor */

  /* Read content via standard file methods.  */
  const void *line;
  ssize_t n = mmu_readline (mm, &line);
  printf ("%.*s", (int) n, (const char *) line);

  /* Read content via slice notation: mm[:5].  */
  char head[5];
  n = mmu_get_slice (mm, MMU_OMIT, 5, MMU_OMIT, head, sizeof head);
  printf ("%.*s\n", (int) n, head);

  /* Update content using slice notation; the new content must have
     the same size: mm[6:] = b" world!\n".  */
  if (mmu_set_slice (mm, 6, MMU_OMIT, MMU_OMIT, " world!\n", 8) != 0)
    die ("mmu_set_slice");

  /* ... and read again using standard file methods.  */
  mmu_seek (mm, 0, SEEK_SET);
  n = mmu_readline (mm, &line);
  printf ("%.*s", (int) n, (const char *) line);

  /* A slice of the wrong size is refused, as Python's IndexError.  */
  if (mmu_set_slice (mm, 6, MMU_OMIT, MMU_OMIT, "world!\n", 7) != 0)
    printf ("refused: %s\n", mmu_error_detail ());

  mmu_free (mm);        /* unmaps; the changes are in hello.txt */
  unlink ("hello.txt");
  return 0;
}
