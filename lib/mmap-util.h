/* mmap-util.h -- the public interface of libmmap-util: Python's mmap in C.
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

#ifndef MMAP_UTIL_H
#define MMAP_UTIL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* MMU_VERSION_MAJOR, _MINOR, _PATCH, _NUMBER and MMU_VERSION: the
   version this program is compiled against (mmu_version () is the one
   it runs with).  */
#include "mmap-util-version.h"

#if defined BUILDING_LIBMMAP_UTIL && defined HAVE_VISIBILITY && HAVE_VISIBILITY
# define MMU_API __attribute__ ((__visibility__ ("default")))
#else
# define MMU_API
#endif

/* Functions without side effects, for the compiler.  */
#if defined __GNUC__ && 3 <= __GNUC__
# define MMU_PURE __attribute__ ((__pure__))
# define MMU_CONST __attribute__ ((__const__))
#else
# define MMU_PURE
# define MMU_CONST
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Conventions.  A function fails by returning -1 (or NULL) and setting
   errno.  When the library itself refuses a call, errno says which
   Python exception the same misuse raises (EINVAL: ValueError; EBADF:
   "mmap closed or invalid"; ERANGE: IndexError; EACCES: TypeError;
   EBUSY: BufferError; EFAULT: the mapped file shrank under an access)
   and mmu_error_detail returns Python's message.  When a system call
   fails, errno is its own and mmu_error_detail returns NULL.

   Threads.  Distinct maps are independent.  On one map, the calls
   fall into three classes.  Readers, which change nothing in the map
   object and may run at the same time as each other and as byte
   writers: mmu_get, mmu_get_slice, mmu_get_uint, mmu_get_int,
   mmu_get_float, mmu_find, mmu_rfind, mmu_find_range, mmu_rfind_range
   (these four read the cursor, never move it), mmu_len, mmu_tell,
   mmu_offset, mmu_access_mode, mmu_closed, mmu_writable, mmu_faulted,
   mmu_size, mmu_flush, mmu_flush_range, mmu_madvise, mmu_madvise_range,
   mmu_resident, mmu_lock, mmu_unlock, and mmu_populate of a shared or
   read-only map.  Byte writers, which change only bytes of the map:
   mmu_set, mmu_set_slice, mmu_put_uint, mmu_put_int, mmu_put_float,
   mmu_move, and mmu_populate of a private writable map (it writes
   every page back unchanged).  The bytes are shared memory: which
   value a read sees of a byte another thread writes at the same time,
   or which of two writes to one byte wins, is not defined, but the map
   is never harmed.  Exclusive calls, which move the cursor or change
   the mapping, need the caller's lock (no other call on the same map
   may run meanwhile; a readers-writer lock taken shared by the two
   other classes does): mmu_seek, mmu_read, mmu_read_byte, mmu_readline,
   mmu_write, mmu_write_byte, mmu_read_uint, mmu_read_int,
   mmu_read_float, mmu_write_uint, mmu_write_int, mmu_write_float,
   mmu_resize, mmu_insert, mmu_delete, mmu_acquire, mmu_release,
   mmu_set_name, mmu_close and mmu_free.  mmu_open, mmu_error_detail
   (one per thread) and the functions of the system (mmu_pagesize,
   mmu_constants, ...) may run in any thread at any time.  A fault
   under one thread's access (the file shrank) may make a concurrent
   access to the same map fail with EFAULT as well.  */

/* An omitted bound, as Python's None: accepted for START, STOP and STEP
   of the slice functions and START and END of the find ranges.  */
#define MMU_OMIT PTRDIFF_MIN

/* How a map may be used: Python's ACCESS_* constants.  */
enum mmu_access
{
  MMU_ACCESS_DEFAULT,           /* decided by FLAGS and PROT */
  MMU_ACCESS_READ,              /* read-only */
  MMU_ACCESS_WRITE,             /* write-through to the file */
  MMU_ACCESS_COPY               /* copy-on-write, the file never changes */
};

