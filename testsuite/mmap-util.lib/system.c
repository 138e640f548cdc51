/* system.c -- test mmu_pagesize, mmu_allocation_granularity and
   mmu_version.

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.

   The page size must be the system's own (sysconf) and a power of two,
   since offsets are checked against it; the granularity is what
   mmap(2) accepts as an offset, shown by mapping a file at that offset
   and failing at half of it; the version must be the package's.  */

#include <config.h>

#include <dejagnu.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mmap-util.h"

static void
test_pagesize (void)
{
  long p = mmu_pagesize ();
  if (p == sysconf (_SC_PAGESIZE))
    pass ("system: mmu_pagesize is sysconf's page size");
  else
    fail ("system: mmu_pagesize %ld, sysconf says %ld", p,
          sysconf (_SC_PAGESIZE));
  if (p > 0 && (p & (p - 1)) == 0)
    pass ("system: mmu_pagesize is a power of two");
  else
    fail ("system: mmu_pagesize %ld is not a power of two", p);
}

static void
test_granularity (void)
{
  long g = mmu_allocation_granularity ();
  if (g >= mmu_pagesize () && g % mmu_pagesize () == 0)
    pass ("system: granularity is a multiple of the page size");
  else
    fail ("system: granularity %ld, page size %ld", g, mmu_pagesize ());

  /* mmap accepts an offset of one granularity and refuses half of it.  */
  char path[] = "/tmp/mmu-system-XXXXXX";
  int fd = mkstemp (path);
  if (fd < 0 || ftruncate (fd, 2 * g) != 0)
    {
      unresolved ("system: cannot make a temporary file");
      return;
    }
  unlink (path);
  void *p = mmap (NULL, (size_t) g, PROT_READ, MAP_SHARED, fd, g);
  if (p != MAP_FAILED)
    {
      pass ("system: mmap accepts an offset of one granularity");
      munmap (p, (size_t) g);
    }
  else
    fail ("system: mmap refuses offset %ld: %s", g, strerror (errno));
  p = mmap (NULL, (size_t) g, PROT_READ, MAP_SHARED, fd, g / 2);
  if (p == MAP_FAILED && errno == EINVAL)
    pass ("system: mmap refuses half a granularity");
  else
    fail ("system: mmap accepted offset %ld", g / 2);
  if (p != MAP_FAILED)
    munmap (p, (size_t) g);
  close (fd);
}

static void
test_version (void)
{
  const char *v = mmu_version ();
  if (v && strcmp (v, PACKAGE_VERSION) == 0)
    pass ("system: mmu_version is the package's version");
  else
    fail ("system: mmu_version is '%s', expected '%s'", v ? v : "(null)",
          PACKAGE_VERSION);
}

int
main (void)
{
  test_pagesize ();
  test_granularity ();
  test_version ();
  totals ();
  return 0;
}
