## testsuite/local.mk -- the DejaGnu test suite.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

# 'make check' runs DejaGnu's runtest over testsuite/, one folder per
# area (mmap-util.AREA), and ends with one line that CI reads:
#   testsuite: N passed, N failed, N skipped
# UNRESOLVED and ERROR count as failed, UNSUPPORTED and UNTESTED as
# skipped.  RUNTESTFLAGS passes options to runtest, for instance
#   make check RUNTESTFLAGS='mmap-util.lib/lib.exp=system'

# The C tests of the library: testsuite/mmap-util.lib/NAME.c builds to
# NAME, which testsuite/mmap-util.lib/lib.exp runs.  Each includes
# <dejagnu.h>, and uses the library as a program would: its header
# (AM_CPPFLAGS) and -lmmap-util (LDADD), nothing of gnulib.
mmu_lib_tests = \
  testsuite/mmap-util.lib/advise \
  testsuite/mmap-util.lib/bytes \
  testsuite/mmap-util.lib/concurrent \
  testsuite/mmap-util.lib/constants \
  testsuite/mmap-util.lib/construct \
  testsuite/mmap-util.lib/cursor \
  testsuite/mmap-util.lib/edges \
  testsuite/mmap-util.lib/edit \
  testsuite/mmap-util.lib/errors \
  testsuite/mmap-util.lib/fork \
  testsuite/mmap-util.lib/guard \
  testsuite/mmap-util.lib/model \
  testsuite/mmap-util.lib/move \
  testsuite/mmap-util.lib/name \
  testsuite/mmap-util.lib/options \
  testsuite/mmap-util.lib/residency \
  testsuite/mmap-util.lib/resize \
  testsuite/mmap-util.lib/search \
  testsuite/mmap-util.lib/shift \
  testsuite/mmap-util.lib/seeds \
  testsuite/mmap-util.lib/sync \
  testsuite/mmap-util.lib/system \
  testsuite/mmap-util.lib/threads \
  testsuite/mmap-util.lib/typed \
  testsuite/mmap-util.lib/version
check_PROGRAMS += $(mmu_lib_tests)
LDADD = lib/libmmap-util.la
EXTRA_DIST += testsuite/mmap-util.lib/test-util.h

# A differential run against CPython's mmap, by hand (see its head).
EXTRA_DIST += testsuite/cpython-diff.py

# -no-install: real executables, not libtool wrappers, so that the
# driver, valgrind and gdb run them directly.
AM_LDFLAGS = -no-install

