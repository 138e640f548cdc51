/* typed.c -- typed values at byte offsets and at the cursor.
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

#include <config.h>

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mmu-internal.h"

/* Design.  The twelve public functions are thin: each turns its value
   into (or out of) the 64 bits of an unsigned integer and calls one of
   two cores, get_bits and put_bits, which do the checks in the order of
   the contract, the byte-order conversion and the guarded copy.  The
   bytes are assembled one by one, so any alignment and either order
   work the same on every machine; MMU_NATIVE is resolved to the order
   of this machine at run time, which the compiler folds.  */

#define MSG_WIDTH "bad width for the type"
#define MSG_ORDER "bad byte order"
#define MSG_INDEX "mmap offset out of range"
#define MSG_READ "read out of range"
#define MSG_WRITE "data out of range"

/* What a core is asked to do.  */
enum kind { KIND_INT, KIND_FLOAT };

/* Return true if this machine stores the least significant byte
   first.  */
static bool
little_endian (void)
{
  const union { uint16_t u; unsigned char c[2]; } probe = { 1 };
  return probe.c[0] == 1;
}

/* Check WIDTH and ORDER for a value of KIND.  Return 0, or -1 with
   EINVAL.  */
static int
check_type (int width, enum mmu_order order, enum kind kind)
{
  bool ok = kind == KIND_FLOAT
            ? width == 4 || width == 8
            : width == 1 || width == 2 || width == 4 || width == 8;
  if (!ok)
    return mmu__fail (EINVAL, MSG_WIDTH);
  if (order != MMU_NATIVE && order != MMU_LITTLE && order != MMU_BIG)
    return mmu__fail (EINVAL, MSG_ORDER);
  return 0;
}

/* Return true if the byte at index I of a value in ORDER is its most
   significant end first.  */
static bool
big_first (enum mmu_order order)
{
  return order == MMU_BIG || (order == MMU_NATIVE && !little_endian ());
}

/* Check that WIDTH bytes at OFFSET lie inside M; fail with ERR and MSG
   if not.  */
static int
check_bounds (const mmu_map *m, size_t offset, int width, int err,
              const char *msg)
{
  if (offset > m->size || m->size - offset < (size_t) width)
    return mmu__fail (err, msg);
  return 0;
}

/* The core of the readers: check, copy WIDTH bytes at OFFSET of M under
   the guard, and store them, as an unsigned integer in ORDER, in *BITS.
   An out-of-bounds access fails with OOB_ERR and OOB_MSG.  */
static int
get_bits (const mmu_map *m, size_t offset, int width, enum mmu_order order,
          enum kind kind, int oob_err, const char *oob_msg, uint64_t *bits)
{
  unsigned char b[8];

  MMU__CHECK_OPEN (m, -1);
  if (check_type (width, order, kind) != 0
      || check_bounds (m, offset, width, oob_err, oob_msg) != 0)
    return -1;
  unsigned long g = mmu__guard_begin (m);
  memcpy (b, m->data + offset, (size_t) width);
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);

  uint64_t v = 0;
  bool big = big_first (order);
  for (int i = 0; i < width; i++)
    v |= (uint64_t) b[big ? width - 1 - i : i] << (8 * i);
  *bits = v;
  return 0;
}

/* The core of the writers: check, and store the low WIDTH bytes of
   BITS at OFFSET of M in ORDER under the guard.  FITS false means the
   value was found too large for WIDTH: ERANGE, after the other checks.
   An out-of-bounds access fails with OOB_ERR and OOB_MSG.  */
static int
put_bits (mmu_map *m, size_t offset, int width, enum mmu_order order,
          enum kind kind, int oob_err, const char *oob_msg, bool fits,
          uint64_t bits)
{
  unsigned char b[8];

  MMU__CHECK_OPEN (m, -1);
  if (m->readonly)
    return mmu__fail (EACCES, MMU__MSG_READONLY);
  if (check_type (width, order, kind) != 0
      || check_bounds (m, offset, width, oob_err, oob_msg) != 0)
    return -1;
  if (!fits)
    return mmu__fail (ERANGE, kind == KIND_FLOAT
                              ? "float too large to pack with f format"
                              : "argument out of range");
  bool big = big_first (order);
  for (int i = 0; i < width; i++)
    b[big ? width - 1 - i : i] = (unsigned char) (bits >> (8 * i));
  unsigned long g = mmu__guard_begin (m);
  memcpy (m->data + offset, b, (size_t) width);
  if (mmu__guard_end (m, g))
    return mmu__fail (EFAULT, MMU__MSG_FAULT);
  return 0;
}

/* Conversions between values and bits.  */

/* Extend the sign of the low WIDTH bytes of BITS.  */
static int64_t
sign_extend (uint64_t bits, int width)
{
  if (width == 8)
    return (int64_t) bits;
  uint64_t sign = (uint64_t) 1 << (8 * width - 1);
  if (bits & sign)
    return -(int64_t) ((sign << 1) - bits);
  return (int64_t) bits;
}

/* Return the double that BITS, a float (WIDTH 4) or a double, holds.  */
static double
bits_to_double (uint64_t bits, int width)
{
  if (width == 4)
    {
      uint32_t u = (uint32_t) bits;
      float f;
      memcpy (&f, &u, sizeof f);
      return (double) f;
    }
  double d;
  memcpy (&d, &bits, sizeof d);
  return d;
}

/* The smallest magnitude that rounds to infinity as a float:
   FLT_MAX plus half its unit in the last place.  */
#define FLOAT_OVERFLOW 0x1.ffffffp127

/* Store in *BITS the bits of VALUE as a float (WIDTH 4) or a double.
   Return false if VALUE is finite and a float cannot hold it.  Any
   other WIDTH is refused by the core before the bits are used.  */
