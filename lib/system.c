/* system.c -- page size, allocation granularity, version.

   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util, free software under the GNU Lesser
   General Public License, version 3 or later: see mmap-util.h.  */

#include <config.h>

#include "mmap-util.h"

#include <unistd.h>

long
mmu_pagesize (void)
{
  long size = sysconf (_SC_PAGESIZE);
  return size > 0 ? size : 4096;
}

long
mmu_allocation_granularity (void)
{
  /* POSIX requires mmap offsets to be multiples of the page size.  */
  return mmu_pagesize ();
}

const char *
mmu_version (void)
{
  return PACKAGE_VERSION;
}
