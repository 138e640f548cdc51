/* typed.c -- test of the typed access: mmu_get_*, mmu_put_*,
   mmu_read_*, mmu_write_*.
   Copyright (C) 2026 The mmap-util authors.

   This file is part of mmap-util.

   mmap-util is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published
   by the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   mmap-util is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
   Lesser General Public License for more details.

   You should have received a copy of the GNU Lesser General Public
   License along with this program.  If not, see
   <https://www.gnu.org/licenses/>.  */

/* What this checks, and why: the reader of seed 003 asked for signed
   and unsigned values of 8, 16 and 32 bits, in either byte order, at
   byte offsets of the map.  Every width (1, 2, 4, 8; floats 4 and 8)
   and order (native, little, big) is read from a file whose bytes were
   written with write(2), at even and odd offsets and at both ends of
   the map, and compared with values assembled here by hand (and, for
   the native order, with memcpy into a C integer).  Every put is read
   back from the file with read(2) and compared with bytes built by
   hand.  Values that do not fit their width are refused with ERANGE
   and write nothing; a bad width or order is EINVAL, an access past
   the end ERANGE (EINVAL at the cursor, as the file face), a put to a
   read-only map EACCES, a closed map EBADF, in that order; the cursor
   functions advance only on success; a file cut under the map gives
   EFAULT (the fault guard).  */

#include <dejagnu.h>
#define TEST_NAME "typed"
#include "test-util.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

#define N 64

static const int widths[] = { 1, 2, 4, 8 };
static const enum mmu_order orders[] = { MMU_NATIVE, MMU_LITTLE, MMU_BIG };
static const char *const order_names[] = { "native", "little", "big" };

static unsigned char bytes[N];
static char path[PATH_MAX];

/* Is this machine little-endian?  Asked by memcpy, not by the library.  */
static bool
host_little (void)
{
  uint32_t one = 1;
  unsigned char c;
  memcpy (&c, &one, 1);
  return c == 1;
}

/* Assemble the WIDTH bytes at P into an unsigned value, in ORDER.  */
static uint64_t
by_hand (const unsigned char *p, int width, enum mmu_order order)
{
  bool little = order == MMU_LITTLE || (order == MMU_NATIVE && host_little ());
  uint64_t v = 0;
  for (int i = 0; i < width; i++)
    {
      int k = little ? width - 1 - i : i;
      v = (v << 8) | p[k];
    }
  return v;
}

/* The native value of the WIDTH bytes at P, through a C integer.  */
static uint64_t
by_memcpy (const unsigned char *p, int width)
{
  uint8_t u8;
  uint16_t u16;
  uint32_t u32;
  uint64_t u64;
  switch (width)
    {
    case 1: memcpy (&u8, p, 1); return u8;
    case 2: memcpy (&u16, p, 2); return u16;
    case 4: memcpy (&u32, p, 4); return u32;
    default: memcpy (&u64, p, 8); return u64;
    }
}

/* The signed value of the WIDTH-byte unsigned U, through C's types.  */
static int64_t
as_signed (uint64_t u, int width)
{
  switch (width)
    {
    case 1: return (int8_t) u;
    case 2: return (int16_t) u;
    case 4: return (int32_t) u;
    default: return (int64_t) u;
    }
}

/* Store the low WIDTH bytes of V at P in ORDER, by hand.  */
static void
encode (unsigned char *p, uint64_t v, int width, enum mmu_order order)
{
  bool little = order == MMU_LITTLE || (order == MMU_NATIVE && host_little ());
  for (int i = 0; i < width; i++)
    p[little ? i : width - 1 - i] = (unsigned char) (v >> (8 * i));
}

/* Do the N bytes of the file equal WANT?  */
static bool
file_is (const unsigned char *want)
{
  unsigned char got[N];
  return tu_read_file (path, got, N) == N && memcmp (got, want, N) == 0;
}