EXTRA_DIST += \
  testsuite/config/unix.exp \
  testsuite/lib/mmap-util.exp \
  testsuite/mmap-util.abi/abi.exp \
  testsuite/mmap-util.abi/exported.txt \
  testsuite/mmap-util.doc/doc.exp \
  testsuite/mmap-util.doc/examples.exp \
  testsuite/mmap-util.doc/man.exp \
  testsuite/mmap-util.doc/nls.exp \
  testsuite/mmap-util.doc/options.exp \
  testsuite/mmap-util.doc/prefix.exp \
  testsuite/mmap-util.doc/version.exp \
  testsuite/mmap-util.fuzz/findings.exp \
  testsuite/mmap-util.fuzz/fuzz.exp \
  testsuite/mmap-util.lib/lib.exp \
  testsuite/mmap-util.units/units.exp \
  testsuite/mmap-util.mmcat/compare.exp \
  testsuite/mmap-util.mmcat/mmcat.exp \
  testsuite/mmap-util.mmcat/range.exp \
  testsuite/mmap-util.mmcat/truncate.exp \
  testsuite/mmap-util.mmgrep/casefold.exp \
  testsuite/mmap-util.mmgrep/coldread.exp \
  testsuite/mmap-util.mmgrep/conform.exp \
  testsuite/mmap-util.mmgrep/cow.exp \
  testsuite/mmap-util.mmgrep/decide.exp \
  testsuite/mmap-util.mmgrep/differential.exp \
  testsuite/mmap-util.mmgrep/hostile.exp \
  testsuite/mmap-util.mmgrep/inner.exp \
  testsuite/mmap-util.mmgrep/patterns.exp \
  testsuite/mmap-util.mmgrep/input.exp \
  testsuite/mmap-util.mmgrep/json.exp \
  testsuite/mmap-util.mmgrep/literals.exp \
  testsuite/mmap-util.mmgrep/litsets.exp \
  testsuite/mmap-util.mmgrep/mbpart.exp \
  testsuite/mmap-util.mmgrep/mmgrep.exp \
  testsuite/mmap-util.mmgrep/nulproof.exp \
  testsuite/mmap-util.mmgrep/nulslice.exp \
  testsuite/mmap-util.mmgrep/printspec.exp \
  testsuite/mmap-util.mmgrep/options.exp \
  testsuite/mmap-util.mmgrep/recursive.exp \
  testsuite/mmap-util.mmgrep/sparse.exp \
  testsuite/mmap-util.mmgrep/stdin.exp \
  testsuite/mmap-util.mmgrep/stop.exp \
  testsuite/mmap-util.mmgrep/truncate.exp \
  testsuite/mmap-util.mmgrep/utf8ascii.exp \
  testsuite/mmap-util.mmgrep/verdict.exp \
  testsuite/mmap-util.mmgrep/nulreads.exp \
  testsuite/mmap-util.mmgrep/trailbs.exp \
  testsuite/mmap-util.mmpatch/diff.exp \
  testsuite/mmap-util.mmpatch/edits.exp \
  testsuite/mmap-util.mmpatch/failures.exp \
  testsuite/mmap-util.mmpatch/mmpatch.exp \
  testsuite/mmap-util.mmpatch/options.exp \
  testsuite/mmap-util.mmpatch/script.exp


MMU_RUNTEST_SUM = testsuite/mmap-util.sum

testsuite/site.exp: Makefile
	$(AM_V_GEN)$(MKDIR_P) testsuite/tmp && {			\
	  echo '# Made by make from testsuite/local.mk: do not edit.';	\
	  echo 'set tool mmap-util';					\
	  echo 'set srcdir "$(abs_top_srcdir)/testsuite"';		\
	  echo 'set objdir "$(abs_top_builddir)/testsuite"';		\
	  echo 'if {[info exists env(MMU_TMPDIR)]} {';			\
	  echo '    set tmpdir $$env(MMU_TMPDIR)';				\
	  echo '} else {';						\
	  echo '    set tmpdir "$(abs_top_builddir)/testsuite/tmp"';	\
	  echo '}';							\
	  echo 'set top_srcdir "$(abs_top_srcdir)"';			\
	  echo 'set top_builddir "$(abs_top_builddir)"';		\
	  echo 'set MMU_VERSION "$(PACKAGE_VERSION)"';			\
	  echo 'set MMU_EXEEXT "$(EXEEXT)"';				\
	  echo 'set MMU_NM "$(NM_FOR_ABI)"';				\
	  echo 'set MMU_SHARED "$(enable_shared)"';			\
	  echo 'set MMU_STATIC "$(enable_static)"';			\
	  echo 'set MMU_CC "$(CC)"';					\
	  echo 'set MMU_CFLAGS "$(CFLAGS)"';				\
	  echo 'set MMU_LDFLAGS "$(LDFLAGS)"';				\
	  echo 'set MMU_VERSION_SCRIPT "$(have_ld_version_script)"';	\
	  echo 'set MMU_MMGREP_MAPPING "$(MMGREP_USE_MAPPING)"';	\
	  echo 'set MMU_PCRE2 "$(MMU_HAVE_PCRE2)"';			\
	  echo 'set MMU_HYPERSCAN "$(MMU_HAVE_HYPERSCAN)"';		\
	  echo 'set MMU_BUGREPORT "$(PACKAGE_BUGREPORT)"';		\
	  echo 'set MMU_PACKAGER "$(MMU_PACKAGER)"';			\
	  echo 'set MMU_PACKAGER_BUG_REPORTS "$(MMU_PACKAGER_BUG_REPORTS)"'; \
	  echo 'set MMU_XGETTEXT "$(XGETTEXT)"';			\
	  echo 'set MMU_XGETTEXT_EXTRA {$(XGETTEXT_EXTRA_OPTIONS)}';	\
	} > $@-t && mv $@-t $@

