# mmu-probes.m4 -- the system features libmmap-util adapts to.  -*- Autoconf -*-
dnl Copyright (C) 2026 The mmap-util authors.
dnl This file is free software; the authors give unlimited permission
dnl to copy and/or distribute it, with or without modifications, as
dnl long as this notice is preserved.
#
# Every feature the library uses beyond POSIX mmap is decided here, by
# probing, never by the name of the system.  The results reach the code
# three ways:
#   HAVE_<FUNC>        (AC_CHECK_FUNCS: 1, or undefined)
#   HAVE_DECL_<NAME>   (AC_CHECK_DECLS: always defined, 0 or 1)
#   MMU_PROBED_FUNCTIONS, MMU_PROBED_CONSTANTS, MMU_PROBED_FEATURES:
#     lists of what was found, MMU_FUNCTION (name) ... MMU_CONSTANT (NAME)
#     ..., from which lib/probe.c builds the tables of mmu_constants and
#     mmu_have.

# The functions, each in the header named beside it.
m4_define([MMU_FUNCTIONS],
  [mremap madvise posix_madvise msync mincore mlock posix_fallocate
   fallocate memfd_create vmsplice copy_file_range prctl])

# The constants of mmu_constants: PROT_*, the MAP_* and MADV_* that
# Python's mmap module documents plus MAP_HUGETLB, MAP_FIXED_NOREPLACE,
# MAP_SYNC and MAP_LOCKED, and msync's MS_* (Python 3.15's names).
m4_define([MMU_MMAN_CONSTANTS],
  [PROT_READ PROT_WRITE PROT_EXEC
   MAP_SHARED MAP_PRIVATE MAP_32BIT MAP_ALIGNED_SUPER MAP_ANON MAP_ANONYMOUS
   MAP_CONCEAL MAP_DENYWRITE MAP_EXECUTABLE MAP_HASSEMAPHORE MAP_JIT
   MAP_NOCACHE MAP_NOEXTEND MAP_NORESERVE MAP_POPULATE
   MAP_RESILIENT_CODESIGN MAP_RESILIENT_MEDIA MAP_STACK MAP_TPRO
   MAP_TRANSLATED_ALLOW_EXECUTE MAP_UNIX03
   MAP_HUGETLB MAP_FIXED_NOREPLACE MAP_SYNC MAP_LOCKED
   MADV_NORMAL MADV_RANDOM MADV_SEQUENTIAL MADV_WILLNEED MADV_DONTNEED
   MADV_REMOVE MADV_DONTFORK MADV_DOFORK MADV_HWPOISON MADV_MERGEABLE
   MADV_UNMERGEABLE MADV_SOFT_OFFLINE MADV_HUGEPAGE MADV_NOHUGEPAGE
   MADV_DONTDUMP MADV_DODUMP MADV_FREE MADV_NOSYNC MADV_AUTOSYNC
   MADV_NOCORE MADV_CORE MADV_PROTECT MADV_FREE_REUSABLE MADV_FREE_REUSE
   MS_SYNC MS_ASYNC MS_INVALIDATE])

# Declarations the library uses that are not in mmu_constants.
m4_define([MMU_MMAN_FEATURES], [MREMAP_MAYMOVE])
m4_define([MMU_PRCTL_FEATURES], [PR_SET_VMA_ANON_NAME])
# fallocate's modes that shift a file's blocks (mmu_insert, mmu_delete).
m4_define([MMU_FALLOC_FEATURES],
  [FALLOC_FL_INSERT_RANGE FALLOC_FL_COLLAPSE_RANGE])
m4_define([MMU_FALLOC_INCLUDES], [[
#include <fcntl.h>
#ifdef HAVE_LINUX_FALLOC_H
# include <linux/falloc.h>
#endif
]])

m4_define([MMU_MMAN_INCLUDES], [[
#include <sys/types.h>
#include <sys/mman.h>
]])

