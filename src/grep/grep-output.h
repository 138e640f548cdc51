/* grep-output.h -- mmgrep's output: colors, separators, numbers.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

#ifndef MMGREP_GREP_OUTPUT_H
#define MMGREP_GREP_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "grep.h"

/* The separators after a file name, line number or byte offset.  */
enum { SEP_SELECTED = ':', SEP_CONTEXT = '-' };

/* GREP_COLORS' capabilities, as SGR sequences ("" when unset).  */
struct grep_colors
{
  char const *selected_match;   /* ms */
  char const *context_match;    /* mc */
  char const *selected_line;    /* sl */
  char const *context_line;     /* cx */
  char const *filename;         /* fn */
  char const *line_number;      /* ln */
  char const *byte_offset;      /* bn */
  char const *separator;        /* se */
  bool reverse;                 /* rv */
  bool no_erase;                /* ne */
};
extern struct grep_colors colors;

/* Parse GREP_COLORS (and the obsolescent GREP_COLOR) into COLORS.  */
void output_parse_colors (void);

/* Whether --color=auto should color: stdout is a terminal, and TERM
   is not "dumb".  */
bool output_color_auto (void);

/* Start and end color CAP around what comes between.  */
void output_sgr_start (char const *cap);
void output_sgr_end (char const *cap);

void output_bytes (char const *p, size_t n);
void output_char (char c);
void output_filename (char const *name);
void output_sep (char sep);
/* NUMBER in the color CAP, right-aligned in WIDTH.  */
void output_number (intmax_t number, int width, char const *cap);
/* Flush when --line-buffered; exit 2 when stdout has failed.  */
void output_line_done (void);

/* Where the output goes: stdout, or in a worker thread of
   grep-parallel.c a memory stream.  */
extern thread_local FILE *output_stream;

/* Whether a group of selected lines has been printed (in any file
   before, or in this one): the next group of context is preceded by
   the group separator.  */
extern thread_local bool output_used;

/* The group separator, when OUTPUT_USED.  */
void output_group_separator (void);

/* A message for stderr, as error (0, ERRNUM, FORMAT, ...) prints it,
   after what was printed before it.  */
void output_error (int errnum, char const *format, ...)
  _GL_ATTRIBUTE_FORMAT ((__printf__, 2, 3));

/* What a worker thread prints for one file, kept to be printed in
   order by the main thread (grep-parallel.c): the bytes of STREAM, and
   events at offsets in them, each a message for stderr or (TEXT NULL)
   the place of a group separator that depends on the files before.
   LINES counts output lines; every so many, OVERFLOW (when not NULL)
   is called to see whether the output has grown too large to keep.  */
struct output_event
{
  off_t at;
  char *text;
};
struct output_capture
{
  FILE *stream;
  struct output_event *events;
  size_t nevents, eventalloc;
  unsigned int lines;
  void (*overflow) (struct output_capture *);
};
extern thread_local struct output_capture *output_capture;

#endif /* MMGREP_GREP_OUTPUT_H */
