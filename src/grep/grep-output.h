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
  /* The copy of GREP_COLORS that the capabilities point into, kept
     for the life of the program.  */
  char *env_copy;
};
extern struct grep_colors colors;

/* Parse GREP_COLORS (and the obsolescent GREP_COLOR) into COLORS.  */
void output_parse_colors (void);

/* Whether --color=auto should color: stdout is a terminal, and TERM
   is not "dumb".  */
bool output_color_auto (void);

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
  void (*overflow) (struct output_capture *, void *arg);
  void *overflow_arg;
};

/* Where one thread's output goes: what it owns of the output.  */
struct grep_sink
{
  /* stdout, or in a worker thread of grep-parallel.c a memory
     stream.  */
  FILE *stream;
  /* Whether a group of selected lines has been printed (in any file
     before, or in this one): the next group of context is preceded by
     the group separator.  */
  bool used;
  /* In a worker thread, what it keeps for the main thread to print;
     NULL when printing to stdout.  */
  struct output_capture *capture;
  /* What is held (output_hold_begin): the stream STREAM points to
     meanwhile, and its buffer; the stream it replaces (NULL when
     nothing is held); whether the held output outgrew its bound,
     whether it is being put out, and how many lines it holds.  */
  struct output_hold *hold;
};
struct output_hold
{
  FILE *stream;
  char *buf;
  FILE *real;
  bool over;
  bool committing;
  unsigned int lines;           /* output_line_done's calls */
};

/* A sink that prints to stdout.  */
void output_sink_init (struct grep_sink *out);

/* Free what OUT holds.  */
void output_sink_free (struct grep_sink *out);

/* Hold what is printed to OUT from now on, to be put out or thrown
   away, all of it (a slice's lines printed before its NULs are looked
   for: grep-search.c).  False when it cannot be held (without
   glibc's fopencookie, nothing is).  */
bool output_hold_begin (struct grep_sink *out);
/* Whether the output held outgrew its bound (some MiB): it is not
   all kept then, and must be thrown away.  */
bool output_hold_over (struct grep_sink const *out);
/* Put out what OUT holds, or throw it away; print again as before
   output_hold_begin.  */
void output_hold_commit (struct grep_sink *out);
void output_hold_discard (struct grep_sink *out);

/* The functions below print to OUT.  Start and end color CAP around what comes between.  */
void output_sgr_start (struct grep_sink *out, char const *cap);
void output_sgr_end (struct grep_sink *out, char const *cap);

void output_bytes (struct grep_sink *out, char const *p, size_t n);
void output_char (struct grep_sink *out, char c);
void output_filename (struct grep_sink *out, char const *name);
void output_sep (struct grep_sink *out, char sep);
/* NUMBER in the color CAP, right-aligned in WIDTH.  */
void output_number (struct grep_sink *out, intmax_t number, int width,
                    char const *cap);
/* Flush when --line-buffered; exit 2 when stdout has failed.  */
void output_line_done (struct grep_sink *out);

/* The group separator, when OUT->used.  */
void output_group_separator (struct grep_sink *out);

/* A message for stderr, as error (0, ERRNUM, FORMAT, ...) prints it,
   after what was printed before it.  */
void output_error (struct grep_sink *out, int errnum, char const *format, ...)
  _GL_ATTRIBUTE_FORMAT ((__printf__, 3, 4));


#endif /* MMGREP_GREP_OUTPUT_H */
