/* grep-json.c -- mmgrep --json: ripgrep's JSON Lines messages.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Each message is made in the input's buffer (struct json_file), then
   written whole: its length is what "bytes_printed" counts.  Strings
   are escaped as serde_json escapes them (ripgrep's): '"', '\\', and
   the control characters, \b \f \n \r \t or \u00XX.  */

#include <config.h>

#include "grep-json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8-valid.h"
#include "xalloc.h"

static void
put (struct json_file *f, char const *p, size_t n)
{
  if (f->alloc - f->len < n)
    {
      size_t need = f->len + n;
      if (need < f->len)
        xalloc_die ();
      f->alloc = need < 256 ? 256 : need + need / 2;
      f->buf = xrealloc (f->buf, f->alloc);
    }
  memcpy (f->buf + f->len, p, n);
  f->len += n;
}

static void
puts_ (struct json_file *f, char const *s)
{
  put (f, s, strlen (s));
}

static void
putnum (struct json_file *f, uintmax_t n)
{
  char b[32];
  int len = snprintf (b, sizeof b, "%ju", n);
  put (f, b, len);
}

/* Whether P..P+N is valid UTF-8 (no overlong forms, no surrogates,
   nothing above U+10FFFF).  */
static bool
valid_utf8 (unsigned char const *p, size_t n)
{
  unsigned char const *lim = p + n;
  while (p < lim)
    {
      unsigned char c = *p;
      if (c < 0x80)
        {
          p++;
          continue;
        }
      size_t len = utf8_char_valid (p, lim);
      if (!len)
        return false;
      p += len;
    }
  return true;
}

static void
put_string (struct json_file *f, char const *s, size_t n)
{
  put (f, "\"", 1);
  char const *run = s;
  for (char const *p = s; p < s + n; p++)
    {
      unsigned char c = *p;
      char esc[8];
      char const *e = NULL;
      switch (c)
        {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default:
          if (c < 0x20)
            {
              snprintf (esc, sizeof esc, "\\u%04x", c);
              e = esc;
            }
        }
      if (e)
        {
          put (f, run, p - run);
          puts_ (f, e);
          run = p + 1;
        }
    }
  put (f, run, s + n - run);
  put (f, "\"", 1);
}

static void
put_base64 (struct json_file *f, unsigned char const *p, size_t n)
{
  static char const digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  put (f, "\"", 1);
  for (; n >= 3; p += 3, n -= 3)
    {
      char q[4] = { digits[p[0] >> 2],
                    digits[((p[0] & 3) << 4) | (p[1] >> 4)],
                    digits[((p[1] & 15) << 2) | (p[2] >> 6)],
                    digits[p[2] & 63] };
      put (f, q, 4);
    }
  if (n)
    {
      char q[4] = { digits[p[0] >> 2],
                    digits[((p[0] & 3) << 4) | (n == 2 ? p[1] >> 4 : 0)],
                    n == 2 ? digits[(p[1] & 15) << 2] : '=', '=' };
      put (f, q, 4);
    }
  put (f, "\"", 1);
}

/* {"text":...} or {"bytes":...}.  */
static void
put_data (struct json_file *f, char const *p, size_t n)
{
  if (valid_utf8 ((unsigned char const *) p, n))
    {
      puts_ (f, "{\"text\":");
      put_string (f, p, n);
    }
  else
    {
      puts_ (f, "{\"bytes\":");
      put_base64 (f, (unsigned char const *) p, n);
    }
  put (f, "}", 1);
}

/* The message made: out, counted unless it is the "end".  */
static void
flush_message (struct grep_sink *out, struct json_file *f, bool count)
{
  put (f, "\n", 1);
  output_bytes (out, f->buf, f->len);
  output_line_done (out);
  if (count)
    f->stats.bytes_printed += f->len;
  f->len = 0;
}

static uint64_t
since (struct timespec const *start)
{
  struct timespec now;
  clock_gettime (CLOCK_MONOTONIC, &now);
  int64_t ns = ((int64_t) (now.tv_sec - start->tv_sec) * 1000000000
                + (now.tv_nsec - start->tv_nsec));
  return ns < 0 ? 0 : ns;
}

/* ripgrep's duration: {"secs":..,"nanos":..,"human":..}, or with
   SORTED the keys in order (the summary's).  */
static void
put_duration (struct json_file *f, uint64_t ns, bool sorted)
{
  char human[64];
  uint64_t us = (ns + 500) / 1000;
  snprintf (human, sizeof human, "\"%" PRIu64 ".%06" PRIu64 "s\"",
            us / 1000000, us % 1000000);
  if (sorted)
    {
      puts_ (f, "{\"human\":");
      puts_ (f, human);
      puts_ (f, ",\"nanos\":");
      putnum (f, ns % 1000000000);
      puts_ (f, ",\"secs\":");
      putnum (f, ns / 1000000000);
    }
  else
    {
      puts_ (f, "{\"secs\":");
      putnum (f, ns / 1000000000);
      puts_ (f, ",\"nanos\":");
      putnum (f, ns % 1000000000);
      puts_ (f, ",\"human\":");
      puts_ (f, human);
    }
  put (f, "}", 1);
}

