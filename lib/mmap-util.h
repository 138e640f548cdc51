/* mmap-util.h -- Python's mmap object model for C: libmmap-util.

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

#ifndef MMAP_UTIL_H
#define MMAP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Every function of the interface is marked MMU_API: inside the library
   it is exported, everything else stays hidden.  */
#if defined BUILDING_LIBMMAP_UTIL && defined HAVE_VISIBILITY && HAVE_VISIBILITY
# define MMU_API __attribute__ ((__visibility__ ("default")))
#else
# define MMU_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The system, probed.  */

/* Return the size of a page of memory, in bytes (Python's
   mmap.PAGESIZE).  Never fails.  */
MMU_API long mmu_pagesize (void);

/* Return the granularity of mapping offsets, in bytes (Python's
   mmap.ALLOCATIONGRANULARITY): an offset given to mmu_open must be a
   multiple of it.  On POSIX systems it is the page size.  Never fails.  */
MMU_API long mmu_allocation_granularity (void);

/* One constant of the system, under Python's name.  */
struct mmu_constant
{
  const char *name;   /* "MAP_SHARED", ...; NULL ends a table */
  long value;
};

/* Return the table of every constant configure found on this system,
   under Python's names: PROT_*, MAP_*, MADV_*, and MS_SYNC, MS_ASYNC,
   MS_INVALIDATE.  The table ends with an entry whose name is NULL.  It
   is static: never free it.  Never fails.  */
MMU_API const struct mmu_constant *mmu_constants (void);

/* Look up the constant NAME (as in mmu_constants) and store its value
   in *VALUE, unless VALUE is NULL.  Return 0, or -1 with errno ENOENT
   when this system has no such constant (or configure did not probe
   it), EINVAL when NAME is NULL.  */
MMU_API int mmu_constant (const char *name, long *value);

/* Return true if this build of the library has FEATURE: a function
   configure found ("mremap", "madvise", "posix_madvise", "msync",
   "mincore", "mlock", "posix_fallocate", "memfd_create", "vmsplice",
   "copy_file_range", "prctl"), a constant of mmu_constants
   ("MAP_POPULATE", ...), or another declaration the library uses
   ("MREMAP_MAYMOVE", "PR_SET_VMA_ANON_NAME").  False for anything else,
   NULL included.  Does not touch errno.  */
MMU_API bool mmu_have (const char *feature);

/* Return the version of the library, "0.1" or the like: the version of
   the mmap-util package it comes from.  Never fails.  */
MMU_API const char *mmu_version (void);

#ifdef __cplusplus
}
#endif

#endif /* MMAP_UTIL_H */