/* Option bits for struct mmu_options.extra, beyond Python.
   MMU_ALLOW_EMPTY: with LENGTH 0, an empty file, or an OFFSET equal to
   the file's size, maps as a map of length 0 (not anonymous maps), which
   can grow with mmu_resize and mmu_insert.  MMU_ANY_OFFSET: the library
   maps from OFFSET aligned down and hides the difference; mmu_offset
   is OFFSET; mmu_flush_range and mmu_madvise_range align their start
   down themselves.  MMU_PREALLOCATE: mmu_resize and mmu_insert reserve
   the new blocks of the file (or memfd) before growing, with
   posix_fallocate, else by writing zeros: ENOSPC then, never a SIGBUS
   at the first write.  MMU_POPULATE: MAP_POPULATE where configure found
   it, else every page is touched after mapping.  */
#define MMU_ALLOW_EMPTY 0x01u   /* an empty file maps as a map of length 0 */
#define MMU_ANY_OFFSET  0x02u   /* OFFSET need not be aligned */
#define MMU_PREALLOCATE 0x04u   /* growth reserves the file's blocks */
#define MMU_POPULATE    0x08u   /* prefault the whole map at open */
#define MMU_NO_GUARD    0x10u   /* leave SIGBUS alone for this map */

/* The options of mmu_open.  A zeroed struct means all defaults.  */
struct mmu_options
{
  int flags;              /* MAP_SHARED (also when 0), MAP_PRIVATE, | probed MAP_* */
  int prot;               /* PROT_*; 0 means PROT_READ | PROT_WRITE */
  enum mmu_access access;
  uint64_t offset;        /* multiple of mmu_allocation_granularity () */
  bool untracked;         /* Python's trackfd=False */
  unsigned int extra;     /* MMU_* option bits beyond Python; 0: none */
  uint64_t reserved[4];   /* must be zero: room for options to come
                             without changing the struct's size (ABI) */
};

/* A mapped region: an opaque object, one per mmu_open.  */
typedef struct mmu_map mmu_map;

/* Errors.  */

/* Return Python's message for the last call of this thread that can
   fail (one whose comment lists an errno): the message when the
   library itself refused that call, NULL when it succeeded, found
   nothing, or failed in a system call (errno then is that call's own).
   Calls that cannot fail (mmu_len, mmu_tell, mmu_free, ...) leave it
   as it was.  Each thread has its own.  */
MMU_API MMU_PURE const char *mmu_error_detail (void);

/* Construction and lifetime.  */

/* Map LENGTH bytes of the file open on FD, from OPTS->offset, with the
   options OPTS (NULL: all defaults).  FD -1 maps LENGTH bytes of
   anonymous memory.  LENGTH 0 maps the whole file from the offset.
   Return the new map, or NULL with errno set, checked in CPython's
   order: EINVAL for conflicting ACCESS and FLAGS/PROT, an unknown
   ACCESS, unknown EXTRA bits, nonzero RESERVED words, FLAGS that place
   the map (MAP_FIXED, MAP_FIXED_NOREPLACE: the library owns the
   address) or MAP_ANONYMOUS with an FD other than -1; then the file:
   fstat's errno (EBADF for a bad FD), EINVAL for an empty file or an
   offset at the end (unless MMU_ALLOW_EMPTY), an offset past the end,
   a length past the end; then what mmap refuses, without detail:
   EINVAL for an unaligned offset (unless MMU_ANY_OFFSET) or a LENGTH of
   0 for anonymous memory or a file that is not regular (a pipe, a
   directory, a device), ENODEV for a pipe or a directory, EACCES for a
   descriptor not open as the access needs; ENOMEM when out of memory.
   An anonymous map takes an aligned offset, as mmap does, and ignores
   it (mmu_offset returns it).  The descriptor is duplicated
   (close-on-exec) unless OPTS->untracked.  */
MMU_API mmu_map *mmu_open (int fd, size_t length,
                           const struct mmu_options *opts);

/* Unmap M and close its descriptor.  Closing a closed map does
   nothing.  Return 0, or -1 with errno EBUSY while a pointer from
   mmu_acquire is held.  */
