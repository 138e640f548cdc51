/* patch-parse.c -- mmpatch's edit language.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  */

/* An edit is one of

     OFFSET=VALUE     write VALUE over the bytes at OFFSET
     OFFSET==VALUE    a guard: write nothing at all unless the bytes at
                      OFFSET are VALUE
     OFFSET+VALUE     insert VALUE before the byte at OFFSET
     OFFSET-COUNT     delete COUNT bytes at OFFSET
     s/FROM/TO/[FLAGS]
                      replace FROM by TO (the same length): the first
                      occurrence; FLAGS g: every one; N: the Nth only;
                      gN: the first N

   OFFSET is a NUMBER, '$' (the end of the file) or /PATTERN/ (the first
   occurrence of PATTERN), the last two optionally followed by +NUMBER
   or -NUMBER.  NUMBER is decimal, or hexadecimal after 0x.  VALUE,
   PATTERN, FROM and TO are BYTES: x:HEX (two digits a byte), s:TEXT or
   TEXT (with the escapes \\ \/ \n \t \r \0 \xHH), except that VALUE
   needs the x: or s:; VALUE may also be a typed number TYPE:NUMBER,
   TYPE being u8 or i8, or u16 u32 u64 i16 i32 i64 f32 f64 followed by
   le or be (u8le and u8be are u8).  */

#include <config.h>

#include "cli.h"
#include "patch.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c-strtod.h"
#include "error.h"
#include "quote.h"
#include "xalloc.h"

/* FILE, for messages.  */
static char const *file_name;

void
patch_parse_file (char const *file)
{
  file_name = file;
}

/* Report the error MSG in edit TEXT, called WHERE.  */
static bool
bad (char const *where, char const *text, char const *msg)
{
  error (0, 0, _("%s: %s %s: %s"), quotef (file_name), where, quote (text),
         msg);
  return false;
}