static void
test_get (mmu_map *m)
{
  for (size_t w = 0; w < 4; w++)
    for (size_t o = 0; o < 3; o++)
      {
        int width = widths[w];
        enum mmu_order order = orders[o];
        size_t offs[] = { 0, 1, 3, 5, 7, 13, N - (size_t) width,
                          N - (size_t) width - 1 };
        bool ok = true;
        for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++)
          {
            uint64_t u = 0;
            int64_t s = 0;
            uint64_t want = by_hand (bytes + offs[i], width, order);
            if (mmu_get_uint (m, offs[i], width, order, &u) != 0 || u != want)
              ok = false;
            if (order == MMU_NATIVE && u != by_memcpy (bytes + offs[i], width))
              ok = false;
            if (mmu_get_int (m, offs[i], width, order, &s) != 0
                || s != as_signed (want, width))
              ok = false;
          }
        char msg[100];
        snprintf (msg, sizeof msg,
                  "get_uint and get_int, width %d, %s order, odd offsets and both ends",
                  width, order_names[o]);
        tu_check (ok, msg);
      }

  /* Bytes 12 34 56 78 9a bc de f0, by hand.  */
  static const unsigned char lit[8] =
    { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
  mmu_set_slice (m, 9, 17, 1, lit, 8);
  uint64_t u;
  int64_t s;
  tu_check (mmu_get_uint (m, 9, 2, MMU_LITTLE, &u) == 0 && u == 0x3412,
            "get_uint 2 little literal");
  tu_check (mmu_get_uint (m, 9, 2, MMU_BIG, &u) == 0 && u == 0x1234,
            "get_uint 2 big literal");
  tu_check (mmu_get_uint (m, 9, 4, MMU_LITTLE, &u) == 0 && u == 0x78563412,
            "get_uint 4 little literal");
  tu_check (mmu_get_uint (m, 9, 8, MMU_BIG, &u) == 0
            && u == UINT64_C (0x123456789abcdef0), "get_uint 8 big literal");
  tu_check (mmu_get_int (m, 13, 1, MMU_BIG, &s) == 0 && s == -0x66,
            "get_int 1 negative literal");
  tu_check (mmu_get_int (m, 13, 4, MMU_BIG, &s) == 0
            && s == (int64_t) 0x9abcdef0 - 0x100000000LL,
            "get_int 4 big negative literal");
  tu_check (mmu_get_int (m, 9, 8, MMU_LITTLE, &s) == 0
            && s == (int64_t) (UINT64_C (0xf0debc9a78563412) - UINT64_MAX) - 1,
            "get_int 8 little negative literal");
  tu_check (mmu_get_uint (m, 9, 1, MMU_NATIVE, NULL) == 0,
            "get_uint with VALUE NULL");

  /* Floats: 1.5 is 3f c0 00 00 as a float, 3f f8 00 ... as a double.  */
  static const unsigned char f15[] = { 0x3f, 0xc0, 0x00, 0x00,
                                       0x00, 0x00, 0xc0, 0x3f };
  static const unsigned char d15[] = { 0x3f, 0xf8, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 0, 0, 0xf8, 0x3f };
  double d = 0;
  mmu_set_slice (m, 1, 9, 1, f15, 8);
  tu_check (mmu_get_float (m, 1, 4, MMU_BIG, &d) == 0 && d == 1.5,
            "get_float 4 big at an odd offset");
  tu_check (mmu_get_float (m, 5, 4, MMU_LITTLE, &d) == 0 && d == 1.5,
            "get_float 4 little");
  mmu_set_slice (m, N - 16, N, 1, d15, 16);
  tu_check (mmu_get_float (m, N - 16, 8, MMU_BIG, &d) == 0 && d == 1.5,
            "get_float 8 big");
  tu_check (mmu_get_float (m, N - 8, 8, MMU_LITTLE, &d) == 0 && d == 1.5,
            "get_float 8 little at the end");
  const unsigned char *native8 = host_little () ? d15 + 8 : d15;
  const unsigned char *native4 = host_little () ? f15 + 4 : f15;
  double dn;
  float fn;
  memcpy (&dn, native8, 8);
  memcpy (&fn, native4, 4);
  tu_check (mmu_get_float (m, N - 8 - (host_little () ? 0 : 8), 8,
                           MMU_NATIVE, &d) == 0 && d == dn,
            "get_float 8 native is memcpy's double");
  tu_check (mmu_get_float (m, 1 + (host_little () ? 4 : 0), 4, MMU_NATIVE, &d) == 0
            && d == (double) fn, "get_float 4 native is memcpy's float");

  /* Put the pattern back.  */
  mmu_set_slice (m, 0, N, 1, bytes, N);
}