MMU_API int mmu_close (mmu_map *m);

/* Return true if M is closed.  */
MMU_API MMU_PURE bool mmu_closed (const mmu_map *m);

/* Close M if it is open and release its memory.  M may be NULL.  A map
   still acquired is unmapped all the same.  */
MMU_API void mmu_free (mmu_map *m);

/* Return the effective access of M: READ when it cannot be written,
   COPY when it is private, WRITE otherwise (the access asked for, when
   it was not DEFAULT).  This is what resize, insert, delete and flush
   test.  Python's repr shows another thing, the access asked for
   adjusted by PROT (DEFAULT stays DEFAULT unless PROT lacks PROT_READ
   or PROT_WRITE): a caller who wants it keeps its own options.  */
MMU_API MMU_PURE enum mmu_access mmu_access_mode (const mmu_map *m);

/* Return the file offset at which M starts.  */
MMU_API MMU_PURE uint64_t mmu_offset (const mmu_map *m);

/* The byte-array face.  */

/* Return the length of M in bytes, 0 when it is closed.  */
MMU_API MMU_PURE size_t mmu_len (const mmu_map *m);

/* Return the byte at INDEX of M (0..255); a negative INDEX counts from
   the end.  Return -1 with errno EBADF when M is closed, ERANGE when
   INDEX is out of range, EFAULT when the file shrank under the map.  */
MMU_API int mmu_get (const mmu_map *m, ssize_t index);

/* Store BYTE at INDEX of M; a negative INDEX counts from the end.
   Return 0, or -1 with errno EBADF (closed), EACCES (read-only map),
   ERANGE (INDEX out of range) or EFAULT (the file shrank).  */
MMU_API int mmu_set (mmu_map *m, ssize_t index, unsigned char byte);

/* Copy the slice M[START:STOP:STEP] (Python's rules; MMU_OMIT for an
   omitted bound) into OUT, of OUTSIZE bytes, and return its length.
   With OUT NULL, only return the length.  Return -1 with errno EBADF
   (closed), EINVAL (STEP 0), ERANGE (OUTSIZE too small: nothing
   copied) or EFAULT (the file shrank).  */
MMU_API ssize_t mmu_get_slice (const mmu_map *m, ssize_t start, ssize_t stop,
                               ssize_t step, void *out, size_t outsize);

/* Store the SRCLEN bytes at SRC into the slice M[START:STOP:STEP].
   Return 0, or -1 with errno, checked in this order: EBADF (closed),
   EACCES (read-only map), EINVAL (STEP 0), ERANGE (SRCLEN is not the
   slice's length); EFAULT when the file shrank.  */
MMU_API int mmu_set_slice (mmu_map *m, ssize_t start, ssize_t stop,
                           ssize_t step, const void *src, size_t srclen);

/* Return a pointer to the bytes of M and store its length in *LEN (LEN
   may be NULL): Python's buffer protocol.  Each acquire needs one
   mmu_release; while any is held, mmu_close and mmu_resize fail with
   EBUSY.  Return NULL with errno EBADF when M is closed.  */
MMU_API void *mmu_acquire (mmu_map *m, size_t *len);

/* Release one pointer taken by mmu_acquire.  Return 0, or -1 with
   errno EINVAL when none is held.  */
MMU_API int mmu_release (mmu_map *m);

/* Return true if M is open and its bytes may be changed.  */
MMU_API MMU_PURE bool mmu_writable (const mmu_map *m);

/* The file face.  */

/* Return the position of the cursor of M, 0 when it is closed.  */
MMU_API MMU_PURE size_t mmu_tell (const mmu_map *m);

/* Move the cursor of M to POS relative to WHENCE (SEEK_SET, SEEK_CUR,
   SEEK_END) and return the new position.  Return -1 with errno EBADF
   (closed) or EINVAL (target below 0 or past the length, or an unknown
   WHENCE).  */
MMU_API int64_t mmu_seek (mmu_map *m, int64_t pos, int whence);

