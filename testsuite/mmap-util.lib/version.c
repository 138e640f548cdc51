/* version.c -- test the compile-time version of <mmap-util.h> against
   mmu_version and the package's version.

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.

   A program checks the library it runs with against the header it was
   compiled with, so the two must say the same: MMU_VERSION is what
   mmu_version returns, both are the package's version (configure's
   PACKAGE_VERSION, which --version and pkg-config print), and it
   begins with MMU_VERSION_MAJOR.MMU_VERSION_MINOR.MMU_VERSION_PATCH,
   followed by nothing (a release) or by git's suffix (".N-HASH",
   "-dirty").  MMU_VERSION_NUMBER is the three in one number that #if
   can compare.  */

#include <config.h>

#include <dejagnu.h>
#include <stdio.h>
#include <string.h>

#include "mmap-util.h"

/* The macros are integer constants that the preprocessor can use.  */
#if !(MMU_VERSION_NUMBER >= MMU_VERSION_ENCODE (0, 0, 0))
# error "MMU_VERSION_NUMBER is not usable in #if"
#endif
#if MMU_VERSION_NUMBER != MMU_VERSION_ENCODE (MMU_VERSION_MAJOR, \
                                              MMU_VERSION_MINOR, \
                                              MMU_VERSION_PATCH)
# error "MMU_VERSION_NUMBER does not encode MAJOR.MINOR.PATCH"
#endif

static void
test_string (void)
{
  const char *v = mmu_version ();
  if (v && strcmp (v, MMU_VERSION) == 0)
    pass ("version: mmu_version is MMU_VERSION");
  else
    fail ("version: mmu_version is '%s', MMU_VERSION '%s'",
          v ? v : "(null)", MMU_VERSION);
  if (strcmp (MMU_VERSION, PACKAGE_VERSION) == 0)
    pass ("version: MMU_VERSION is the package's version");
  else
    fail ("version: MMU_VERSION is '%s', the package's '%s'", MMU_VERSION,
          PACKAGE_VERSION);
}

static void
test_numbers (void)
{
  char release[64];
  int n = snprintf (release, sizeof release, "%d.%d.%d", MMU_VERSION_MAJOR,
                    MMU_VERSION_MINOR, MMU_VERSION_PATCH);
  size_t len = (size_t) n;
  const char *v = mmu_version ();
  if (0 < n && len < sizeof release && v && strncmp (v, release, len) == 0
      && (v[len] == '\0' || v[len] == '.' || v[len] == '-'))
    pass ("version: the version begins with MAJOR.MINOR.PATCH");
  else
    fail ("version: '%s' does not begin with the macros' %s",
          v ? v : "(null)", release);

  if (MMU_VERSION_NUMBER == ((MMU_VERSION_MAJOR << 16)
                             | (MMU_VERSION_MINOR << 8) | MMU_VERSION_PATCH)
      && 0 <= MMU_VERSION_MINOR && MMU_VERSION_MINOR < 256
      && 0 <= MMU_VERSION_PATCH && MMU_VERSION_PATCH < 256)
    pass ("version: MMU_VERSION_NUMBER is 0xXXYYZZ");
  else
    fail ("version: MMU_VERSION_NUMBER is %#x", (unsigned) MMU_VERSION_NUMBER);

  if (MMU_VERSION_ENCODE (0, 2, 0) < MMU_VERSION_ENCODE (0, 2, 1)
      && MMU_VERSION_ENCODE (0, 2, 255) < MMU_VERSION_ENCODE (0, 3, 0)
      && MMU_VERSION_ENCODE (0, 255, 0) < MMU_VERSION_ENCODE (1, 0, 0))
    pass ("version: MMU_VERSION_ENCODE orders releases");
  else
    fail ("version: MMU_VERSION_ENCODE does not order releases");
}

int
main (void)
{
  test_string ();
  test_numbers ();
  totals ();
  return 0;
}
