/* name.c -- naming anonymous maps for /proc/PID/maps.
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

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#if HAVE_PRCTL && HAVE_DECL_PR_SET_VMA_ANON_NAME
# include <sys/prctl.h>
#endif

#include "mmu-internal.h"

/* Design.  Where prctl has PR_SET_VMA_ANON_NAME, the kernel shows the
   name of an anonymous mapping in /proc/PID/maps as [anon:NAME].  Many
   kernels built without CONFIG_ANON_VMA_NAME answer EINVAL even though
   their headers define it, and a shared anonymous map of this library
   lives on a memfd, a file, which the kernel refuses to name (EBADF).
   Both mean "not here": ENOTSUP, decided at run time.  The name is
   checked here first against the kernel's rules (at most 79 bytes,
   printable, none of \ ` $ [ ]), so that EINVAL from the kernel can
   only mean that it refuses.  */

#define NAME_MAX_LEN 79         /* the kernel's 80 with the null byte */

/* Return true if NAME is one the kernel accepts.  */
static bool
valid_name (const char *name)
{
  size_t n = strlen (name);
  if (n > NAME_MAX_LEN)
    return false;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) name[i];
      if (c < 0x20 || c > 0x7e || strchr ("\\`$[]", c) != NULL)
        return false;
    }
  return true;
}

int
mmu_set_name (mmu_map *m, const char *name)
{
  MMU__CHECK_OPEN (m, -1);
  if (!m->anonymous)
    return mmu__fail (EINVAL, "only anonymous maps can be named");
  if (name != NULL && !valid_name (name))
    return mmu__fail (EINVAL, "invalid map name");
#if HAVE_PRCTL && HAVE_DECL_PR_SET_VMA_ANON_NAME
  uintptr_t pg = (uintptr_t) mmu_pagesize ();
  uintptr_t len = ((uintptr_t) m->size + pg - 1) & ~(pg - 1);
  if (prctl (PR_SET_VMA, PR_SET_VMA_ANON_NAME, (unsigned long) m->data,
             (unsigned long) len, (unsigned long) name) != 0)
    {
      if (errno == EINVAL || errno == EBADF)
        return mmu__fail (ENOTSUP, "the kernel does not name this map");
      return mmu__sysfail ();
    }
  return 0;
#else
  return mmu__fail (ENOTSUP, "naming maps not supported on this system");
#endif
}