/* Return true: a map can always seek.  */
MMU_API MMU_CONST bool mmu_seekable (const mmu_map *m);

/* Copy up to N bytes from the cursor of M into BUF and advance the
   cursor; N larger than what remains (SIZE_MAX included) reads to the
   end.  Return the number of bytes copied (0 at the end), or -1 with
   errno EBADF (closed) or EFAULT (the file shrank).  */
MMU_API ssize_t mmu_read (mmu_map *m, void *buf, size_t n);

/* Return the byte at the cursor of M and advance it.  Return -1 with
   errno EBADF (closed), EINVAL (at the end) or EFAULT.  */
MMU_API int mmu_read_byte (mmu_map *m);

/* Point *LINE at the bytes from the cursor of M up to and including the
   next newline (or to the end), advance the cursor past them and return
   their number, 0 at the end.  Nothing is copied: *LINE is valid until
   the next resize, close or free.  Return -1 with errno EBADF (closed)
   or EFAULT.  */
MMU_API ssize_t mmu_readline (mmu_map *m, const void **line);

/* Write the N bytes at BUF at the cursor of M and advance it, all or
   nothing.  Return N, or -1 with errno EBADF (closed), EACCES
   (read-only map, even when N is 0), EINVAL (past the end, or a cursor
   past the end even when N is 0: nothing written) or EFAULT.  */
MMU_API ssize_t mmu_write (mmu_map *m, const void *buf, size_t n);

/* Write BYTE at the cursor of M and advance it.  Return 0, or -1 with
   errno EBADF, EACCES, EINVAL (at the end) or EFAULT.  */
MMU_API int mmu_write_byte (mmu_map *m, unsigned char byte);

/* Return the size of the file under M (fstat), or the length of an
   anonymous map.  Return -1 with errno EBADF (closed, or untracked),
   or fstat's errno.  */
MMU_API int64_t mmu_size (mmu_map *m);

/* Search, move, resize, flush, advise.  */

/* Return the lowest index of M at or after the cursor where the SUBLEN
   bytes at SUB occur: mmu_find_range (M, SUB, SUBLEN, MMU_OMIT,
   MMU_OMIT).  Not found: -1 with errno 0.  Error: -1 with errno EBADF
   (closed) or EFAULT.  */
MMU_API ssize_t mmu_find (const mmu_map *m, const void *sub, size_t sublen);

/* Return the lowest index where SUB occurs wholly inside M[START:END],
   START and END following Python's slice rules (negative: from the end;
   MMU_OMIT: the cursor for START, the length for END).  An empty SUB is
   found at the clamped START.  Not found: -1 with errno 0; error: -1
   with errno EBADF or EFAULT.  */
MMU_API ssize_t mmu_find_range (const mmu_map *m, const void *sub,
                                size_t sublen, ssize_t start, ssize_t end);

/* As mmu_find, but return the highest index.  */
MMU_API ssize_t mmu_rfind (const mmu_map *m, const void *sub, size_t sublen);

/* As mmu_find_range, but return the highest index; an empty SUB is
   found at the clamped END.  */
MMU_API ssize_t mmu_rfind_range (const mmu_map *m, const void *sub,
                                 size_t sublen, ssize_t start, ssize_t end);

/* Copy COUNT bytes of M from SRC to DEST; the ranges may overlap.
   Return 0, or -1 with errno EBADF, EACCES (read-only map), EINVAL
   (a range past the length) or EFAULT.  */
MMU_API int mmu_move (mmu_map *m, size_t dest, size_t src, size_t count);

/* Change the length of M to NEWSIZE bytes, and the size of its file to
   the offset plus NEWSIZE.  The cursor does not move.  Return 0, or -1
   with errno, checked in this order before anything changes: EBADF
   (closed), EBUSY (acquired), EINVAL (untracked), EACCES (READ or COPY
   access, asked for or in effect: a DEFAULT map whose PROT lacks
   PROT_WRITE, a private map of a file), EINVAL (NEWSIZE 0 or too large;
   growing a shared anonymous map without memfd); then the errno of
   posix_fallocate (ENOSPC, with MMU_PREALLOCATE), ftruncate, mremap or
   mmap.  A failed resize leaves the map and the size of its file as
   they were.  A map whose file shrank under it (mmu_faulted) is mapped
   afresh, whole, when mremap cannot move it.  */