static void
test_put (mmu_map *m)
{
  unsigned char want[N];
  memcpy (want, bytes, N);
  for (size_t w = 0; w < 4; w++)
    for (size_t o = 0; o < 3; o++)
      {
        int width = widths[w];
        enum mmu_order order = orders[o];
        size_t offs[] = { 0, 3, 11, N - (size_t) width, N - (size_t) width - 1 };
        bool ok = true;
        for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++)
          {
            /* A value with every byte distinct, all bits of the width.  */
            uint64_t v = UINT64_C (0x8877665544332211) + i + w * 7 + o * 3;
            if (width < 8)
              v &= (UINT64_C (1) << (8 * width)) - 1;
            if (mmu_put_uint (m, offs[i], width, order, v) != 0)
              ok = false;
            encode (want + offs[i], v, width, order);
            if (!file_is (want))
              ok = false;
            int64_t s = as_signed (v, width) / 3;     /* both signs */
            if (mmu_put_int (m, offs[i], width, order, s) != 0)
              ok = false;
            encode (want + offs[i], (uint64_t) s, width, order);
            if (!file_is (want))
              ok = false;
            int64_t back;
            if (mmu_get_int (m, offs[i], width, order, &back) != 0 || back != s)
              ok = false;
          }
        char msg[100];
        snprintf (msg, sizeof msg,
                  "put_uint and put_int, width %d, %s order, reach the file as built by hand",
                  width, order_names[o]);
        tu_check (ok, msg);
      }

  /* Floats, checked against C's own representation, at the start, at
     an odd offset and at the end.  */
  float f = -2.75f;
  double d = 6.02214076e23;
  uint32_t fb;
  uint64_t db;
  memcpy (&fb, &f, 4);
  memcpy (&db, &d, 8);
  for (int width = 4; width <= 8; width += 4)
    for (size_t o = 0; o < 3; o++)
      {
        size_t offs[] = { 0, width == 4 ? 7 : 13, N - (size_t) width };
        bool ok = true;
        memcpy (want, bytes, N);
        mmu_set_slice (m, 0, N, 1, bytes, N);
        for (size_t i = 0; i < 3; i++)
          {
            double v = width == 4 ? (double) f : d;
            double back = 0;
            if (mmu_put_float (m, offs[i], width, orders[o], v) != 0)
              ok = false;
            encode (want + offs[i], width == 4 ? fb : db, width, orders[o]);
            if (!file_is (want)
                || mmu_get_float (m, offs[i], width, orders[o], &back) != 0
                || back != v)
              ok = false;
          }
        char msg[100];
        snprintf (msg, sizeof msg,
                  "put_float %d at the start, an odd offset and the end, %s order",
                  width, order_names[o]);
        tu_check (ok, msg);
      }
  memcpy (want, bytes, N);
  mmu_set_slice (m, 0, N, 1, bytes, N);
}

