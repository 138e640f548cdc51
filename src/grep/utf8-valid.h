/* utf8-valid.h -- one UTF-8 character's validity, as RFC 3629 says.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   At the bottom of mmgrep: it calls nothing.  It is stricter than
   glibc, whose mbrtowc in a UTF-8 locale also takes the four-, five-
   and six-byte forms of U+110000 to U+7FFFFFFF ("\xf4\x90\x80\x80":
   U+110000), and each caller relies on that strictness:
   matcher_encoding_error wants the lines on which GNU regex may miss
   matches, or more (a line with such a character goes to regex too:
   the same answer, more slowly), and --json sends a string as text
   only when it is Unicode.  It is inline because the first is hot
   (every line a multibyte locale prints): gnulib's mbrtoc32 and
   glibc's mbrtowc cost a call and a state per character, and no u8_*
   module of gnulib is imported.  */

#ifndef UTF8_VALID_H
#define UTF8_VALID_H

#include <stddef.h>

/* The length of the non-ASCII character at P (before LIM) when it is
   valid UTF-8 (no overlong form, no surrogate, nothing above
   U+10FFFF), else 0.  */
static inline size_t
utf8_char_valid (unsigned char const *p, unsigned char const *lim)
{
  unsigned char c = *p, lo = 0x80, hi = 0xbf;
  size_t n;
  if (0xc2 <= c && c <= 0xdf)
    n = 2;
  else if (0xe0 <= c && c <= 0xef)
    {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (0xf0 <= c && c <= 0xf4)
    {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;
  if ((size_t) (lim - p) < n || p[1] < lo || hi < p[1])
    return 0;
  for (size_t i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return n;
}

#endif /* UTF8_VALID_H */