static bool
double_to_bits (double value, int width, uint64_t *bits)
{
  if (width == 4)
    {
      float f;
      if (isfinite (value)
          && (value >= FLOAT_OVERFLOW || value <= -FLOAT_OVERFLOW))
        return false;
      if (isfinite (value) && value > (double) FLT_MAX)
        f = FLT_MAX;            /* rounds down to it; avoid the cast */
      else if (isfinite (value) && value < (double) -FLT_MAX)
        f = -FLT_MAX;
      else
        f = (float) value;
      uint32_t u;
      memcpy (&u, &f, sizeof u);
      *bits = u;
      return true;
    }
  memcpy (bits, &value, sizeof *bits);
  return true;
}

/* Return true if the unsigned VALUE fits WIDTH bytes (a bad width
   fits: check_type refuses it first).  */
static bool
uint_fits (uint64_t value, int width)
{
  return width <= 0 || width >= 8 || value >> (8 * width) == 0;
}

/* Return true if the signed VALUE fits WIDTH bytes.  */
static bool
int_fits (int64_t value, int width)
{
  if (width <= 0 || width >= 8)
    return true;
  int64_t max = (int64_t) (((uint64_t) 1 << (8 * width - 1)) - 1);
  return -max - 1 <= value && value <= max;
}

/* At byte offsets.  */

int
mmu_get_uint (const mmu_map *m, size_t offset, int width,
              enum mmu_order order, uint64_t *value)
{
  uint64_t bits;
  if (get_bits (m, offset, width, order, KIND_INT, ERANGE, MSG_INDEX,
                &bits) != 0)
    return -1;
  if (value != NULL)
    *value = bits;
  return 0;
}

int
mmu_get_int (const mmu_map *m, size_t offset, int width,
             enum mmu_order order, int64_t *value)
{
  uint64_t bits;
  if (get_bits (m, offset, width, order, KIND_INT, ERANGE, MSG_INDEX,
                &bits) != 0)
    return -1;
  if (value != NULL)
    *value = sign_extend (bits, width);
  return 0;
}

int
mmu_get_float (const mmu_map *m, size_t offset, int width,
               enum mmu_order order, double *value)
{
  uint64_t bits;
  if (get_bits (m, offset, width, order, KIND_FLOAT, ERANGE, MSG_INDEX,
                &bits) != 0)
    return -1;
  if (value != NULL)
    *value = bits_to_double (bits, width);
  return 0;
}

int
mmu_put_uint (mmu_map *m, size_t offset, int width, enum mmu_order order,
              uint64_t value)
{
  return put_bits (m, offset, width, order, KIND_INT, ERANGE, MSG_INDEX,
                   uint_fits (value, width), value);
}

int
mmu_put_int (mmu_map *m, size_t offset, int width, enum mmu_order order,
             int64_t value)
{
  return put_bits (m, offset, width, order, KIND_INT, ERANGE, MSG_INDEX,
                   int_fits (value, width), (uint64_t) value);
}

int
mmu_put_float (mmu_map *m, size_t offset, int width, enum mmu_order order,
               double value)
{
  uint64_t bits = 0;
  bool fits = double_to_bits (value, width, &bits);
  return put_bits (m, offset, width, order, KIND_FLOAT, ERANGE, MSG_INDEX,
                   fits, bits);
}

/* At the cursor.  A closed map has its cursor at 0; the cores check
   that it is open before using the offset.  */

/* Advance the cursor of M by WIDTH after a successful access.  */
static int
advance (mmu_map *m, int ret, int width)
{
  if (ret == 0)
    m->pos += (size_t) width;
  return ret;
}

static size_t
cursor (const mmu_map *m)
{
  return m == NULL ? 0 : m->pos;
}

int
mmu_read_uint (mmu_map *m, int width, enum mmu_order order,
               uint64_t *value)
{
  uint64_t bits;
  int ret = get_bits (m, cursor (m), width, order, KIND_INT, EINVAL,
                      MSG_READ, &bits);
  if (ret == 0 && value != NULL)
    *value = bits;
  return advance (m, ret, width);
}

int
mmu_read_int (mmu_map *m, int width, enum mmu_order order, int64_t *value)
{
  uint64_t bits;
  int ret = get_bits (m, cursor (m), width, order, KIND_INT, EINVAL,
                      MSG_READ, &bits);
  if (ret == 0 && value != NULL)
    *value = sign_extend (bits, width);
  return advance (m, ret, width);
}

int
mmu_read_float (mmu_map *m, int width, enum mmu_order order, double *value)
{
  uint64_t bits;
  int ret = get_bits (m, cursor (m), width, order, KIND_FLOAT, EINVAL,
                      MSG_READ, &bits);
  if (ret == 0 && value != NULL)
    *value = bits_to_double (bits, width);
  return advance (m, ret, width);
}

int
mmu_write_uint (mmu_map *m, int width, enum mmu_order order, uint64_t value)
{
  int ret = put_bits (m, cursor (m), width, order, KIND_INT, EINVAL,
                      MSG_WRITE, uint_fits (value, width), value);
  return advance (m, ret, width);
}

int
mmu_write_int (mmu_map *m, int width, enum mmu_order order, int64_t value)
{
  int ret = put_bits (m, cursor (m), width, order, KIND_INT, EINVAL,
                      MSG_WRITE, int_fits (value, width), (uint64_t) value);
  return advance (m, ret, width);
}

int
mmu_write_float (mmu_map *m, int width, enum mmu_order order, double value)
{
  uint64_t bits = 0;
  bool fits = double_to_bits (value, width, &bits);
  int ret = put_bits (m, cursor (m), width, order, KIND_FLOAT, EINVAL,
                      MSG_WRITE, fits, bits);
  return advance (m, ret, width);
}
