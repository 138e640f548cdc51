/* fixed-ac.c -- the Aho-Corasick automaton of engine-fixed.c: a trie
   of the strings, with failure links, built in one pass over them.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#include <config.h>

#include "fixed-ac.h"

#include <ctype.h>
#include <string.h>
#include <wchar.h>

#include "localeinfo.h"
#include "xalloc.h"

static void
ac_set_child (struct ac *ac, int32_t node, unsigned char c, int32_t child)
{
  uint64_t key = ((uint64_t) node << 8 | c) + 1;
  size_t i = ac_hash (key, ac->hsize);
  while (ac->keys[i] != 0)
    i = (i + 1) & (ac->hsize - 1);
  ac->keys[i] = key;
  ac->vals[i] = child;
}

static int32_t
ac_new_node (struct ac *ac)
{
  if (ac->nodes == ac->nalloc)
    {
      ac->nalloc = ac->nalloc * 2 + 64;
      ac->fail = xnrealloc (ac->fail, ac->nalloc, sizeof *ac->fail);
      ac->len = xnrealloc (ac->len, ac->nalloc, sizeof *ac->len);
      ac->dict = xnrealloc (ac->dict, ac->nalloc, sizeof *ac->dict);
    }
  ac->fail[ac->nodes] = 0;
  ac->len[ac->nodes] = 0;
  ac->dict[ac->nodes] = -1;
  return ac->nodes++;
}

struct ac *
ac_build (char const *strings, size_t size, bool icase)
{
  struct ac *ac = xzalloc (sizeof *ac);
  /* Upper case, as grep's kwset folds: where two lower-case letters
     share one capital (Greek's final sigma and sigma), tolower would
     keep them apart.  */
  for (int c = 0; c <= UCHAR_MAX; c++)
    ac->fold[c] = icase ? toupper (c) : c;
  ac->hsize = 1024;
  while (ac->hsize < 2 * size + 2)
    ac->hsize *= 2;
  ac->keys = xcalloc (ac->hsize, sizeof *ac->keys);
  ac->vals = xnmalloc (ac->hsize, sizeof *ac->vals);
  ac_new_node (ac);
  char const *lim = strings + size;
  for (char const *p = strings; p <= lim;)
    {
      char const *nl = memchr (p, '\n', lim - p);
      char const *end = nl ? nl : lim;
      int32_t node = 0;
      for (char const *q = p; q < end; q++)
        {
          unsigned char c = ac->fold[(unsigned char) *q];
          int32_t child = ac_child (ac, node, c);
          if (child < 0)
            {
              child = ac_new_node (ac);
              ac_set_child (ac, node, c, child);
            }
          node = child;
        }
      ac->len[node] = end - p;
      if ((size_t) (end - p) > ac->maxlen)
        ac->maxlen = end - p;
      p = end + 1;
    }
  /* Each node's children, from the hash table: a list per node (the
     first child, then each child's next sibling), so that the walk
     below looks at the children there are, not at 256 bytes a node.  */
  int32_t *first = xnmalloc (ac->nodes, sizeof *first);
  int32_t *next = xnmalloc (ac->nodes, sizeof *next);
  unsigned char *byte = xmalloc (ac->nodes);
  for (size_t i = 0; i < ac->nodes; i++)
    first[i] = -1;
  for (size_t i = 0; i < ac->hsize; i++)
    if (ac->keys[i])
      {
        int32_t parent = (ac->keys[i] - 1) >> 8;
        int32_t child = ac->vals[i];
        byte[child] = (ac->keys[i] - 1) & 0xff;
        next[child] = first[parent];
        first[parent] = child;
      }
  /* Failure links, breadth first: walk the trie level by level with a
     queue.  */
  int32_t *queue = xnmalloc (ac->nodes, sizeof *queue);
  size_t head = 0, tail = 0;
  for (int32_t child = first[0]; child >= 0; child = next[child])
    queue[tail++] = child;
  while (head < tail)
    {
      int32_t node = queue[head++];
      for (int32_t child = first[node]; child >= 0; child = next[child])
        {
          unsigned char c = byte[child];
          int32_t f = ac->fail[node];
          int32_t g;
          while ((g = ac_child (ac, f, c)) < 0 && f != 0)
            f = ac->fail[f];
          ac->fail[child] = g >= 0 && g != child ? g : 0;
          int32_t fc = ac->fail[child];
          ac->dict[child] = ac->len[fc] ? fc : ac->dict[fc];
          queue[tail++] = child;
        }
    }
  free (queue);
  free (first);
  free (next);
  free (byte);
  return ac;
}

void
ac_free (struct ac *ac)
{
  free (ac->fail);
  free (ac->len);
  free (ac->dict);
  free (ac->keys);
  free (ac->vals);
  free (ac);
}

bool
ac_mb_fold_table (struct ac *ac)
{
  for (int c = 0; c <= 0x7f; c++)
    {
      if (!isalpha (c))
        continue;
      wchar_t folded[CASE_FOLDED_BUFSIZE];
      int n = case_folded_counterparts (c, folded);
      for (int k = 0; k < n; k++)
        {
          if ((unsigned int) folded[k] < 0x80)
            continue;
          char mb[MB_LEN_MAX];
          mbstate_t st = { 0 };
          size_t len = wcrtomb (mb, folded[k], &st);
          if (len == (size_t) -1 || len < 2)
            return false;
          bool seen = false;
          for (int i = 0; i < ac->nmb && !seen; i++)
            seen = (ac->mb[i].len == len
                    && memcmp (ac->mb[i].bytes, mb, len) == 0);
          if (seen)
            continue;
          if (ac->nmb == AC_MBFOLD_MAX)
            return false;
          memcpy (ac->mb[ac->nmb].bytes, mb, len);
          ac->mb[ac->nmb].len = len;
          ac->mb[ac->nmb].fold = ac->fold[c];
          ac->nmb++;
        }
    }
  return true;
}