# With make -jN (N > 1) and no RUNTESTFLAGS, N runtests at a time,
# one .exp file each, the slowest first, each with its own output
# folder and tmpdir (testsuite/runs/AREA/FILE/); their .sum and .log
# files are then joined, in the order of the files, into
# testsuite/mmap-util.sum and .log, as one runtest writes them.  A
# runtest that exits 255 (a Tcl error) is made to exit 1, since xargs
# starts no other after a 255, and a file that left no .sum counts as
# an ERROR in the summary.
# MMU_CHECK_JOBS=N sets the number without -j.  MMU_CHECK_EXPS runs
# only the .exp files its patterns name (relative to testsuite/), and
# MMU_CHECK_SLOW=no leaves out those of mmu_exp_slow, both this way
# (with or without -j); .ci/run's builds for other systems run the
# library's and programs' tests so, e.g.
#   make -j2 check MMU_CHECK_EXPS='mmap-util.lib/*.exp' MMU_CHECK_SLOW=no
mmu_exp_slow = mmap-util.mmgrep/differential.exp \
  mmap-util.mmgrep/patterns.exp mmap-util.mmgrep/hostile.exp \
  mmap-util.mmgrep/literals.exp mmap-util.mmgrep/litsets.exp \
  mmap-util.mmgrep/recursive.exp \
  mmap-util.mmgrep/casefold.exp mmap-util.mmgrep/sparse.exp \
  mmap-util.mmgrep/conform.exp mmap-util.mmgrep/mbpart.exp \
  mmap-util.mmgrep/decide.exp mmap-util.mmgrep/inner.exp \
  mmap-util.mmgrep/utf8ascii.exp mmap-util.mmgrep/nulslice.exp \
  mmap-util.mmgrep/verdict.exp mmap-util.mmgrep/printspec.exp \
  mmap-util.mmgrep/coldread.exp mmap-util.mmgrep/nulproof.exp
MMU_CHECK_JOBS = $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))