MMU_API int mmu_resize (mmu_map *m, size_t newsize);

/* Write the changes of M back to its file: mmu_flush_range (M, 0,
   mmu_len (M), 0).  */
MMU_API int mmu_flush (mmu_map *m);

/* Write back the changes of the SIZE bytes of M at OFFSET, with msync
   FLAGS (0: MS_SYNC).  Maps of access READ or COPY, maps that cannot
   be written (a DEFAULT map without PROT_WRITE) and maps of length 0
   have nothing to write: 0, at once, as in Python (a DEFAULT private
   map goes to msync, which checks OFFSET and writes nothing).
   Return 0, or -1 with errno EBADF, EINVAL (OFFSET + SIZE past the
   length) or msync's own (EINVAL for an OFFSET not page-aligned, SIZE
   0 included).  */
MMU_API int mmu_flush_range (mmu_map *m, size_t offset, size_t size,
                             int flags);

/* Give the kernel the advice ADVICE (MADV_*) for the whole of M.  */
MMU_API int mmu_madvise (mmu_map *m, int advice);

/* Give the kernel the advice ADVICE for the LENGTH bytes of M at START;
   LENGTH is clamped to the end.  Return 0, or -1 with errno EBADF,
   EINVAL (START at or past the length), ENOTSUP (no madvise nor
   posix_madvise), or madvise's own (EINVAL for an unaligned START or
   an unknown ADVICE).  */
MMU_API int mmu_madvise_range (mmu_map *m, int advice, size_t start,
                               size_t length);

/* Beyond Python.  */

/* The byte order of a typed value.  */
enum mmu_order
{
  MMU_NATIVE,                   /* the order of this machine */
  MMU_LITTLE,                   /* least significant byte first */
  MMU_BIG                       /* most significant byte first */
};

/* Typed values at byte offsets of M, at any alignment.  WIDTH is the
   size of the value in bytes: 1, 2, 4 or 8 for integers, 4 (float) or
   8 (double) for floating point; ORDER its byte order.  The get
   functions store the value in *VALUE (VALUE may be NULL: the bytes are
   only checked and read).  Return 0, or -1 with errno, checked in this
   order before anything changes: EBADF (closed), EACCES (a put to a
   read-only map), EINVAL (a bad WIDTH or ORDER), ERANGE (OFFSET + WIDTH
   past the length: Python's IndexError), ERANGE (a value that does not
   fit WIDTH); EFAULT when the file shrank under the access.  */

/* Read the unsigned integer of WIDTH bytes at OFFSET of M.  */
MMU_API int mmu_get_uint (const mmu_map *m, size_t offset, int width,
                          enum mmu_order order, uint64_t *value);

/* Read the signed (two's complement) integer of WIDTH bytes at OFFSET
   of M, extending its sign.  */
MMU_API int mmu_get_int (const mmu_map *m, size_t offset, int width,
                         enum mmu_order order, int64_t *value);

/* Read the IEEE 754 float (WIDTH 4) or double (WIDTH 8) at OFFSET of
   M.  */
MMU_API int mmu_get_float (const mmu_map *m, size_t offset, int width,
                           enum mmu_order order, double *value);

/* Store VALUE as an unsigned integer of WIDTH bytes at OFFSET of M;
   VALUE of 2^(8 WIDTH) or more: ERANGE.  */
MMU_API int mmu_put_uint (mmu_map *m, size_t offset, int width,
                          enum mmu_order order, uint64_t value);

/* Store VALUE as a signed integer of WIDTH bytes at OFFSET of M; VALUE
   outside [-2^(8 WIDTH - 1), 2^(8 WIDTH - 1) - 1]: ERANGE.  */
MMU_API int mmu_put_int (mmu_map *m, size_t offset, int width,
                         enum mmu_order order, int64_t value);

