## src/local.mk -- the programs.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

## Each program's sources are in a folder of its own (src/cat,
## src/grep, src/patch), what they share in src/common; the programs
## are built as src/mmcat, src/mmgrep and src/mmpatch.

bin_PROGRAMS = src/mmcat src/mmgrep src/mmpatch

# Installed programs: none of the tests' -no-install (AM_LDFLAGS), which
# would leave the build tree in their run path.
MMU_PROGRAM_LINK_OPTS =

# gnulib's replacement headers come first.
MMU_PROGRAM_INCLUDES = -I$(top_builddir)/gl/lib -I$(top_srcdir)/gl/lib \
  -I$(top_srcdir)/src/common -I$(top_builddir)/lib -I$(top_srcdir)/lib \
  -DLOCALEDIR=\"$(localedir)\"

# What the three share: start-up, --help, --version, the exit statuses.
noinst_LIBRARIES += src/common/libcli.a
src_common_libcli_a_SOURCES = src/common/cli.c src/common/cli.h \
  src/common/exit-status.h
src_common_libcli_a_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_common_libcli_a_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)

# The programs link gnulib (GPL) and the library.
MMU_PROGRAM_LIBS = src/common/libcli.a lib/libmmap-util.la gl/lib/libgnu.a \
  $(LIB_CLOSE) $(LIBINTL)

src_mmcat_SOURCES = src/cat/mmcat.c \
  src/cat/cat-copy.c src/cat/cat-copy.h \
  src/cat/cat-format.c src/cat/cat-format.h
src_mmcat_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_mmcat_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)
src_mmcat_LDADD = $(MMU_PROGRAM_LIBS)
src_mmcat_LDFLAGS = $(MMU_PROGRAM_LINK_OPTS)

# mmgrep, by concern, each calling only those below it: the command
# line, its patterns (each kept once), the walk (-r), the thread pool,
# one file, one input's search (the lines it prints, the part another
# thread searches), output, the input layer, the matcher and its
# engines; what a thread owns (grep-worker.h).
src_mmgrep_SOURCES = \
  src/grep/mmgrep.c src/grep/grep.h \
  src/grep/pattern-list.c src/grep/pattern-list.h \
  src/grep/grep-recurse.c src/grep/grep-recurse.h \
  src/grep/grep-parallel.c src/grep/grep-parallel.h \
  src/grep/grep-file.c src/grep/grep-file.h \
  src/grep/grep-worker.c src/grep/grep-worker.h \
  src/grep/grep-search.c src/grep/grep-search.h \
  src/grep/grep-lines.c src/grep/grep-lines.h \
  src/grep/grep-json.c src/grep/grep-json.h \
  src/grep/grep-part.c src/grep/grep-part.h \
  src/grep/grep-split.c src/grep/grep-split.h \
  src/grep/grep-output.c src/grep/grep-output.h \
  src/grep/grep-input.c src/grep/grep-input.h \
  src/grep/matcher.c src/grep/matcher.h \
  src/grep/utf8-valid.h \
  src/grep/engine-regex.c src/grep/regex-set.c src/grep/regex-set.h \
  src/grep/pattern-text.c src/grep/pattern-text.h \
  src/grep/engine-fixed.c src/grep/engine-pcre.c \
  src/grep/fixed-ac.c src/grep/fixed-ac.h \
  src/grep/fixed-fold.c src/grep/fixed-fold.h \
  src/grep/litset.c src/grep/litset.h \
  src/grep/bytecount.c src/grep/bytecount.h
if MMU_HYPERSCAN
src_mmgrep_SOURCES += src/grep/engine-hs.c src/grep/engine-hs.h \
  src/grep/hs-translate.c src/grep/hs-translate.h
endif
EXTRA_DIST += src/grep/engine-hs.c src/grep/engine-hs.h \
  src/grep/hs-translate.c src/grep/hs-translate.h
src_mmgrep_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_mmgrep_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS) $(PCRE2_CFLAGS) \
  $(HS_CFLAGS)
src_mmgrep_LDADD = lib/libmemfind.la $(MMU_PROGRAM_LIBS) $(PCRE2_LIBS) $(HS_LIBS) $(LIB_MBRTOWC) \
  $(LIB_HARD_LOCALE) $(LIB_SETLOCALE_NULL) $(LIBINTL) $(LIBTHREAD) \
  $(LIBCSTACK)
src_mmgrep_LDFLAGS = $(MMU_PROGRAM_LINK_OPTS)

src_mmpatch_SOURCES = src/patch/mmpatch.c src/patch/patch.h \
  src/patch/patch-apply.c src/patch/patch-diff.c src/patch/patch-file.c \
  src/patch/patch-parse.c
src_mmpatch_CPPFLAGS = $(MMU_PROGRAM_INCLUDES)
src_mmpatch_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)
src_mmpatch_LDADD = $(MMU_PROGRAM_LIBS)
src_mmpatch_LDFLAGS = $(MMU_PROGRAM_LINK_OPTS)
