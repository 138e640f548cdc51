/* constants.c -- the MAP_*, PROT_*, MADV_*, MS_* constants configure
   found, and what mmu_have answers.

   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util, free software under the GNU Lesser
   General Public License, version 3 or later: see mmap-util.h.  */

#include <config.h>

#include "mmu-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#if HAVE_DECL_PR_SET_VMA_ANON_NAME
# include <sys/prctl.h>
#endif

/* configure lists what it found in MMU_PROBED_CONSTANTS,
   MMU_PROBED_FUNCTIONS and MMU_PROBED_FEATURES (m4/mmu-probes.m4).  */

#define MMU_CONSTANT(name) { #name, (long) (name) },
static const struct mmu_constant constants[] =
{
  MMU_PROBED_CONSTANTS
  { NULL, 0 }
};
#undef MMU_CONSTANT

#define MMU_FUNCTION(name) #name,
#define MMU_FEATURE(name) #name,
static const char *const features[] =
{
  MMU_PROBED_FUNCTIONS
  MMU_PROBED_FEATURES
  NULL
};
#undef MMU_FUNCTION
#undef MMU_FEATURE

const struct mmu_constant *
mmu_constants (void)
{
  return constants;
}

static const struct mmu_constant *
find_constant (const char *name)
{
  for (const struct mmu_constant *c = constants; c->name; c++)
    if (strcmp (c->name, name) == 0)
      return c;
  return NULL;
}

int
mmu_constant (const char *name, long *value)
{
  mmu__clear_detail ();
  if (name == NULL)
    {
      errno = EINVAL;
      return -1;
    }
  const struct mmu_constant *c = find_constant (name);
  if (c == NULL)
    {
      errno = ENOENT;
      return -1;
    }
  if (value)
    *value = c->value;
  return 0;
}

bool
mmu_have (const char *feature)
{
  if (feature == NULL)
    return false;
  for (const char *const *f = features; *f; f++)
    if (strcmp (*f, feature) == 0)
      return true;
  return find_constant (feature) != NULL;
}