check-local: testsuite/site.exp
	@if test '$(MMU_RUNTEST)' = ':'; then				\
	  echo 'make check needs DejaGnu: apt-get install dejagnu' >&2;	\
	  exit 1;							\
	fi;								\
	rm -f $(MMU_RUNTEST_SUM);					\
	jobs='$(MMU_CHECK_JOBS)';					\
	case $$jobs in '' | *[!0-9]*) jobs=1;; esac;			\
	if test -n '$(RUNTESTFLAGS)' || { test "$$jobs" -le 1		\
	     && test -z '$(MMU_CHECK_EXPS)$(filter no,$(MMU_CHECK_SLOW))'; }; then \
	  (cd testsuite && $(MMU_RUNTEST) --tool mmap-util		\
	     --srcdir '$(abs_top_srcdir)/testsuite' $(RUNTESTFLAGS));	\
	  status=$$?;							\
	else								\
	  rm -rf testsuite/runs;					\
	  all=`cd '$(abs_top_srcdir)/testsuite' &&			\
	       echo $(or $(MMU_CHECK_EXPS),mmap-util.*/*.exp)`;		\
	  order=;							\
	  for f in $(if $(filter no,$(MMU_CHECK_SLOW)),,$(mmu_exp_slow)); do \
	    case " $$all " in *" $$f "*) order="$$order $$f";; esac;	\
	  done;								\
	  for f in $$all; do						\
	    case " $(mmu_exp_slow) " in *" $$f "*) ;; *) order="$$order $$f";; esac; \
	  done;								\
	  echo "make check: $$jobs runtests at a time";			\
	  status=0;							\
	  printf '%s\n' $$order | xargs -P "$$jobs" -I '{}' $(SHELL) -c	\
	    'd=runs/$$1 && cd testsuite && mkdir -p "$$d/tmp" &&	\
	     MMU_TMPDIR="$$PWD/$$d/tmp"					\
	     $(MMU_RUNTEST) --tool mmap-util --srcdir "$$2"		\
	       --outdir "$$d" "$$1" > "$$d/runtest.out" 2>&1;		\
	     s=$$?;							\
	     grep -E "^(FAIL|XPASS|KPASS|UNRESOLVED|ERROR):" "$$d/runtest.out"; \
	     echo "$$1: `grep -c "^PASS:" "$$d/mmap-util.sum"` passed"; \
	     case $$s in 255) s=1;; esac;				\
	     exit $$s' sh '{}' '$(abs_top_srcdir)/testsuite' || status=1; \
	  for f in $$order; do						\
	    cat "testsuite/runs/$$f/mmap-util.sum" >> $(MMU_RUNTEST_SUM) \
	      || { echo "ERROR: $$f: no results"; status=1; } >> $(MMU_RUNTEST_SUM); \
	    cat "testsuite/runs/$$f/mmap-util.log";			\
	  done > testsuite/mmap-util.log;				\
	fi;								\
	$(AWK) -f $(top_srcdir)/testsuite/summary.awk			\
	  $(MMU_RUNTEST_SUM) || status=1;				\
	exit $$status

