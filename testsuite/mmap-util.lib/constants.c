/* constants.c -- test mmu_constants, mmu_constant and mmu_have.

   Copyright (C) 2026 The mmap-util authors.
   Copying and distribution of this file, with or without modification,
   are permitted in any medium without royalty provided the copyright
   notice and this notice are preserved.

   The table must hold what configure found, with the values this
   compiler sees in <sys/mman.h> (so a probe that got a constant wrong,
   or missed one the system has, shows here), under unique Python
   names, ending with NULL; mmu_constant must agree with it and refuse
   what is not there with ENOENT; mmu_have must answer for functions,
   constants and other declarations the way configure decided.  */

#include <config.h>

#include <dejagnu.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "mmap-util.h"

/* The constants this test knows the system declares, with the value
   the compiler sees: each must be in the table with that value.  */
static const struct mmu_constant known[] =
{
  { "PROT_READ", PROT_READ },
  { "PROT_WRITE", PROT_WRITE },
  { "MAP_SHARED", MAP_SHARED },
  { "MAP_PRIVATE", MAP_PRIVATE },
#ifdef MAP_ANONYMOUS
  { "MAP_ANONYMOUS", MAP_ANONYMOUS },
#endif
#ifdef MAP_POPULATE
  { "MAP_POPULATE", MAP_POPULATE },
#endif
#ifdef MAP_NORESERVE
  { "MAP_NORESERVE", MAP_NORESERVE },
#endif
#ifdef MAP_HUGETLB
  { "MAP_HUGETLB", MAP_HUGETLB },
#endif
#ifdef MAP_FIXED_NOREPLACE
  { "MAP_FIXED_NOREPLACE", MAP_FIXED_NOREPLACE },
#endif
#ifdef MADV_SEQUENTIAL
  { "MADV_SEQUENTIAL", MADV_SEQUENTIAL },
#endif
#ifdef MADV_DONTNEED
  { "MADV_DONTNEED", MADV_DONTNEED },
#endif
#ifdef MADV_HUGEPAGE
  { "MADV_HUGEPAGE", MADV_HUGEPAGE },
#endif
  { "MS_SYNC", MS_SYNC },
  { "MS_ASYNC", MS_ASYNC },
  { "MS_INVALIDATE", MS_INVALIDATE },
  { NULL, 0 }
};

static void
test_table (void)
{
  const struct mmu_constant *t = mmu_constants ();
  size_t n = 0;
  int bad_prefix = 0, dup = 0;
  for (; t[n].name; n++)
    {
      const char *name = t[n].name;
      if (strncmp (name, "MAP_", 4) != 0 && strncmp (name, "PROT_", 5) != 0
          && strncmp (name, "MADV_", 5) != 0 && strncmp (name, "MS_", 3) != 0)
        {
          fail ("constants: unexpected name %s in the table", name);
          bad_prefix++;
        }
      for (size_t j = 0; j < n; j++)
        if (strcmp (t[j].name, name) == 0)
          {
            fail ("constants: %s twice in the table", name);
            dup++;
          }
    }
  if (!bad_prefix)
    pass ("constants: every name is MAP_, PROT_, MADV_ or MS_");
  if (!dup)
    pass ("constants: every name is in the table once");
  if (n >= sizeof known / sizeof known[0] - 1)
    pass ("constants: the table has %zu entries", n);
  else
    fail ("constants: the table has only %zu entries", n);

  for (const struct mmu_constant *k = known; k->name; k++)
    {
      long v = -12345;
      if (mmu_constant (k->name, &v) == 0 && v == k->value)
        pass ("constants: %s is %ld", k->name, k->value);
      else
        fail ("constants: %s: got %ld, the header says %ld", k->name, v,
              k->value);
      if (mmu_have (k->name))
        pass ("constants: mmu_have (%s)", k->name);
      else
        fail ("constants: mmu_have (%s) is false", k->name);
    }

  /* mmu_constant and the table agree on every entry.  */
  int disagree = 0;
  for (t = mmu_constants (); t->name; t++)
    {
      long v;
      if (mmu_constant (t->name, &v) != 0 || v != t->value)
        {
          fail ("constants: mmu_constant (%s) disagrees with the table",
                t->name);
          disagree++;
        }
    }
  if (!disagree)
    pass ("constants: mmu_constant agrees with the table");
}

