/* share.c -- an anonymous map shared with a child process, as in
   Python's fork example:
     mm = mmap.mmap(-1, 13)
     mm.write(b"Hello world!")
     pid = os.fork()
     if pid == 0:  # In a child process
         mm.seek(0)
         print(mm.readline())
         mm.close()
   Here the child also writes, and the parent sees it: the map is
   MAP_SHARED by default.  */

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mmap-util.h>

int
main (void)
{
  mmu_map *mm = mmu_open (-1, 13, NULL);   /* FD -1: anonymous memory */
  if (mm == NULL)
    {
      perror ("mmu_open");
      return EXIT_FAILURE;
    }
  mmu_write (mm, "Hello world!", 12);

  fflush (stdout);
  pid_t pid = fork ();
  if (pid == 0)
    {
      /* In the child.  */
      const void *line;
      mmu_seek (mm, 0, SEEK_SET);
      ssize_t n = mmu_readline (mm, &line);
      printf ("child read: %.*s\n", (int) n, (const char *) line);
      mmu_set_slice (mm, 0, 5, MMU_OMIT, "Howdy", 5);
      mmu_free (mm);
      fflush (stdout);
      _exit (0);
    }
  waitpid (pid, NULL, 0);

  char buf[12];
  mmu_get_slice (mm, 0, 12, MMU_OMIT, buf, sizeof buf);
  printf ("parent sees: %.12s\n", buf);
  mmu_free (mm);
  return 0;
}
