/* cat-format.h -- cat's -b -E -n -s -T -v formatting of a byte stream.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMU_CAT_FORMAT_H
#define MMU_CAT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What to show, as cat's options say.  */
struct cat_style
{
  bool number;            /* -n: number every output line */
  bool number_nonblank;   /* -b: number nonempty lines (wins over -n) */
  bool show_ends;         /* -E: '$' before each newline */
  bool squeeze_blank;     /* -s: never more than one empty line in a row */
  bool show_tabs;         /* -T: TAB as ^I */
  bool show_nonprinting;  /* -v: ^ and M- notation, but for TAB and LFD */
};

/* True if STYLE changes the bytes at all; if not, files are copied as
   they are.  */
bool cat_style_active (struct cat_style const *style);

/* Where formatting stands between calls: it goes on across buffers and
   across files, as cat's does (a file without a final newline runs on
   into the next one).  Zero-initialise it.  */
struct cat_state
{
  bool mid_line;          /* some of the current line was output */
  bool pending_cr;        /* -E: a CR held back, ^M if a newline follows */
  int empty_lines;        /* empty lines in a row just seen */
  int ndigits;            /* the last line number output, in decimal */
  char digits[24];        /*   (0 digits: none yet) */
};

/* The most bytes cat_format writes for N input bytes (a number before
   every line, four bytes for every other byte).  */
size_t cat_format_bound (size_t n);

/* Format the N bytes at IN into OUT, which has room for
   cat_format_bound (N) bytes, updating STATE.  Return the number of
   bytes written to OUT.  */
size_t cat_format (struct cat_style const *style, struct cat_state *state,
                   unsigned char const *in, size_t n, char *out);

/* At the end of all input: write what STATE still holds back into OUT
   (room for 2 bytes).  Return the number of bytes written.  */
size_t cat_format_end (struct cat_state *state, char *out);

#endif /* MMU_CAT_FORMAT_H */