/* Store VALUE as a float (WIDTH 4, rounded to nearest) or a double
   (WIDTH 8) at OFFSET of M.  A finite VALUE that a float cannot hold
   (it would round to an infinity): ERANGE; infinities and NaNs are
   stored as they are.  */
MMU_API int mmu_put_float (mmu_map *m, size_t offset, int width,
                           enum mmu_order order, double value);

/* The same at the cursor of M, advancing it by WIDTH on success.  The
   cursor functions follow the file face: WIDTH bytes past the end is
   EINVAL (Python's ValueError of read_byte and write), not ERANGE; the
   other errors are those of the offset functions.  */
MMU_API int mmu_read_uint (mmu_map *m, int width, enum mmu_order order,
                           uint64_t *value);
MMU_API int mmu_read_int (mmu_map *m, int width, enum mmu_order order,
                          int64_t *value);
MMU_API int mmu_read_float (mmu_map *m, int width, enum mmu_order order,
                            double *value);
MMU_API int mmu_write_uint (mmu_map *m, int width, enum mmu_order order,
                            uint64_t value);
MMU_API int mmu_write_int (mmu_map *m, int width, enum mmu_order order,
                           int64_t value);
MMU_API int mmu_write_float (mmu_map *m, int width, enum mmu_order order,
                             double value);

/* Insert the N bytes at DATA into M at OFFSET (0 to the length): the
   map grows by N bytes, and its file becomes the map's offset plus the
   new length long (mmu_resize), and the bytes from OFFSET on move up
   by N (mmu_move).  DATA NULL inserts N zero bytes;
   DATA may point into M itself.  The cursor does not move (it is put
   at the new end if it was past it).  The cost: every byte from OFFSET
   to the end is moved, through memory, so inserting near the front of
   a huge file reads and writes all of it and makes it resident; except
   where the file system shifts blocks (fallocate's INSERT_RANGE and
   COLLAPSE_RANGE, on ext4 and XFS) and the edit is of whole blocks of
   a shared file map that reaches the end of its file: then nothing
   moves through memory (the manual says when exactly).
   Return 0, or -1 with errno,
   checked before anything changes: those of mmu_resize (EBADF, EBUSY,
   EINVAL for an untracked map, EACCES for READ or COPY access, or a
   read-only or private file map), then EINVAL (OFFSET past the length,
   the new size too large, growing a shared anonymous map without
   memfd); then the errno of the resize (ENOSPC with MMU_PREALLOCATE on
   a full file system), or EFAULT.  N 0 only checks.  */
MMU_API int mmu_insert (mmu_map *m, size_t offset, const void *data,
                        size_t n);

/* Delete the N bytes of M at OFFSET: the bytes after them move down
   and the map and its file shrink by N bytes.  The cursor does not
   move, unless it would be past the new end: then it is put at the
   end.  The cost is that of mmu_insert: every byte after the deleted
   ones moves.  Return 0, or -1 with errno: the checks of mmu_insert, then
   EINVAL when OFFSET + N is past the length (nothing is clamped) or
   when N is the whole length (a map cannot be empty); then the errno
   of the resize (the bytes have then moved already), or EFAULT.  N 0
   only checks.  */
MMU_API int mmu_delete (mmu_map *m, size_t offset, size_t n);

/* Residency and locking.  Each takes the LENGTH bytes of M at START,
   at any alignment (the pages they touch are used); START past the
   length is EINVAL (START equal to it is an empty range), LENGTH is
   clamped to the end, so SIZE_MAX means "to the end".  Each fails with
   EBADF when M is closed, and with ENOTSUP where configure did not find
   the system call it needs.  */

/* Bring the pages of the range into memory now, so that later accesses
   do not fault: each page is read (and written back, unchanged, in a
   private writable map, so that it becomes the map's own).  Return 0,
   or -1 with errno EBADF, EINVAL or EFAULT (the file shrank).  */
MMU_API int mmu_populate (mmu_map *m, size_t start, size_t length);

