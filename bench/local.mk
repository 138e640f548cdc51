## bench/local.mk -- the benchmarks.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

# Built on demand ('make bench/find-bench', which bench/run-find does),
# never by 'make' or 'make check': benchmarks are not tests.
EXTRA_PROGRAMS = bench/find-bench
bench_find_bench_SOURCES = bench/find-bench.c
bench_find_bench_LDADD = lib/libmmap-util.la
CLEANFILES += bench/find-bench$(EXEEXT)

EXTRA_DIST += bench/README bench/run-cat bench/run-find bench/run-grep \
  bench/run-patch bench/run-hostile
