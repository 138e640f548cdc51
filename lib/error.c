/* error.c -- error codes and Python's messages.
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

#include "mmu-internal.h"

/* The message of the last refusal of this thread; NULL after a failed
   system call.  Only string literals are stored: nothing to free.  */
static _Thread_local const char *mmu__detail;

int
mmu__fail (int err, const char *msg)
{
  mmu__detail = msg;
  errno = err;
  return -1;
}

int
mmu__sysfail (void)
{
  mmu__detail = NULL;
  return -1;
}

void
mmu__clear_detail (void)
{
  mmu__detail = NULL;
}

const char *
mmu_error_detail (void)
{
  return mmu__detail;
}