void
json_file_start (struct json_file *f)
{
  memset (f, 0, sizeof *f);
  f->binary_offset = -1;
  clock_gettime (CLOCK_MONOTONIC, &f->start);
}

static void
put_path (struct json_file *f, char const *name)
{
  puts_ (f, "{\"path\":");
  put_data (f, name, strlen (name));
}

/* The input's "begin", if not printed yet.  */
static void
begin (struct grep_sink *out, struct json_file *f, char const *name)
{
  if (!f->begun)
    {
      f->begun = true;
      puts_ (f, "{\"type\":\"begin\",\"data\":");
      put_path (f, name);
      puts_ (f, "}}");
      flush_message (out, f, true);
    }
}

void
json_line (struct grep_sink *out, struct json_file *f, char const *name,
           char const *line, size_t len, intmax_t line_number,
           uint64_t offset, bool selected,
           struct json_submatch const *sub, size_t n)
{
  begin (out, f, name);
  puts_ (f, selected ? "{\"type\":\"match\",\"data\":"
         : "{\"type\":\"context\",\"data\":");
  put_path (f, name);
  puts_ (f, ",\"lines\":");
  put_data (f, line, len);
  puts_ (f, ",\"line_number\":");
  putnum (f, line_number);
  puts_ (f, ",\"absolute_offset\":");
  putnum (f, offset);
  puts_ (f, ",\"submatches\":[");
  for (size_t i = 0; i < n; i++)
    {
      puts_ (f, i ? ",{\"match\":" : "{\"match\":");
      put_data (f, line + sub[i].start, sub[i].end - sub[i].start);
      puts_ (f, ",\"start\":");
      putnum (f, sub[i].start);
      puts_ (f, ",\"end\":");
      putnum (f, sub[i].end);
      put (f, "}", 1);
    }
  puts_ (f, "]}}");
  flush_message (out, f, true);
  if (selected)
    {
      f->stats.matched_lines++;
      /* A line selected by -v has no submatch, and counts no match,
         as in ripgrep.  */
      f->stats.matches += n;
    }
}

static void
put_stats (struct json_file *f, struct json_stats const *s, bool sorted)
{
  /* The fields in ripgrep's order; field 0 is the duration.  */
  struct { char const *key; uintmax_t n; } const field[] = {
    { "elapsed", 0 },
    { "searches", s->searches },
    { "searches_with_match", s->searches_with_match },
    { "bytes_searched", s->bytes_searched },
    { "bytes_printed", s->bytes_printed },
    { "matched_lines", s->matched_lines },
    { "matches", s->matches },
  };
  static unsigned char const rg_order[] = { 0, 1, 2, 3, 4, 5, 6 };
  static unsigned char const key_order[] = { 4, 3, 0, 5, 6, 1, 2 };
  unsigned char const *order = sorted ? key_order : rg_order;
  for (size_t i = 0; i < sizeof rg_order; i++)
    {
      puts_ (f, i == 0 ? "{\"" : ",\"");
      puts_ (f, field[order[i]].key);
      puts_ (f, "\":");
      if (order[i] == 0)
        put_duration (f, s->elapsed_ns, sorted);
      else
        putnum (f, field[order[i]].n);
    }
  put (f, "}", 1);
}

void
json_file_end (struct grep_sink *out, struct json_file *f, char const *name,
               uint64_t bytes_searched, bool matched,
               struct json_stats *total)
{
  /* As in ripgrep, an input with nothing printed has no message, and
     does not count in the summary.  */
  if (matched && f->binary_offset >= 0)
    begin (out, f, name);
  if (f->begun)
    {
      f->stats.elapsed_ns = since (&f->start);
      f->stats.searches = 1;
      f->stats.searches_with_match = matched || f->stats.matched_lines > 0;
      f->stats.bytes_searched = bytes_searched;
      puts_ (f, "{\"type\":\"end\",\"data\":");
      put_path (f, name);
      puts_ (f, ",\"binary_offset\":");
      if (f->binary_offset < 0)
        puts_ (f, "null");
      else
        putnum (f, f->binary_offset);
      puts_ (f, ",\"stats\":");
      put_stats (f, &f->stats, false);
      puts_ (f, "}}");
      flush_message (out, f, false);
      json_stats_add (total, &f->stats);
    }
  free (f->buf);
  f->buf = NULL;
  f->len = f->alloc = 0;
}

void
json_stats_add (struct json_stats *a, struct json_stats const *b)
{
  a->elapsed_ns += b->elapsed_ns;
  a->searches += b->searches;
  a->searches_with_match += b->searches_with_match;
  a->bytes_searched += b->bytes_searched;
  a->bytes_printed += b->bytes_printed;
  a->matched_lines += b->matched_lines;
  a->matches += b->matches;
}

void
json_summary (struct grep_sink *out, struct json_stats const *total,
              struct timespec const *start)
{
  struct json_file f = { 0 };
  puts_ (&f, "{\"data\":{\"elapsed_total\":");
  put_duration (&f, since (start), true);
  puts_ (&f, ",\"stats\":");
  put_stats (&f, total, true);
  puts_ (&f, "},\"type\":\"summary\"}");
  flush_message (out, &f, false);
  free (f.buf);
}
