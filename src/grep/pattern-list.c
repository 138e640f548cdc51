/* pattern-list.c -- the patterns given, each kept once, and where they
   came from.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.

   The set of the patterns kept is a small open-addressing table inside
   the list, not gnulib's hash module: that module's callbacks get no
   context pointer, so each of its entries would have to carry a
   pointer to the list (one allocation per pattern, and a list that
   must never move); here an entry is the offset of a kept pattern in
   the list's bytes, which stays valid as the bytes grow.  */

#include <config.h>

#include "pattern-list.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* A kept pattern: its offset in the bytes plus one (0: an empty slot)
   and its length, without the newline.  */
struct pattern_slot
{
  size_t start1;
  size_t len;
};

void
pattern_list_init (struct pattern_list *pl)
{
  *pl = (struct pattern_list) { .bytes = NULL };
}

void
pattern_list_free (struct pattern_list *pl)
{
  free (pl->bytes);
  free (pl->origins);
  free (pl->slots);
  pattern_list_init (pl);
}

void
pattern_list_append (struct pattern_list *pl, char const *p, size_t n)
{
  while (pl->alloc - pl->size < n)
    pl->bytes = x2nrealloc (pl->bytes, &pl->alloc, 1);
  if (n)
    memcpy (pl->bytes + pl->size, p, n);
  pl->size += n;
}

/* The hash of the N bytes at P: FNV-1a, whose low bits are then mixed
   into the high ones that choose the slot.  */
static uint64_t
hash_bytes (char const *p, size_t n)
{
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) p[i]) * 0x100000001b3u;
  return h * 0x9e3779b97f4a7c15u;
}

/* The first slot to look at for hash H in a table of NSLOTS (a power
   of two).  */
static size_t
first_slot (uint64_t h, size_t nslots)
{
  int bits = 0;
  while (((size_t) 1 << bits) < nslots)
    bits++;
  return bits ? h >> (64 - bits) : 0;
}

/* The slot of PL's table that holds the pattern of LEN bytes at P, or
   the empty slot where it would go.  */
static struct pattern_slot *
find_slot (struct pattern_list const *pl, char const *p, size_t len)
{
  size_t mask = pl->nslots - 1;
  for (size_t i = first_slot (hash_bytes (p, len), pl->nslots);;
       i = (i + 1) & mask)
    {
      struct pattern_slot *s = &pl->slots[i];
      if (!s->start1
          || (s->len == len
              && memcmp (pl->bytes + s->start1 - 1, p, len) == 0))
        return s;
    }
}

/* Make room in PL's table for one more pattern, keeping it at most
   half full, so that a search ends soon at an empty slot.  */
static void
reserve_slot (struct pattern_list *pl)
{
  if (pl->count < pl->nslots / 2)
    return;
  struct pattern_slot *old = pl->slots;
  size_t nold = pl->nslots;
  size_t n = nold ? nold : 64;
  pl->slots = xcalloc (n * 2, sizeof *pl->slots);
  pl->nslots = n * 2;
  for (size_t i = 0; i < nold; i++)
    if (old[i].start1)
      *find_slot (pl, pl->bytes + old[i].start1 - 1, old[i].len) = old[i];
  free (old);
}

void
pattern_list_keep_new (struct pattern_list *pl, size_t from,
                       char const *file)
{
  size_t dst = from, line = 1;
  bool prev_kept = false;
  for (size_t src = from, size; src < pl->size; src += size, line++)
    {
      char const *p = pl->bytes + src;
      char const *end = memchr (p, '\n', pl->size - src);
      size_t len = end - p;
      size = len + 1;
      reserve_slot (pl);
      struct pattern_slot *s = find_slot (pl, p, len);
      bool kept = !s->start1;
      if (kept)
        {
          memmove (pl->bytes + dst, p, size);
          *s = (struct pattern_slot) { .start1 = dst + 1, .len = len };
          dst += size;
          if (!prev_kept)
            {
              if (pl->norigins == pl->origins_alloc)
                pl->origins = x2nrealloc (pl->origins, &pl->origins_alloc,
                                          sizeof *pl->origins);
              pl->origins[pl->norigins++] = (struct matcher_origin)
                { .first = pl->count, .file = file, .line = line };
            }
          pl->count++;
        }
      prev_kept = kept;
    }
  pl->size = dst;
}
