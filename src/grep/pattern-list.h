/* pattern-list.h -- the patterns given, each kept once, and where they
   came from.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   As in GNU grep, a pattern given twice is kept once, the first time,
   before the matcher is chosen: a bad pattern is reported once, -P
   accepts "-e a -e a", and matcher_compile's choices (grep_uses_fixed
   in matcher.c) assume that no pattern is repeated.  mmgrep.c builds
   its patterns here from -e, -f and the operand; the fuzz target of
   the engines (fuzz/fuzz-engines.c) gives them to the matcher the same
   way, so that what it checks is what mmgrep compiles.  */

#ifndef MMGREP_PATTERN_LIST_H
#define MMGREP_PATTERN_LIST_H

#include <stddef.h>

#include "matcher.h"

struct pattern_slot;

/* The patterns, as matcher_compile takes them, and what they came
   from.  Read its first fields freely; change them only through the
   functions below.  It belongs to one thread, and is not shared.  */
struct pattern_list
{
  /* The patterns kept, one per line, each followed by a newline,
     then any bytes appended since the last pattern_list_keep_new:
     SIZE bytes in all (BYTES is NULL while none was appended).
     Without the last newline, the kept ones are what matcher_compile
     takes.  */
  char *bytes;
  size_t size;

  /* How many patterns are kept.  */
  size_t count;

  /* Where the kept patterns came from, for the messages about them
     (matcher_compile's ORIGINS): each run of consecutive kept lines of
     one source is one entry.  */
  struct matcher_origin *origins;
  size_t norigins;

  /* The rest is this unit's own.  */
  size_t alloc, origins_alloc;
  struct pattern_slot *slots;
  size_t nslots;
};

/* Make PL an empty list.  It owns nothing yet, but must be freed with
   pattern_list_free all the same once it is no longer needed.  */
void pattern_list_init (struct pattern_list *pl);

/* Free what PL holds: the patterns, their origins, the set; PL is
   left empty, as pattern_list_init leaves it.  Any pointer taken from
   its fields is then invalid.  */
void pattern_list_free (struct pattern_list *pl);

/* Append the N bytes at P to PL's bytes, as they are: a part of one
   line or several.  They are not patterns of the list until
   pattern_list_keep_new has taken them; until then, they may be read
   in BYTES (as -f's caller reads whether the last ends in a
   newline).  */
void pattern_list_append (struct pattern_list *pl, char const *p,
                          size_t n);

/* Take PL's bytes from offset FROM on (appended since the last call,
   each line ending in a newline) as the new lines of one source, FILE
   (-f's argument; "" for the command line, as matcher_origin says):
   drop each pattern already kept, from any source, and keep the
   others in their order, noting where they came from (their line in
   FILE, counted from 1 at FROM, and dropped lines counted too).  FILE
   is not copied: it must outlive PL's origins.  */
void pattern_list_keep_new (struct pattern_list *pl, size_t from,
                            char const *file);

#endif /* MMGREP_PATTERN_LIST_H */
