## fuzz/local.mk -- the fuzz targets.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

## Each target fuzz/fuzz-NAME.c defines LLVMFuzzerTestOneInput.  Built
## with the configured compiler and fuzz/fuzz-main.c, it is a program
## that replays files and directories (make check replays the committed
## corpora, fuzz/corpus/NAME, with testsuite/mmap-util.fuzz/fuzz.exp);
## 'make fuzz' builds each again with clang's libFuzzer, ASan and UBSan
## in fuzz/build/ and runs it for FUZZ_SECONDS.  README-hacking says
## more.

fuzz_targets = lib patch engines args
if MMU_HYPERSCAN
fuzz_targets += hs
endif

check_PROGRAMS += fuzz/fuzz-lib fuzz/fuzz-patch fuzz/fuzz-engines \
  fuzz/fuzz-hs fuzz/fuzz-args

fuzz_fuzz_lib_SOURCES = fuzz/fuzz-lib.c fuzz/fuzz-main.c fuzz/fuzz.h
fuzz_fuzz_lib_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)

fuzz_fuzz_patch_SOURCES = fuzz/fuzz-patch.c fuzz/fuzz-main.c fuzz/fuzz.h \
  src/patch/patch-parse.c src/patch/patch-apply.c
fuzz_fuzz_patch_CPPFLAGS = $(MMU_PROGRAM_INCLUDES) -I$(top_srcdir)/src/patch
fuzz_fuzz_patch_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)
fuzz_fuzz_patch_LDADD = $(MMU_PROGRAM_LIBS)

# The engines as mmgrep builds them, but with their exits and error
# calls turned into jumps back to the target, and Hyperscan switchable.
fuzz_engine_sources = src/grep/matcher.c src/grep/engine-regex.c \
  src/grep/regex-set.c src/grep/pattern-text.c \
  src/grep/engine-fixed.c src/grep/fixed-ac.c src/grep/fixed-fold.c \
  src/grep/engine-pcre.c src/grep/litset.c src/grep/pattern-list.c
if MMU_HYPERSCAN
fuzz_engine_sources += src/grep/engine-hs.c src/grep/hs-translate.c
endif
FUZZ_ENGINE_HOOKS = -Derror=fuzz_error -Dexit=fuzz_exit \
  -Dhs_valid_platform=fuzz_hs_valid_platform
fuzz_fuzz_engines_SOURCES = fuzz/fuzz-engines.c fuzz/fuzz-main.c \
  fuzz/fuzz.h fuzz/fuzz-ref.c fuzz/fuzz-ref.h $(fuzz_engine_sources)
fuzz_fuzz_engines_CPPFLAGS = $(MMU_PROGRAM_INCLUDES) \
  -I$(top_srcdir)/src/grep $(FUZZ_ENGINE_HOOKS)
fuzz_fuzz_engines_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS) $(PCRE2_CFLAGS) \
  $(HS_CFLAGS)
fuzz_fuzz_engines_LDADD = lib/libmemfind.la $(MMU_PROGRAM_LIBS) \
  $(PCRE2_LIBS) $(HS_LIBS) $(LIB_MBRTOWC) $(LIB_HARD_LOCALE) \
  $(LIB_SETLOCALE_NULL) $(LIBINTL) $(LIBTHREAD)

# The translation for Hyperscan alone (without Hyperscan, a program
# that says so and exits 77).
fuzz_fuzz_hs_SOURCES = fuzz/fuzz-hs.c fuzz/fuzz-main.c fuzz/fuzz.h \
  fuzz/fuzz-ref.c fuzz/fuzz-ref.h
if MMU_HYPERSCAN
fuzz_fuzz_hs_SOURCES += src/grep/hs-translate.c
endif
fuzz_fuzz_hs_CPPFLAGS = $(MMU_PROGRAM_INCLUDES) -I$(top_srcdir)/src/grep
fuzz_fuzz_hs_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS) $(HS_CFLAGS)
fuzz_fuzz_hs_LDADD = $(MMU_PROGRAM_LIBS) $(HS_LIBS) $(LIB_MBRTOWC) \
  $(LIB_HARD_LOCALE) $(LIB_SETLOCALE_NULL) $(LIBINTL)

fuzz_fuzz_args_SOURCES = fuzz/fuzz-args.c fuzz/fuzz-main.c fuzz/fuzz.h
fuzz_fuzz_args_CPPFLAGS = $(AM_CPPFLAGS) \
  -DFUZZ_MMGREP=\"$(abs_top_builddir)/src/mmgrep\"
fuzz_fuzz_args_CFLAGS = $(WARN_CFLAGS) $(WERROR_CFLAGS)
fuzz_fuzz_args_LDADD =

EXTRA_DIST += $(srcdir)/fuzz/corpus $(srcdir)/fuzz/dict $(srcdir)/fuzz/known \
  fuzz/lsan.supp


# make fuzz: the same sources, built by clang with libFuzzer and the
# sanitizers (whatever compiler configure chose), each run for
# FUZZ_SECONDS; new inputs go to fuzz/build/NAME-corpus, findings to
# fuzz/build/NAME-crash-* (NAME-leak-* for memory an execution lost:
# leak detection is on, with fuzz/lsan.supp's suppressions).
# FUZZ_FLAGS passes options to libFuzzer.
# What a target says at exit (the inputs it skipped, and with
# FUZZ_STATS=1 in the environment, how often it asked GNU grep) is
# printed after its executions.
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS =
FUZZ_TARGETS = $(fuzz_targets)
fuzz_cc = $(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) -I$(top_builddir) -I$(top_builddir)/lib \
  -I$(top_srcdir)/lib