static void
test_ranges (mmu_map *m)
{
  /* Values that do not fit.  */
  CHECK_ERR (mmu_put_uint (m, 0, 1, MMU_NATIVE, 256), ERANGE, "put_uint 1 of 256");
  tu_check_detail ("argument out of range", "put_uint too large detail");
  tu_check (mmu_put_uint (m, 0, 1, MMU_NATIVE, 255) == 0, "put_uint 1 of 255");
  CHECK_ERR (mmu_put_uint (m, 0, 2, MMU_BIG, 65536), ERANGE, "put_uint 2 of 65536");
  tu_check (mmu_put_uint (m, 0, 2, MMU_BIG, 65535) == 0, "put_uint 2 of 65535");
  CHECK_ERR (mmu_put_uint (m, 0, 4, MMU_LITTLE, UINT64_C (1) << 32), ERANGE,
             "put_uint 4 of 2^32");
  tu_check (mmu_put_uint (m, 0, 4, MMU_LITTLE, UINT32_MAX) == 0, "put_uint 4 of 2^32-1");
  tu_check (mmu_put_uint (m, 0, 8, MMU_LITTLE, UINT64_MAX) == 0, "put_uint 8 of 2^64-1");
  CHECK_ERR (mmu_put_int (m, 0, 1, MMU_NATIVE, 128), ERANGE, "put_int 1 of 128");
  CHECK_ERR (mmu_put_int (m, 0, 1, MMU_NATIVE, -129), ERANGE, "put_int 1 of -129");
  tu_check (mmu_put_int (m, 0, 1, MMU_NATIVE, -128) == 0
            && mmu_put_int (m, 1, 1, MMU_NATIVE, 127) == 0, "put_int 1 of -128 and 127");
  CHECK_ERR (mmu_put_int (m, 0, 2, MMU_BIG, 32768), ERANGE, "put_int 2 of 32768");
  CHECK_ERR (mmu_put_int (m, 0, 2, MMU_BIG, -32769), ERANGE, "put_int 2 of -32769");
  tu_check (mmu_put_int (m, 0, 2, MMU_BIG, -32768) == 0, "put_int 2 of -32768");
  CHECK_ERR (mmu_put_int (m, 0, 4, MMU_BIG, INT64_C (2147483648)), ERANGE,
             "put_int 4 of 2^31");
  CHECK_ERR (mmu_put_int (m, 0, 4, MMU_BIG, INT64_C (-2147483649)), ERANGE,
             "put_int 4 of -2^31-1");
  tu_check (mmu_put_int (m, 0, 8, MMU_BIG, INT64_MIN) == 0
            && mmu_put_int (m, 8, 8, MMU_BIG, INT64_MAX) == 0,
            "put_int 8 of INT64_MIN and INT64_MAX");
  int64_t s;
  tu_check (mmu_get_int (m, 0, 8, MMU_BIG, &s) == 0 && s == INT64_MIN,
            "get_int 8 of INT64_MIN");
  mmu_set_slice (m, 0, N, 1, bytes, N);
  CHECK_ERR (mmu_put_float (m, 0, 4, MMU_NATIVE, 1e39), ERANGE, "put_float 4 of 1e39");
  tu_check_detail ("float too large to pack with f format", "put_float too large detail");
  CHECK_ERR (mmu_put_float (m, 0, 4, MMU_NATIVE, -1e39), ERANGE, "put_float 4 of -1e39");
  CHECK_ERR (mmu_put_float (m, 0, 4, MMU_NATIVE, 0x1.ffffffp127), ERANGE,
             "put_float 4 of the first value rounding to infinity");
  CHECK_ERR (mmu_put_float (m, 0, 4, MMU_NATIVE, DBL_MAX), ERANGE,
             "put_float 4 of DBL_MAX");
  tu_check (file_is (bytes), "refused puts write nothing");
  double d;
  tu_check (mmu_put_float (m, 0, 4, MMU_NATIVE, 0x1.fffffefp127) == 0
            && mmu_get_float (m, 0, 4, MMU_NATIVE, &d) == 0 && d == FLT_MAX,
            "put_float 4 of a value rounding down to FLT_MAX");
  tu_check (mmu_put_float (m, 0, 4, MMU_BIG, INFINITY) == 0
            && mmu_get_float (m, 0, 4, MMU_BIG, &d) == 0 && isinf (d) && d > 0,
            "put_float 4 of infinity");
  tu_check (mmu_put_float (m, 0, 4, MMU_BIG, -INFINITY) == 0
            && mmu_get_float (m, 0, 4, MMU_BIG, &d) == 0 && isinf (d) && d < 0,
            "put_float 4 of minus infinity");
  tu_check (mmu_put_float (m, 0, 4, MMU_LITTLE, NAN) == 0
            && mmu_get_float (m, 0, 4, MMU_LITTLE, &d) == 0 && isnan (d),
            "put_float 4 of NaN");
  tu_check (mmu_put_float (m, 0, 8, MMU_LITTLE, NAN) == 0
            && mmu_get_float (m, 0, 8, MMU_LITTLE, &d) == 0 && isnan (d),
            "put_float 8 of NaN");
  tu_check (mmu_put_float (m, 0, 4, MMU_BIG, -0.0) == 0
            && mmu_get_uint (m, 0, 4, MMU_BIG, &(uint64_t) { 0 }) == 0
            && mmu_get (m, 0) == 0x80 && mmu_get (m, 3) == 0,
            "put_float 4 of -0.0 keeps the sign");
  tu_check (mmu_put_float (m, 0, 4, MMU_BIG, 1e-46) == 0
            && mmu_get_float (m, 0, 4, MMU_BIG, &d) == 0 && d == 0,
            "put_float 4 of a value too small rounds to 0");
  tu_check (mmu_put_float (m, 0, 8, MMU_BIG, DBL_MAX) == 0
            && mmu_get_float (m, 0, 8, MMU_BIG, &d) == 0 && d == DBL_MAX,
            "put_float 8 of DBL_MAX");
  mmu_set_slice (m, 0, N, 1, bytes, N);

  /* Bad widths and orders.  */
  uint64_t u;
  CHECK_ERR (mmu_get_uint (m, 0, 3, MMU_NATIVE, &u), EINVAL, "get_uint width 3");
  tu_check_detail ("bad width for the type", "bad width detail");
  CHECK_ERR (mmu_get_uint (m, 0, 0, MMU_NATIVE, &u), EINVAL, "get_uint width 0");
  CHECK_ERR (mmu_get_int (m, 0, 16, MMU_NATIVE, &s), EINVAL, "get_int width 16");
  CHECK_ERR (mmu_get_int (m, 0, -1, MMU_NATIVE, &s), EINVAL, "get_int width -1");
  CHECK_ERR (mmu_get_float (m, 0, 2, MMU_NATIVE, &d), EINVAL, "get_float width 2");
  CHECK_ERR (mmu_get_float (m, 0, 1, MMU_NATIVE, &d), EINVAL, "get_float width 1");
  CHECK_ERR (mmu_put_float (m, 0, 2, MMU_NATIVE, 1.0), EINVAL, "put_float width 2");
  CHECK_ERR (mmu_put_uint (m, 0, 5, MMU_NATIVE, 0), EINVAL, "put_uint width 5");
  CHECK_ERR (mmu_put_int (m, 0, 7, MMU_NATIVE, 0), EINVAL, "put_int width 7");
  CHECK_ERR (mmu_get_uint (m, 0, 2, (enum mmu_order) 3, &u), EINVAL, "get_uint order 3");
  tu_check_detail ("bad byte order", "bad order detail");
  CHECK_ERR (mmu_put_int (m, 0, 2, (enum mmu_order) -1, 0), EINVAL, "put_int order -1");

  /* Bounds.  */
  CHECK_ERR (mmu_get_uint (m, N - 1, 2, MMU_NATIVE, &u), ERANGE,
             "get_uint 2 one byte past the end");
  tu_check_detail ("mmap offset out of range", "past the end detail");
  CHECK_ERR (mmu_get_uint (m, N - 7, 8, MMU_NATIVE, &u), ERANGE,
             "get_uint 8 one byte past the end");
  CHECK_ERR (mmu_get_int (m, N, 1, MMU_NATIVE, &s), ERANGE, "get_int at the length");
  CHECK_ERR (mmu_get_float (m, SIZE_MAX, 8, MMU_NATIVE, &d), ERANGE,
             "get_float at SIZE_MAX");
  CHECK_ERR (mmu_get_float (m, SIZE_MAX - 2, 4, MMU_NATIVE, &d), ERANGE,
             "get_float where offset plus width wraps");
  CHECK_ERR (mmu_put_uint (m, N - 3, 4, MMU_BIG, 1), ERANGE, "put_uint 4 past the end");
  CHECK_ERR (mmu_put_float (m, N - 4, 8, MMU_BIG, 1), ERANGE, "put_float 8 past the end");
  tu_check (file_is (bytes), "refused puts past the end write nothing");

  /* The order of the checks.  */
  CHECK_ERR (mmu_get_uint (m, N, 3, MMU_NATIVE, &u), EINVAL,
             "bad width is checked before the offset");
  CHECK_ERR (mmu_put_uint (m, N, 1, MMU_NATIVE, 1000), ERANGE,
             "offset and value both bad: ERANGE");
  tu_check_detail ("mmap offset out of range",
                   "offset and value both bad: the offset is checked first");
  CHECK_ERR (mmu_put_uint (m, 0, 3, MMU_NATIVE, 1000), EINVAL,
             "bad width is checked before the value");
}