static void
test_errors (void)
{
  long v = 7;
  errno = 0;
  if (mmu_constant ("MAP_NO_SUCH_FLAG", &v) == -1 && errno == ENOENT
      && v == 7)
    pass ("constants: an unknown name is ENOENT, value untouched");
  else
    fail ("constants: an unknown name is not ENOENT");
  errno = 0;
  if (mmu_constant ("map_shared", &v) == -1 && errno == ENOENT)
    pass ("constants: names are case-sensitive");
  else
    fail ("constants: 'map_shared' was found");
  errno = 0;
  if (mmu_constant (NULL, &v) == -1 && errno == EINVAL)
    pass ("constants: a NULL name is EINVAL");
  else
    fail ("constants: a NULL name is not EINVAL");
  if (mmu_constant ("MAP_SHARED", NULL) == 0)
    pass ("constants: a NULL value pointer only tests presence");
  else
    fail ("constants: a NULL value pointer is refused");
}

/* mmu_have answers for functions exactly as configure decided.  */
static void
check_have (const char *feature, bool configured)
{
  if (mmu_have (feature) == configured)
    pass ("constants: mmu_have (%s) is %s, as configured", feature,
          configured ? "true" : "false");
  else
    fail ("constants: mmu_have (%s) disagrees with configure", feature);
}

#ifdef HAVE_MREMAP
# define CONFIGURED_MREMAP true
#else
# define CONFIGURED_MREMAP false
#endif
#ifdef HAVE_MADVISE
# define CONFIGURED_MADVISE true
#else
# define CONFIGURED_MADVISE false
#endif
#ifdef HAVE_MEMFD_CREATE
# define CONFIGURED_MEMFD_CREATE true
#else
# define CONFIGURED_MEMFD_CREATE false
#endif
#ifdef HAVE_MSYNC
# define CONFIGURED_MSYNC true
#else
# define CONFIGURED_MSYNC false
#endif

static void
test_have (void)
{
  check_have ("mremap", CONFIGURED_MREMAP);
  check_have ("madvise", CONFIGURED_MADVISE);
  check_have ("memfd_create", CONFIGURED_MEMFD_CREATE);
  check_have ("msync", CONFIGURED_MSYNC);
  check_have ("MREMAP_MAYMOVE", HAVE_DECL_MREMAP_MAYMOVE);
  check_have ("PR_SET_VMA_ANON_NAME", HAVE_DECL_PR_SET_VMA_ANON_NAME);
  check_have ("FALLOC_FL_INSERT_RANGE", HAVE_DECL_FALLOC_FL_INSERT_RANGE);
  check_have ("FALLOC_FL_COLLAPSE_RANGE",
              HAVE_DECL_FALLOC_FL_COLLAPSE_RANGE);
  check_have ("MAP_SYNC", HAVE_DECL_MAP_SYNC);
  check_have ("MAP_JIT", HAVE_DECL_MAP_JIT);
  check_have ("no_such_function", false);
  check_have ("", false);
  check_have (NULL, false);
  /* A function configure found is callable: msync on a fresh map.  */
#ifdef HAVE_MSYNC
  void *p = mmap (NULL, 4096, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p != MAP_FAILED && msync (p, 4096, MS_ASYNC) == 0)
    pass ("constants: msync, found by configure, works");
  else
    fail ("constants: msync, found by configure, fails");
  if (p != MAP_FAILED)
    munmap (p, 4096);
#endif
}

int
main (void)
{
  test_table ();
  test_errors ();
  test_have ();
  totals ();
  return 0;
}
