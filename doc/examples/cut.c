/* cut.c -- cut bytes out of the middle of a file: move what follows
   the cut back over it, then shrink the map and the file with resize,
   as the tutorial describes.  */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mmap-util.h>

int
main (void)
{
  static const char text[] = "one two three four\n";
  int fd = open ("cut.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write (fd, text, sizeof text - 1) != sizeof text - 1)
    return EXIT_FAILURE;
  mmu_map *mm = mmu_open (fd, 0, NULL);
  close (fd);
  if (mm == NULL)
    return EXIT_FAILURE;

  /* Cut "two ": 4 bytes at offset 4.  */
  size_t at = 4, n = 4, len = mmu_len (mm);
  if (mmu_move (mm, at, at + n, len - at - n) != 0
      || mmu_resize (mm, len - n) != 0)
    {
      perror ("cut");
      return EXIT_FAILURE;
    }
  printf ("map: %zu bytes, file: %lld bytes\n", mmu_len (mm),
          (long long) mmu_size (mm));
  mmu_free (mm);

  char buf[64];
  FILE *f = fopen ("cut.txt", "r");
  size_t got = fread (buf, 1, sizeof buf, f);
  fclose (f);
  printf ("file: %.*s", (int) got, buf);
  unlink ("cut.txt");
  return 0;
}
