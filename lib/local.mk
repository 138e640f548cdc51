## lib/local.mk -- the library, libmmap-util.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

lib_LTLIBRARIES = lib/libmmap-util.la
include_HEADERS = lib/mmap-util.h
# Made by configure (the version, for the compiler).
nodist_include_HEADERS = lib/mmap-util-version.h
pkgconfig_DATA = lib/mmap-util.pc

# One file per concern.  No gnulib here: the library is LGPL and links
# libc only, and gnulib's replacement headers would rename its calls.
lib_libmmap_util_la_SOURCES = \
  lib/advise.c \
  lib/bytes.c \
  lib/constants.c \
  lib/cursor.c \
  lib/edit.c \
  lib/error.c \
  lib/guard.c \
  lib/map.c \
  lib/move.c \
  lib/name.c \
  lib/residency.c \
  lib/resize.c \
  lib/search.c \
  lib/sync.c \
  lib/system.c \
  lib/typed.c \
  lib/mmu-internal.h
lib_libmmap_util_la_LIBADD = lib/libmemfind.la

# The byte search under mmu_find and mmgrep -F: an internal convenience
# library (libc only, not installed), built once and linked into both.
# Its symbols start with mmu__ and are hidden: the version script does
# not export them, so the ABI is unchanged.  memfind.h is internal.
noinst_LTLIBRARIES = lib/libmemfind.la
lib_libmemfind_la_SOURCES = lib/memfind.c lib/memfind.h \
  lib/two-way.c lib/two-way.h lib/byte-rank.c
lib_libmemfind_la_CPPFLAGS = -I$(top_builddir) -I$(top_builddir)/lib -I$(top_srcdir)/lib
lib_libmemfind_la_CFLAGS = $(CFLAG_VISIBILITY) $(WARN_CFLAGS) $(WERROR_CFLAGS)

lib_libmmap_util_la_CPPFLAGS = -DBUILDING_LIBMMAP_UTIL -I$(top_builddir) -I$(top_builddir)/lib -I$(top_srcdir)/lib
lib_libmmap_util_la_CFLAGS = $(CFLAG_VISIBILITY) $(WARN_CFLAGS) $(WERROR_CFLAGS)
lib_libmmap_util_la_LDFLAGS = -no-undefined -version-info $(MMU_LT_VERSION_INFO)
if HAVE_LD_VERSION_SCRIPT
lib_libmmap_util_la_LDFLAGS += -Wl,--version-script=$(top_srcdir)/lib/libmmap-util.map
endif
EXTRA_lib_libmmap_util_la_DEPENDENCIES = lib/libmmap-util.map
EXTRA_DIST += lib/libmmap-util.map lib/mmap-util.pc.in
DISTCLEANFILES += lib/mmap-util.pc
