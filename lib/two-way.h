/* two-way.h -- the Two-Way string search, internal to libmmap-util.
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

#ifndef MMU_TWO_WAY_H
#define MMU_TWO_WAY_H

#include <stddef.h>

#include "memfind.h"            /* MMU__PURE */

/* The first occurrence of the NL bytes at N (2 <= NL) in the HL bytes
   at H, or NULL; in time linear in HL + NL, and constant memory.  */
const unsigned char *mmu__two_way_fwd (const unsigned char *h, size_t hl,
                                       const unsigned char *n,
                                       size_t nl) MMU__PURE;

/* The same for the last occurrence.  */
const unsigned char *mmu__two_way_rev (const unsigned char *h, size_t hl,
                                       const unsigned char *n,
                                       size_t nl) MMU__PURE;

#endif /* MMU_TWO_WAY_H */