# MMU_PROBE_FUNCTIONS
# -------------------
AC_DEFUN([MMU_PROBE_FUNCTIONS],
[
  AC_REQUIRE([AC_USE_SYSTEM_EXTENSIONS])
  mmu_functions_found=
  mmu_functions_missing=
  m4_foreach_w([mmu_fn], MMU_FUNCTIONS,
    [AC_CHECK_FUNCS(mmu_fn,
       [mmu_functions_found="$mmu_functions_found mmu_fn"],
       [mmu_functions_missing="$mmu_functions_missing mmu_fn"])
  ])
  mmu_list=
  for mmu_name in $mmu_functions_found; do
    mmu_list="$mmu_list MMU_FUNCTION ($mmu_name)"
  done
  AC_DEFINE_UNQUOTED([MMU_PROBED_FUNCTIONS], [$mmu_list],
    [The functions that configure found, as MMU_FUNCTION (name) ...])
])

# _MMU_PROBE_DECLS(NAMES, INCLUDES, FOUND-VAR, MISSING-VAR)
# ---------------------------------------------------------
m4_define([_MMU_PROBE_DECLS],
[
  m4_foreach_w([mmu_decl], [$1],
    [AC_CHECK_DECLS(mmu_decl,
       [$3="$$3 mmu_decl"], [$4="$$4 mmu_decl"], [$2])
  ])
])

# MMU_PROBE_CONSTANTS
# -------------------
AC_DEFUN([MMU_PROBE_CONSTANTS],
[
  AC_REQUIRE([AC_USE_SYSTEM_EXTENSIONS])
  mmu_constants_found=
  mmu_constants_missing=
  _MMU_PROBE_DECLS(MMU_MMAN_CONSTANTS, MMU_MMAN_INCLUDES,
                   [mmu_constants_found], [mmu_constants_missing])
  mmu_features_found=
  mmu_features_missing=
  _MMU_PROBE_DECLS(MMU_MMAN_FEATURES, MMU_MMAN_INCLUDES,
                   [mmu_features_found], [mmu_features_missing])
  _MMU_PROBE_DECLS(MMU_PRCTL_FEATURES, [[#include <sys/prctl.h>]],
                   [mmu_features_found], [mmu_features_missing])
  AC_CHECK_HEADERS([linux/falloc.h])
  _MMU_PROBE_DECLS(MMU_FALLOC_FEATURES, MMU_FALLOC_INCLUDES,
                   [mmu_features_found], [mmu_features_missing])
  mmu_list=
  for mmu_name in $mmu_constants_found; do
    mmu_list="$mmu_list MMU_CONSTANT ($mmu_name)"
  done
  AC_DEFINE_UNQUOTED([MMU_PROBED_CONSTANTS], [$mmu_list],
    [The constants that configure found, as MMU_CONSTANT (NAME) ...])
  mmu_list=
  for mmu_name in $mmu_features_found; do
    mmu_list="$mmu_list MMU_FEATURE ($mmu_name)"
  done
  AC_DEFINE_UNQUOTED([MMU_PROBED_FEATURES], [$mmu_list],
    [Other declarations that configure found, as MMU_FEATURE (NAME) ...])
])

# MMU_PROBE_SUMMARY
# -----------------
# Say what the probes found, after AC_OUTPUT.
AC_DEFUN([MMU_PROBE_SUMMARY],
[
  mmu_count () { echo $[#]; }
  cat <<MMU_EOF

$PACKAGE_NAME $PACKAGE_VERSION: what configure found
  functions:          `echo ${mmu_functions_found:- none}`
  functions missing:  `echo ${mmu_functions_missing:- none}`
  constants:          `mmu_count $mmu_constants_found` of `mmu_count $mmu_constants_found $mmu_constants_missing` (MAP_*, PROT_*, MADV_*, MS_*)
  constants missing: `echo ${mmu_constants_missing:- none} | fold -s -w 56 | sed '2,$s/^/                     /'`
  other declarations: `echo ${mmu_features_found:- none}`
  other missing:      `echo ${mmu_features_missing:- none}`
  shared library:     $enable_shared, static library: $enable_static
  symbol versioning:  ${have_ld_version_script:-no}
  mmgrep PCRE2 (-P):  ${mmu_pcre2:-no}
  mmgrep Hyperscan:   ${mmu_hyperscan:-no}

MMU_EOF
])