EXTRA_DIST += testsuite/summary.awk
CLEANFILES += testsuite/site.exp testsuite/mmap-util.sum testsuite/mmap-util.log
clean-local: clean-testsuite
.PHONY: clean-testsuite
clean-testsuite:
	-rm -rf testsuite/tmp testsuite/runs testsuite/site.exp-t testsuite/*.sum testsuite/*.log

# The byte search under find is tested on its own, linked with
# lib/memfind.c (with two-way.c and byte-rank.c) directly, in six
# builds: some of its errors show only on the paths the variants force.
mmu_memfind_sources = lib/memfind.c lib/two-way.c lib/byte-rank.c
mmu_memfind_tests = \
  testsuite/mmap-util.lib/memfind \
  testsuite/mmap-util.lib/memfind-nosimd \
  testsuite/mmap-util.lib/memfind-sse2 \
  testsuite/mmap-util.lib/memfind-budget0 \
  testsuite/mmap-util.lib/memfind-nosimd-budget0 \
  testsuite/mmap-util.lib/memfind-sse2-budget0
check_PROGRAMS += $(mmu_memfind_tests)

# mmgrep's own units, tested on their own (testsuite/mmap-util.units,
# run by units.exp): the count of one byte (src/grep/bytecount.c), with
# AVX2 (where the processor has it) and without, the search for a
# few strings (src/grep/litset.c), and the patterns each kept once
# (src/grep/pattern-list.c).
check_PROGRAMS += testsuite/mmap-util.units/bytecount \
  testsuite/mmap-util.units/bytecount-sse2
testsuite_mmap_util_units_bytecount_SOURCES = \
  testsuite/mmap-util.units/bytecount.c src/grep/bytecount.c
testsuite_mmap_util_units_bytecount_CPPFLAGS = $(AM_CPPFLAGS) \
  $(MMU_PROGRAM_INCLUDES) -I$(top_srcdir)/src/grep
testsuite_mmap_util_units_bytecount_LDADD =
testsuite_mmap_util_units_bytecount_sse2_SOURCES = \
  testsuite/mmap-util.units/bytecount-sse2.c src/grep/bytecount.c
testsuite_mmap_util_units_bytecount_sse2_CPPFLAGS = \
  $(testsuite_mmap_util_units_bytecount_CPPFLAGS) -DBYTECOUNT_NO_AVX2
testsuite_mmap_util_units_bytecount_sse2_LDADD =
check_PROGRAMS += testsuite/mmap-util.units/litset
testsuite_mmap_util_units_litset_SOURCES = \
  testsuite/mmap-util.units/litset.c src/grep/litset.c
testsuite_mmap_util_units_litset_CPPFLAGS = $(AM_CPPFLAGS) \
  $(MMU_PROGRAM_INCLUDES) -I$(top_srcdir)/src/grep
testsuite_mmap_util_units_litset_LDADD = lib/libmemfind.la gl/lib/libgnu.a $(LIBINTL)
check_PROGRAMS += testsuite/mmap-util.units/pattern-list
testsuite_mmap_util_units_pattern_list_SOURCES = \
  testsuite/mmap-util.units/pattern-list.c src/grep/pattern-list.c
testsuite_mmap_util_units_pattern_list_CPPFLAGS = $(AM_CPPFLAGS) \
  $(MMU_PROGRAM_INCLUDES) -I$(top_srcdir)/src/grep
testsuite_mmap_util_units_pattern_list_LDADD = gl/lib/libgnu.a $(LIBINTL)
mmu_memfind_budget0 = -DMMU_MEMFIND_BUDGET_PER_BYTE=0 -DMMU_MEMFIND_BUDGET_SLACK=0
testsuite_mmap_util_lib_memfind_SOURCES = testsuite/mmap-util.lib/memfind.c $(mmu_memfind_sources)
testsuite_mmap_util_lib_memfind_LDADD =
testsuite_mmap_util_lib_memfind_nosimd_SOURCES = testsuite/mmap-util.lib/memfind-nosimd.c $(mmu_memfind_sources)
testsuite_mmap_util_lib_memfind_nosimd_CPPFLAGS = $(AM_CPPFLAGS) -DMMU_MEMFIND_NO_SIMD
testsuite_mmap_util_lib_memfind_nosimd_LDADD =
testsuite_mmap_util_lib_memfind_budget0_SOURCES = testsuite/mmap-util.lib/memfind-budget0.c $(mmu_memfind_sources)
testsuite_mmap_util_lib_memfind_budget0_CPPFLAGS = $(AM_CPPFLAGS) $(mmu_memfind_budget0)
testsuite_mmap_util_lib_memfind_budget0_LDADD =
testsuite_mmap_util_lib_memfind_nosimd_budget0_SOURCES = testsuite/mmap-util.lib/memfind-nosimd-budget0.c $(mmu_memfind_sources)
testsuite_mmap_util_lib_memfind_nosimd_budget0_CPPFLAGS = $(AM_CPPFLAGS) -DMMU_MEMFIND_NO_SIMD $(mmu_memfind_budget0)
testsuite_mmap_util_lib_memfind_nosimd_budget0_LDADD =
testsuite_mmap_util_lib_memfind_sse2_SOURCES = testsuite/mmap-util.lib/memfind-sse2.c $(mmu_memfind_sources)
testsuite_mmap_util_lib_memfind_sse2_CPPFLAGS = $(AM_CPPFLAGS) -DMMU_MEMFIND_NO_AVX2
testsuite_mmap_util_lib_memfind_sse2_LDADD =
testsuite_mmap_util_lib_memfind_sse2_budget0_SOURCES = testsuite/mmap-util.lib/memfind-sse2-budget0.c $(mmu_memfind_sources)
testsuite_mmap_util_lib_memfind_sse2_budget0_CPPFLAGS = $(AM_CPPFLAGS) -DMMU_MEMFIND_NO_AVX2 $(mmu_memfind_budget0)
testsuite_mmap_util_lib_memfind_sse2_budget0_LDADD =