/* Return the number of bytes of the range that are in memory now
   (mincore; for a file map, the file's pages in the page cache count
   too).  Return -1 with errno EBADF, EINVAL, ENOTSUP (no mincore) or
   mincore's own.  */
MMU_API ssize_t mmu_resident (const mmu_map *m, size_t start,
                              size_t length);

/* Lock the pages of the range in memory (mlock), or unlock them
   (munlock).  Return 0, or -1 with errno EBADF, EINVAL, ENOTSUP (no
   mlock), or the system's own: EPERM when the process may not lock
   memory, ENOMEM when the limit of locked memory (RLIMIT_MEMLOCK) would
   be passed.  */
MMU_API int mmu_lock (mmu_map *m, size_t start, size_t length);
MMU_API int mmu_unlock (mmu_map *m, size_t start, size_t length);

/* Name the anonymous map M, as /proc/PID/maps shows it
   ("[anon:NAME]"); NAME NULL removes the name.  NAME has at most 79
   bytes, printable ASCII without \ ` $ [ ].  Return 0, or -1 with
   errno EBADF (closed), EINVAL (a map of a file, or a bad NAME),
   ENOTSUP where the system or the kernel cannot name this map (no
   PR_SET_VMA_ANON_NAME, a kernel built without it, or a shared map that
   lives on a memfd), or prctl's own (ENOMEM).  */
MMU_API int mmu_set_name (mmu_map *m, const char *name);

/* Return true if part of the file under M vanished under an access at
   any time since M was opened: the fault guard then mapped zeros over
   it.  Ask after reading M through mmu_acquire's pointer.  */
MMU_API bool mmu_faulted (const mmu_map *m);

/* The system, probed.  */

/* Return the size of a page of memory, in bytes (Python's
   mmap.PAGESIZE).  Never fails.  */
MMU_API long mmu_pagesize (void);

/* Return the granularity of mapping offsets, in bytes (Python's
   mmap.ALLOCATIONGRANULARITY): an offset given to mmu_open must be a
   multiple of it.  On POSIX systems it is the page size.  Never fails.  */
MMU_API long mmu_allocation_granularity (void);

/* One constant of the system, under Python's name.  */
struct mmu_constant
{
  const char *name;   /* "MAP_SHARED", ...; NULL ends a table */
  long value;
};

/* Return the table of every constant configure found on this system,
   under Python's names: PROT_*, MAP_*, MADV_*, and MS_SYNC, MS_ASYNC,
   MS_INVALIDATE.  The table ends with an entry whose name is NULL.  It
   is static: never free it.  Never fails.  */
MMU_API const struct mmu_constant *mmu_constants (void);

/* Look up the constant NAME (as in mmu_constants) and store its value
   in *VALUE, unless VALUE is NULL.  Return 0, or -1 with errno ENOENT
   when this system has no such constant (or configure did not probe
   it), EINVAL when NAME is NULL.  */
MMU_API int mmu_constant (const char *name, long *value);

/* Return true if this build of the library has FEATURE: a function
   configure found ("mremap", "madvise", "posix_madvise", "msync",
   "mincore", "mlock", "posix_fallocate", "fallocate", "memfd_create",
   "vmsplice", "copy_file_range", "prctl"), a constant of mmu_constants
   ("MAP_POPULATE", ...), or another declaration the library uses
   ("MREMAP_MAYMOVE", "PR_SET_VMA_ANON_NAME", "FALLOC_FL_INSERT_RANGE",
   "FALLOC_FL_COLLAPSE_RANGE").  False for anything else,
   NULL included.  Does not touch errno.  */
MMU_API bool mmu_have (const char *feature);

/* Return the version of the library that runs, "0.2.0" or the like
   ("0.2.0.5-abcd" for a build between releases): the version of the
   mmap-util package it comes from, which begins with
   MMU_VERSION_MAJOR.MMU_VERSION_MINOR.MMU_VERSION_PATCH of that
   package's header.  Never fails.  */
MMU_API const char *mmu_version (void);

#ifdef __cplusplus
}
#endif

#endif /* MMAP_UTIL_H */