static void
test_cursor (mmu_map *m)
{
  uint64_t u;
  int64_t s;
  double d;
  mmu_seek (m, 1, SEEK_SET);
  tu_check (mmu_read_uint (m, 2, MMU_LITTLE, &u) == 0
            && u == by_hand (bytes + 1, 2, MMU_LITTLE) && mmu_tell (m) == 3,
            "read_uint 2 little at the cursor advances by 2");
  tu_check (mmu_read_int (m, 4, MMU_BIG, &s) == 0
            && s == as_signed (by_hand (bytes + 3, 4, MMU_BIG), 4) && mmu_tell (m) == 7,
            "read_int 4 big advances by 4");
  tu_check (mmu_read_uint (m, 8, MMU_NATIVE, &u) == 0
            && u == by_memcpy (bytes + 7, 8) && mmu_tell (m) == 15,
            "read_uint 8 native advances by 8");
  tu_check (mmu_read_int (m, 1, MMU_NATIVE, NULL) == 0 && mmu_tell (m) == 16,
            "read_int with VALUE NULL skips");
  mmu_seek (m, N - 1, SEEK_SET);
  CHECK_ERR (mmu_read_uint (m, 2, MMU_NATIVE, &u), EINVAL, "read_uint past the end");
  tu_check_detail ("read out of range", "read past the end detail");
  tu_check (mmu_tell (m) == N - 1, "a failed read does not move the cursor");
  tu_check (mmu_read_uint (m, 1, MMU_NATIVE, &u) == 0 && u == bytes[N - 1]
            && mmu_tell (m) == N, "read_uint the last byte");
  CHECK_ERR (mmu_read_float (m, 4, MMU_NATIVE, &d), EINVAL, "read_float at the end");
  CHECK_ERR (mmu_read_float (m, 2, MMU_NATIVE, &d), EINVAL, "read_float width 2");
  tu_check_detail ("bad width for the type", "read_float width 2 detail");

  unsigned char want[N];
  memcpy (want, bytes, N);
  mmu_seek (m, 5, SEEK_SET);
  tu_check (mmu_write_uint (m, 1, MMU_NATIVE, 0xab) == 0
            && mmu_write_int (m, 2, MMU_BIG, -2) == 0
            && mmu_write_float (m, 4, MMU_LITTLE, 1.5) == 0
            && mmu_write_float (m, 8, MMU_BIG, 1.5) == 0
            && mmu_write_uint (m, 8, MMU_LITTLE, UINT64_C (0x0102030405060708)) == 0
            && mmu_tell (m) == 5 + 1 + 2 + 4 + 8 + 8,
            "write_uint, write_int, write_float advance the cursor");
  static const unsigned char seq[] =
    { 0xab, 0xff, 0xfe, 0x00, 0x00, 0xc0, 0x3f,
      0x3f, 0xf8, 0, 0, 0, 0, 0, 0,
      8, 7, 6, 5, 4, 3, 2, 1 };
  memcpy (want + 5, seq, sizeof seq);
  tu_check (file_is (want), "the writes at the cursor reach the file as built by hand");
  size_t at = mmu_tell (m);
  CHECK_ERR (mmu_write_int (m, 2, MMU_BIG, 40000), ERANGE, "write_int 2 of 40000");
  CHECK_ERR (mmu_write_float (m, 4, MMU_BIG, -1e300), ERANGE, "write_float 4 of -1e300");
  CHECK_ERR (mmu_write_uint (m, 4, (enum mmu_order) 7, 1), EINVAL, "write_uint order 7");
  tu_check (mmu_tell (m) == at && file_is (want), "refused writes at the cursor change nothing");
  mmu_seek (m, N - 3, SEEK_SET);
  CHECK_ERR (mmu_write_uint (m, 4, MMU_BIG, 1), EINVAL, "write_uint past the end");
  tu_check_detail ("data out of range", "write past the end detail");
  tu_check (mmu_write_uint (m, 2, MMU_BIG, 0x4142) == 0
            && mmu_write_int (m, 1, MMU_BIG, -1) == 0 && mmu_tell (m) == N,
            "writes up to the end");
  CHECK_ERR (mmu_write_int (m, 1, MMU_BIG, 0), EINVAL, "write_int at the end");
  mmu_set_slice (m, 0, N, 1, bytes, N);
  mmu_seek (m, 0, SEEK_SET);
}