static int
hexval (char c)
{
  if ('0' <= c && c <= '9')
    return c - '0';
  if ('a' <= c && c <= 'f')
    return c - 'a' + 10;
  if ('A' <= c && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Parse a NUMBER at *P (decimal, or hexadecimal after 0x), advancing
   *P past it.  Return false, *P unchanged, when there is none or it
   overflows.  */
static bool
parse_number (char const **p, uintmax_t *n)
{
  char const *s = *p;
  int base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && hexval (s[2]) >= 0)
    {
      base = 16;
      s += 2;
    }
  uintmax_t v = 0;
  char const *start = s;
  for (;; s++)
    {
      int d = base == 16 ? hexval (*s) : ('0' <= *s && *s <= '9' ? *s - '0' : -1);
      if (d < 0)
        break;
      if (v > (UINTMAX_MAX - d) / base)
        return false;
      v = v * base + d;
    }
  if (s == start)
    return false;
  *n = v;
  *p = s;
  return true;
}

/* Decode the BYTES spec of LEN bytes at S (x:HEX, s:TEXT or TEXT) into
   *OUT.  Return NULL, or the message of the error.  */
static char const *
decode_bytes (char const *s, size_t len, struct patch_bytes *out)
{
  char const *end = s + len;
  unsigned char *buf = xmalloc (len + 1);
  size_t n = 0;
  if (len >= 2 && s[0] == 'x' && s[1] == ':')
    {
      for (s += 2; s < end; s += 2)
        {
          int hi = hexval (s[0]);
          int lo = s + 1 < end ? hexval (s[1]) : -1;
          if (hi < 0 || (s + 1 < end && lo < 0))
            {
              free (buf);
              return "not a hexadecimal digit after x:";
            }
          if (lo < 0)
            {
              free (buf);
              return "odd number of hexadecimal digits after x:";
            }
          buf[n++] = hi << 4 | lo;
        }
    }
  else
    {
      if (len >= 2 && s[0] == 's' && s[1] == ':')
        s += 2;
      while (s < end)
        {
          if (*s != '\\')
            {
              buf[n++] = *s++;
              continue;
            }
          if (++s == end)
            {
              free (buf);
              return "a backslash at the end";
            }
          switch (*s++)
            {
            case '\\': buf[n++] = '\\'; break;
            case '/': buf[n++] = '/'; break;
            case 'n': buf[n++] = '\n'; break;
            case 't': buf[n++] = '\t'; break;
            case 'r': buf[n++] = '\r'; break;
            case '0': buf[n++] = '\0'; break;
            case 'x':
              if (end - s < 2 || hexval (s[0]) < 0 || hexval (s[1]) < 0)
                {
                  free (buf);
                  return "\\x needs two hexadecimal digits";
                }
              buf[n++] = hexval (s[0]) << 4 | hexval (s[1]);
              s += 2;
              break;
            default:
              free (buf);
              return "unknown escape (known: \\\\ \\/ \\n \\t \\r \\0 \\xHH)";
            }
        }
    }
  out->data = buf;
  out->len = n;
  return NULL;
}

/* The 8 bytes in which typed values are encoded by the library.  */
static mmu_map *
scratch_map (void)
{
  static mmu_map *m;
  if (!m)
    {
      m = mmu_open (-1, 8, NULL);
      if (!m)
        error (EXIT_TROUBLE, errno, _("cannot map memory for typed values"));
    }
  return m;
}

/* Decode the typed value S (after "TYPE:") of type TYPE (TYPELEN
   bytes) into *OUT, through the library's mmu_put_*.  Return NULL, or
   the message of the error.  */
static char const *
decode_typed (char const *type, size_t typelen, char const *s,
              struct patch_bytes *out)
{
  char t = type[0];
  char const *w = type + 1;
  int width;
  size_t wlen;
  if (strncmp (w, "8", 1) == 0)
    width = 1, wlen = 1;
  else if (strncmp (w, "16", 2) == 0)
    width = 2, wlen = 2;
  else if (strncmp (w, "32", 2) == 0)
    width = 4, wlen = 2;
  else if (strncmp (w, "64", 2) == 0)
    width = 8, wlen = 2;
  else
    return "unknown type";
  char const *ord = w + wlen;
  size_t ordlen = typelen - 1 - wlen;
  enum mmu_order order;
  if (ordlen == 2 && memcmp (ord, "le", 2) == 0)
    order = MMU_LITTLE;
  else if (ordlen == 2 && memcmp (ord, "be", 2) == 0)
    order = MMU_BIG;
  else if (ordlen == 0 && width == 1)
    order = MMU_LITTLE;
  else if (ordlen == 0)
    return "the type needs its byte order: le or be";
  else
    return "unknown type";
  if ((t == 'f' && width < 4) || (t != 'f' && t != 'u' && t != 'i'))
    return "unknown type";

  mmu_map *m = scratch_map ();
  int r;
  if (t == 'f')
    {
      char *end;
      errno = 0;
      double d = c_strtod (s, &end);
      if (end == s || *end)
        return "not a number";
      /* A decimal beyond double's range reads as an infinity, with
         ERANGE: it does not fit, while "inf" written as such does.  A
         number too small reads as zero or a subnormal, as in C.  */
      if (errno == ERANGE && isinf (d))
        return "the value does not fit its type";
      r = mmu_put_float (m, 0, width, order, d);
    }
  else
    {
      bool neg = t == 'i' && *s == '-';
      char const *p = s + neg;
      uintmax_t v;
      if (!parse_number (&p, &v) || *p)
        return "not an integer (decimal, or hexadecimal after 0x)";
      if (t == 'u')
        r = mmu_put_uint (m, 0, width, order, v);
      else if (neg ? v > (uintmax_t) INT64_MAX + 1 : v > INT64_MAX)
        r = -1, errno = ERANGE;
      else
        r = mmu_put_int (m, 0, width, order,
                         neg ? (v == (uintmax_t) INT64_MAX + 1
                                ? INT64_MIN : - (int64_t) v)
                         : (int64_t) v);
    }
  if (r != 0)
    return errno == ERANGE ? "the value does not fit its type"
      : "cannot encode the value";
  out->data = xmalloc (width);
  out->len = width;
  if (mmu_get_slice (m, 0, width, 1, out->data, width) != width)
    return "cannot encode the value";
  return NULL;
}

/* Decode the VALUE at S (up to its end) into *OUT.  */
static char const *
decode_value (char const *s, struct patch_bytes *out)
{
  size_t typelen = strspn (s, "uifbel0123456789");
  if (typelen >= 2 && s[typelen] == ':'
      && (s[0] == 'u' || s[0] == 'i' || s[0] == 'f'))
    return decode_typed (s, typelen, s + typelen + 1, out);
  if ((s[0] == 'x' || s[0] == 's') && s[1] == ':')
    return decode_bytes (s, strlen (s), out);
  return "a value is x:HEX, s:TEXT or TYPE:NUMBER";
}

/* Find the end of a part that ends at an unescaped '/' at or after S.
   Return NULL if there is none.  */
static char const *
part_end (char const *s)
{
  for (; *s; s++)
    if (*s == '\\' && s[1])
      s++;
    else if (*s == '/')
      return s;
  return NULL;
}

static bool
parse_subst (char const *text, char const *where, struct patch_edit *e)
{
  char const *from = text + 2;
  char const *from_end = part_end (from);
  char const *to_end = from_end ? part_end (from_end + 1) : NULL;
  if (!to_end)
    return bad (where, text, "a substitution is s/FROM/TO/[g][N]");
  char const *msg = decode_bytes (from, from_end - from, &e->from);
  if (!msg)
    msg = decode_bytes (from_end + 1, to_end - from_end - 1, &e->value);
  if (msg)
    return bad (where, text, msg);
  if (e->from.len == 0)
    return bad (where, text, "the pattern is empty");
  if (e->from.len != e->value.len)
    {
      char buf[128];
      snprintf (buf, sizeof buf,
                "FROM and TO differ in length (%zu and %zu bytes)",
                e->from.len, e->value.len);
      return bad (where, text, buf);
    }
  char const *p = to_end + 1;
  e->kind = EDIT_SUBST;
  e->which = SUBST_FIRST_N;
  e->count = 1;
  if (*p == 'g')
    {
      p++;
      e->which = SUBST_ALL;
      if (*p)
        {
          e->which = SUBST_FIRST_N;
          if (!parse_number (&p, &e->count) || *p || e->count == 0)
            return bad (where, text, "the flags are g, N or gN (N > 0)");
        }
    }
  else if (*p)
    {
      e->which = SUBST_NTH;
      if (!parse_number (&p, &e->count) || *p || e->count == 0)
        return bad (where, text, "the flags are g, N or gN (N > 0)");
    }
  return true;
}

/* Parse a +NUMBER or -NUMBER distance at *P into E's offset, when an
   operator follows it.  */
static void
parse_distance (char const **p, struct patch_offset *o)
{
  char const *s = *p;
  if (*s != '+' && *s != '-')
    return;
  bool backward = *s++ == '-';
  uintmax_t n;
  if (parse_number (&s, &n) && (*s == '=' || *s == '+' || *s == '-'))
    {
      o->distance = n;
      o->backward = backward;
      *p = s;
    }
}

bool
patch_parse (char const *text, char const *where, bool expect,
             struct patch_edit *e)
{
  memset (e, 0, sizeof *e);
  e->text = text;
  e->where = where;
  if (text[0] == 's' && text[1] == '/')
    {
      if (expect)
        return bad (where, text, "an expectation is OFFSET=VALUE");
      return parse_subst (text, where, e);
    }

  char const *p = text;
  struct patch_offset *o = &e->offset;
  if (*p == '$')
    {
      o->base = BASE_END;
      p++;
      parse_distance (&p, o);
    }
  else if (*p == '/')
    {
      char const *end = part_end (p + 1);
      if (!end)
        return bad (where, text, "a pattern offset is /PATTERN/");
      char const *msg = decode_bytes (p + 1, end - p - 1, &o->pattern);
      if (msg)
        return bad (where, text, msg);
      if (o->pattern.len == 0)
        return bad (where, text, "the pattern is empty");
      o->base = BASE_PATTERN;
      p = end + 1;
      parse_distance (&p, o);
    }
  else if (!parse_number (&p, &o->number))
    return bad (where, text,
                *p >= '0' && *p <= '9' ? "the offset is too large"
                : "an edit is OFFSET=VALUE, OFFSET+VALUE, OFFSET-COUNT"
                " or s/FROM/TO/");

  char op = *p++;
  if (op == '=' && *p == '=' && !expect)
    {
      e->kind = EDIT_GUARD;
      char const *msg = decode_value (p + 1, &e->value);
      if (msg)
        return bad (where, text, msg);
      if (e->value.len == 0)
        return bad (where, text, "the value is empty");
      return true;
    }
  if (op == '=' || op == '+')
    {
      if (expect && op != '=')
        return bad (where, text, "an expectation is OFFSET=VALUE");
      e->kind = op == '=' ? EDIT_WRITE : EDIT_INSERT;
      char const *msg = decode_value (p, &e->value);
      if (msg)
        return bad (where, text, msg);
      if (e->value.len == 0)
        return bad (where, text, "the value is empty");
      return true;
    }
  if (op == '-' && !expect)
    {
      e->kind = EDIT_DELETE;
      if (!parse_number (&p, &e->count) || *p)
        return bad (where, text, "a deletion is OFFSET-COUNT");
      if (e->count == 0)
        return bad (where, text, "the count is 0");
      return true;
    }
  return bad (where, text,
              expect ? "an expectation is OFFSET=VALUE"
              : "after the offset comes =VALUE, +VALUE or -COUNT");
}

bool
patch_parse_script (char const *script, struct patch_edit **edits,
                    size_t *n, size_t *alloc, bool *ours)
{
  bool is_stdin = strcmp (script, "-") == 0;
  FILE *in = is_stdin ? stdin : fopen (script, "r");
  if (!in)
    {
      error (0, errno, "%s", quotef (script));
      return false;
    }
  bool ok = true;
  char *line = NULL;
  size_t size = 0;
  ssize_t len;
  for (uintmax_t lineno = 1; (len = getline (&line, &size, in)) >= 0;
       lineno++)
    {
      if (lineno == 1
          && strncmp (line, PATCH_SCRIPT_HEADER,
                      sizeof PATCH_SCRIPT_HEADER - 1) == 0)
        *ours = true;
      while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'
                         || line[len - 1] == ' ' || line[len - 1] == '\t'))
        line[--len] = '\0';
      char const *s = line + strspn (line, " \t");
      if (!*s || *s == '#')
        continue;
      if (*n == *alloc)
        *edits = x2nrealloc (*edits, alloc, sizeof **edits);
      /* SCRIPT, ':', up to 20 digits, '\0'.  */
      char *where = xmalloc (strlen (script) + 22);
      sprintf (where, "%s:%ju", script, lineno);
      ok &= patch_parse (xstrdup (s), where, false, &(*edits)[*n]);
      ++*n;
    }
  if (ferror (in))
    {
      error (0, errno, "%s", quotef (script));
      ok = false;
    }
  free (line);
  if (!is_stdin)
    fclose (in);
  return ok;
}
