/* cat-copy.h -- copy one input of mmcat to standard output, through a
   mapping where it can, with read () where it cannot.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMU_CAT_COPY_H
#define MMU_CAT_COPY_H

#include <stdbool.h>
#include <stdint.h>

#include "cat-format.h"

/* What to copy of every input, and how to show it.  */
struct cat_job
{
  struct cat_style style;
  struct cat_state state;     /* goes on from one input to the next */
  uintmax_t offset;           /* --offset: bytes to skip */
  uintmax_t length;           /* --length: bytes to copy; UINTMAX_MAX: all */
};

/* Look at standard output once, before the first cat_copy.  */
void cat_output_init (void);

/* Copy the input open on FD, called NAME in messages, to standard
   output as JOB says.  Return true on success; on failure, report it
   (naming the file) and return false.  Errors writing standard output
   end the program.  */
bool cat_copy (int fd, char const *name, struct cat_job *job);

/* After the last input: write what formatting still holds back.  */
void cat_finish (struct cat_job *job);

#endif /* MMU_CAT_COPY_H */