fuzz_lib_sources = $(addprefix $(srcdir)/,$(filter %.c, \
  $(lib_libmmap_util_la_SOURCES) $(lib_libmemfind_la_SOURCES)))
fuzz_lib_cc = $(fuzz_cc) -DBUILDING_LIBMMAP_UTIL $(fuzz_lib_sources)
fuzz_prog_cc = $(fuzz_cc) $(MMU_PROGRAM_INCLUDES)
fuzz_prog_libs = src/common/libcli.a gl/lib/libgnu.a $(LIB_CLOSE) \
  $(LIBINTL)

fuzz/build/fuzz-lib: fuzz/fuzz-lib.c lib/libmmap-util.la
	$(AM_V_at)$(MKDIR_P) fuzz/build
	$(AM_V_CC)$(fuzz_lib_cc) $(srcdir)/fuzz/fuzz-lib.c -o $@
fuzz/build/fuzz-patch: fuzz/fuzz-patch.c src/mmpatch
	$(AM_V_at)$(MKDIR_P) fuzz/build
	$(AM_V_CC)$(fuzz_prog_cc) -I$(top_srcdir)/src/patch \
	  $(srcdir)/fuzz/fuzz-patch.c $(srcdir)/src/patch/patch-parse.c \
	  $(srcdir)/src/patch/patch-apply.c $(fuzz_lib_sources) \
	  $(fuzz_prog_libs) -o $@
fuzz/build/fuzz-engines: fuzz/fuzz-engines.c fuzz/fuzz-ref.c src/mmgrep
	$(AM_V_at)$(MKDIR_P) fuzz/build
	$(AM_V_CC)$(fuzz_prog_cc) -I$(top_srcdir)/src/grep \
	  $(FUZZ_ENGINE_HOOKS) $(PCRE2_CFLAGS) $(HS_CFLAGS) \
	  $(srcdir)/fuzz/fuzz-engines.c $(srcdir)/fuzz/fuzz-ref.c \
	  $(addprefix $(srcdir)/,$(filter %.c,$(fuzz_engine_sources))) \
	  $(addprefix $(srcdir)/,$(filter %.c,$(lib_libmemfind_la_SOURCES))) \
	  $(fuzz_prog_libs) $(PCRE2_LIBS) $(HS_LIBS) \
	  $(LIB_MBRTOWC) $(LIB_HARD_LOCALE) $(LIB_SETLOCALE_NULL) \
	  $(LIBTHREAD) -o $@
fuzz/build/fuzz-hs: fuzz/fuzz-hs.c fuzz/fuzz-ref.c src/mmgrep
	$(AM_V_at)$(MKDIR_P) fuzz/build
	$(AM_V_CC)$(fuzz_prog_cc) -I$(top_srcdir)/src/grep $(HS_CFLAGS) \
	  $(srcdir)/fuzz/fuzz-hs.c $(srcdir)/fuzz/fuzz-ref.c \
	  $(srcdir)/src/grep/hs-translate.c \
	  $(fuzz_prog_libs) $(HS_LIBS) \
	  $(LIB_MBRTOWC) $(LIB_HARD_LOCALE) $(LIB_SETLOCALE_NULL) -o $@
fuzz/build/fuzz-args: fuzz/fuzz-args.c src/mmgrep
	$(AM_V_at)$(MKDIR_P) fuzz/build
	$(AM_V_CC)$(fuzz_cc) \
	  -DFUZZ_MMGREP=\"$(abs_top_builddir)/src/mmgrep\" \
	  $(srcdir)/fuzz/fuzz-args.c -o $@

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_TARGETS:%=fuzz/build/fuzz-%)
fuzz: fuzz-build
	@status=0; failed=; \
	for t in $(FUZZ_TARGETS); do \
	  rm -rf fuzz/build/$$t-corpus; $(MKDIR_P) fuzz/build/$$t-corpus; \
	  dict=; test -f $(srcdir)/fuzz/dict/$$t.dict \
	    && dict=-dict=$(abs_srcdir)/fuzz/dict/$$t.dict; \
	  case ' $(FUZZ_FLAGS) ' in \
	    *' -runs='*) echo "fuzz: $$t, $(FUZZ_FLAGS) (at most $(FUZZ_SECONDS) seconds)" ;; \
	    *) echo "fuzz: $$t for $(FUZZ_SECONDS) seconds" ;; \
	  esac; \
	  rm -f fuzz/build/$$t-messages; \
	  (cd fuzz/build && FUZZ_MESSAGES=$$t-messages \
	    LSAN_OPTIONS=suppressions=$(abs_srcdir)/fuzz/lsan.supp \
	    ./fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	      -print_final_stats=1 -close_fd_mask=3 -artifact_prefix=$$t- \
	      $$dict $(FUZZ_FLAGS) \
	      $$t-corpus $(abs_srcdir)/fuzz/corpus/$$t) \
	    > fuzz/build/$$t.log 2>&1 || { status=1; failed=1; }; \
	  grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^SUMMARY|^==[0-9]+== ERROR|fuzz: ' \
	    fuzz/build/$$t.log; \
	  if test -n "$$failed"; then \
	    cat fuzz/build/$$t-messages 2>/dev/null; \
	    grep -E -A2 '^MS:|^artifact_prefix|^Base64' fuzz/build/$$t.log; \
	    failed=; \
	  else \
	    cat fuzz/build/$$t-messages 2>/dev/null; \
	  fi; \
	done; \
	exit $$status

clean-local: clean-fuzz
.PHONY: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/build
