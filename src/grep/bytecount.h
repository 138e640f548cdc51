/* bytecount.h -- count the occurrences of one byte, fast.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_BYTECOUNT_H
#define MMGREP_BYTECOUNT_H

#include <stddef.h>

/* The number of bytes equal to C in P[0..N).  mmgrep -n counts the
   lines before each line it prints with it.  */
size_t count_byte (char const *p, size_t n, unsigned char c);

#endif /* MMGREP_BYTECOUNT_H */
