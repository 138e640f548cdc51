/* byte-rank.c -- how common each byte is, for the search prefilters.
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

#include "memfind.h"

/* Byte frequency ranks: 0 is the rarest byte, 255 the most common.
   Generated on Debian 12 by the Python 3 script below, from the C
   headers of the packages libc6-dev and linux-libc-dev (C source) and
   the files in /usr/share/common-licenses (English text), each corpus
   weighted equally whatever its size.  Ties (bytes that never occur, mostly
   control bytes and bytes >= 0x80) are broken by byte value.  The
   table needs no regenerating: it only has to be roughly right.

     import subprocess, os
     def counts(files):
         c = [0]*256
         for f in files:
             for b in open(f, 'rb').read(): c[b] += 1
         t = sum(c); return [x / t for x in c]
     hdr = [f for f in subprocess.run(['dpkg', '-L', 'libc6-dev',
            'linux-libc-dev'], capture_output=True, text=True)
            .stdout.split() if f.endswith('.h')]
     d = '/usr/share/common-licenses'
     eng = [os.path.join(d, f) for f in os.listdir(d)]
     c, e = counts(hdr), counts(eng)
     f = [c[b] + e[b] for b in range(256)]
     order = sorted(range(256), key=lambda b: (f[b], b))
     rank = [0]*256
     for r, b in enumerate(order): rank[b] = r
     for i in range(0, 256, 8):
         print('  /' '* 0x%02x *' '/ ' % i
               + ' '.join('%3d,' % r for r in rank[i:i+8]))
*/
const unsigned char mmu__byte_rank[256] = {
  /* 0x00 */   0,   1,   2,   3,   4,   5,   6,   7,
  /* 0x08 */   8, 236, 245,   9, 161,  10,  11,  12,
  /* 0x10 */  13,  14,  15,  16,  17,  18,  19,  20,
  /* 0x18 */  21,  22,  23,  24,  25,  26,  27,  28,
  /* 0x20 */ 255, 163, 191, 209, 159, 164, 167, 186,
  /* 0x28 */ 205, 207, 232, 169, 225, 201, 217, 216,
  /* 0x30 */ 214, 210, 208, 196, 195, 183, 194, 176,
  /* 0x38 */ 190, 180, 188, 202, 185, 184, 178, 160,
  /* 0x40 */ 177, 227, 198, 223, 215, 234, 212, 206,
  /* 0x48 */ 200, 231, 166, 189, 224, 213, 222, 221,
  /* 0x50 */ 218, 175, 226, 228, 235, 211, 199, 193,
  /* 0x58 */ 192, 197, 170, 172, 173, 171, 158, 246,
  /* 0x60 */ 165, 248, 230, 243, 244, 254, 239, 229,
  /* 0x68 */ 242, 252, 174, 203, 241, 238, 250, 251,
  /* 0x70 */ 237, 187, 249, 247, 253, 240, 219, 220,
  /* 0x78 */ 204, 233, 179, 182, 168, 181, 162,  29,
  /* 0x80 */ 157,  30, 140,  31,  32,  33, 132,  34,
  /* 0x88 */  35,  36,  37,  38,  39,  40, 133,  41,
  /* 0x90 */ 134, 141,  42, 142,  43,  44,  45,  46,
  /* 0x98 */  47, 135,  48,  49, 151, 152,  50,  51,
  /* 0xa0 */  52,  53,  54,  55, 136,  56,  57,  58,
  /* 0xa8 */  59, 153,  60, 137,  61,  62,  63,  64,
  /* 0xb0 */  65, 146,  66,  67, 143,  68, 148,  69,
  /* 0xb8 */ 144, 138, 139,  70, 145,  71,  72,  73,
  /* 0xc0 */  74,  75, 154, 155,  76,  77,  78,  79,
  /* 0xc8 */  80,  81,  82,  83,  84,  85, 147,  86,
  /* 0xd0 */ 150, 149,  87,  88,  89,  90,  91,  92,
  /* 0xd8 */  93,  94,  95,  96,  97,  98,  99, 100,
  /* 0xe0 */ 101, 102, 156, 103, 104, 105, 106, 107,
  /* 0xe8 */ 108, 109, 110, 111, 112, 113, 114, 115,
  /* 0xf0 */ 116, 117, 118, 119, 120, 121, 122, 123,
  /* 0xf8 */ 124, 125, 126, 127, 128, 129, 130, 131,
};