static void
test_modes (int fd)
{
  struct mmu_options r = { .access = MMU_ACCESS_READ };
  mmu_map *m = mmu_open (fd, 0, &r);
  uint64_t u;
  tu_check (mmu_get_uint (m, 3, 4, MMU_BIG, &u) == 0
            && u == by_hand (bytes + 3, 4, MMU_BIG), "get_uint on a READ map");
  CHECK_ERR (mmu_put_uint (m, 0, 1, MMU_NATIVE, 1), EACCES, "put_uint on a READ map");
  tu_check_detail ("mmap can't modify a readonly memory map.", "put on a READ map detail");
  CHECK_ERR (mmu_put_int (m, 0, 3, MMU_NATIVE, 1), EACCES,
             "put_int on a READ map: EACCES before the width");
  CHECK_ERR (mmu_put_float (m, N, 4, MMU_NATIVE, 1), EACCES, "put_float on a READ map");
  CHECK_ERR (mmu_write_uint (m, 1, MMU_NATIVE, 1), EACCES, "write_uint on a READ map");
  CHECK_ERR (mmu_write_int (m, 1, MMU_NATIVE, 1), EACCES, "write_int on a READ map");
  CHECK_ERR (mmu_write_float (m, 4, MMU_NATIVE, 1), EACCES, "write_float on a READ map");
  tu_check (mmu_tell (m) == 0, "refused writes on a READ map keep the cursor");
  mmu_close (m);
  int64_t s;
  double d;
  CHECK_ERR (mmu_get_uint (m, 0, 1, MMU_NATIVE, &u), EBADF, "get_uint on a closed map");
  CHECK_ERR (mmu_get_int (m, 0, 3, MMU_NATIVE, &s), EBADF,
             "get_int on a closed map: EBADF before the width");
  CHECK_ERR (mmu_get_float (m, 0, 4, MMU_NATIVE, &d), EBADF, "get_float on a closed map");
  CHECK_ERR (mmu_put_uint (m, 0, 1, MMU_NATIVE, 1), EBADF, "put_uint on a closed map");
  CHECK_ERR (mmu_read_int (m, 1, MMU_NATIVE, &s), EBADF, "read_int on a closed map");
  CHECK_ERR (mmu_write_float (m, 8, MMU_NATIVE, 1), EBADF, "write_float on a closed map");
  mmu_free (m);
  CHECK_ERR (mmu_get_uint (NULL, 0, 1, MMU_NATIVE, &u), EBADF, "get_uint of NULL");
  CHECK_ERR (mmu_write_uint (NULL, 1, MMU_NATIVE, 1), EBADF, "write_uint of NULL");

  struct mmu_options c = { .access = MMU_ACCESS_COPY };
  m = mmu_open (fd, 0, &c);
  tu_check (mmu_put_uint (m, 0, 4, MMU_BIG, 0xdeadbeef) == 0
            && mmu_get_uint (m, 0, 4, MMU_BIG, &u) == 0 && u == 0xdeadbeef
            && file_is (bytes), "put_uint on a COPY map leaves the file alone");
  mmu_free (m);

  m = mmu_open (-1, 3, NULL);
  tu_check (mmu_put_int (m, 1, 2, MMU_LITTLE, -300) == 0
            && mmu_get_int (m, 1, 2, MMU_LITTLE, &s) == 0 && s == -300
            && mmu_get (m, 1) == 0xd4 && mmu_get (m, 2) == 0xfe,
            "put_int 2 little at the end of a 3-byte anonymous map");
  mmu_free (m);
}

