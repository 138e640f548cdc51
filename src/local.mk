## src/local.mk -- the programs.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

bin_PROGRAMS = src/mmcat src/mmgrep src/mmpatch

# Installed programs: none of the tests' -no-install (AM_LDFLAGS), which
# would leave the build tree in their run path.
MMU_PROGRAM_LINK_OPTS =

# gnulib's replacement headers come first.
MMU_PROGRAM_INCLUDES = -I$(top_builddir)/gl/lib -I$(top_srcdir)/gl/lib -I$(top_srcdir)/lib \
  -DLOCALEDIR=\"$(localedir)\"

# What the three share.
noinst_LIBRARIES += src/libcli.a
src_libcli_a_SOURCES = src/cli.c src/cli.h
src_libcli_a_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_libcli_a_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)

# The programs link gnulib (GPL) and the library.
MMU_PROGRAM_LIBS = src/libcli.a lib/libmmap-util.la gl/lib/libgnu.a $(LIB_CLOSE) $(LIBINTL)

src_mmcat_SOURCES = src/mmcat.c \
  src/cat-copy.c src/cat-copy.h src/cat-format.c src/cat-format.h
src_mmcat_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_mmcat_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)
src_mmcat_LDADD = $(MMU_PROGRAM_LIBS)
src_mmcat_LDFLAGS = $(MMU_PROGRAM_LINK_OPTS)

# mmgrep, by concern: options and inputs, recursion, one input's
# search (the lines it prints, the part a worker searches), output,
# the input layer, the matcher and its engines.
src_mmgrep_SOURCES = \
  src/mmgrep.c src/grep.h \
  src/grep-recurse.c src/grep-recurse.h \
  src/grep-parallel.c src/grep-parallel.h \
  src/grep-search.c src/grep-search.h \
  src/grep-lines.c src/grep-lines.h \
  src/grep-part.c src/grep-part.h \
  src/grep-split.c src/grep-split.h \
  src/grep-output.c src/grep-output.h \
  src/grep-input.c src/grep-input.h \
  src/matcher.c src/matcher.h \
  src/engine-regex.c src/engine-fixed.c src/engine-pcre.c \
  src/litset.c src/litset.h src/bytecount.c src/bytecount.h \
  lib/memfind.c lib/memfind.h lib/two-way.c lib/two-way.h \
  lib/byte-rank.c
if MMU_HYPERSCAN
src_mmgrep_SOURCES += src/engine-hs.c src/engine-hs.h \
  src/hs-translate.c src/hs-translate.h
endif
EXTRA_DIST += src/engine-hs.c src/engine-hs.h \
  src/hs-translate.c src/hs-translate.h
src_mmgrep_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_mmgrep_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS) $(PCRE2_CFLAGS) \
  $(HS_CFLAGS)
src_mmgrep_LDADD = $(MMU_PROGRAM_LIBS) $(PCRE2_LIBS) $(HS_LIBS) $(LIB_MBRTOWC) \
  $(LIB_HARD_LOCALE) $(LIB_SETLOCALE_NULL) $(LIBINTL) $(LIBTHREAD)
src_mmgrep_LDFLAGS = $(MMU_PROGRAM_LINK_OPTS)

src_mmpatch_SOURCES = src/mmpatch.c src/patch.h \
  src/patch-apply.c src/patch-diff.c src/patch-file.c src/patch-parse.c
src_mmpatch_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_mmpatch_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)
src_mmpatch_LDADD = $(MMU_PROGRAM_LIBS)
src_mmpatch_LDFLAGS = $(MMU_PROGRAM_LINK_OPTS)