/* A map of two pages of a file cut to one page under it, or NULL.  */
static mmu_map *
shrunk (int *fd, char *fpath)
{
  size_t pg = tu_page ();
  *fd = tu_pattern_file (2 * pg, fpath);
  mmu_map *m = mmu_open (*fd, 0, NULL);
  if (m == NULL || ftruncate (*fd, (off_t) pg) != 0)
    {
      mmu_free (m);
      close (*fd);
      unlink (fpath);
      return NULL;
    }
  return m;
}

static void
done (mmu_map *m, int fd, const char *fpath)
{
  mmu_free (m);
  close (fd);
  unlink (fpath);
}

static void
test_fault (void)
{
  size_t pg = tu_page ();
  char fpath[PATH_MAX];
  int fd;
  uint64_t u = 1;

  mmu_map *m = shrunk (&fd, fpath);
  if (m == NULL)
    {
      untested ("typed: cannot cut a file under a map");
      return;
    }
  CHECK_ERR (mmu_get_uint (m, pg + 1, 4, MMU_BIG, &u), EFAULT,
             "get_uint on vanished pages: EFAULT");
  tu_check (mmu_get_uint (m, 0, 1, MMU_BIG, &u) == 0 && u == 'a',
            "get_uint below the cut still works");
  done (m, fd, fpath);

  m = shrunk (&fd, fpath);
  CHECK_ERR (mmu_put_float (m, pg + 3, 8, MMU_BIG, 1.0), EFAULT,
             "put_float on vanished pages: EFAULT");
  done (m, fd, fpath);

  m = shrunk (&fd, fpath);
  mmu_seek (m, (int64_t) pg + 5, SEEK_SET);
  CHECK_ERR (mmu_read_int (m, 2, MMU_BIG, NULL), EFAULT,
             "read_int on vanished pages: EFAULT");
  tu_check (mmu_tell (m) == pg + 5, "a faulted read does not move the cursor");
  done (m, fd, fpath);
}

int
main (void)
{
  tu_init ();
  for (int i = 0; i < N; i++)
    bytes[i] = (unsigned char) (i * 37 + 0x91);
  int fd = tu_file (bytes, N, path);
  mmu_map *m = mmu_open (fd, 0, NULL);
  if (m == NULL)
    {
      fail ("typed: cannot map the test file");
      totals ();
      return 0;
    }
  test_get (m);
  test_put (m);
  test_ranges (m);
  test_cursor (m);
  mmu_free (m);
  test_modes (fd);
  close (fd);
  unlink (path);
  test_fault ();
  totals ();
  return 0;
}
