## doc/local.mk -- the manual and the man pages.  Included by Makefile.am.
##
## Copyright (C) 2026 The mmap-util authors.
## Copying and distribution of this file, with or without modification,
## are permitted in any medium without royalty provided the copyright
## notice and this notice are preserved.

info_TEXINFOS = doc/mmap-util.texi
doc_mmap_util_TEXINFOS = \
  doc/concepts.texi \
  doc/fdl.texi \
  doc/prog-mmcat.texi \
  doc/prog-mmgrep.texi \
  doc/prog-mmpatch.texi \
  doc/python-table.texi \
  doc/ref-beyond.texi \
  doc/ref-bytes.texi \
  doc/ref-change.texi \
  doc/ref-construct.texi \
  doc/ref-cursor.texi \
  doc/ref-errors.texi \
  doc/ref-guard.texi \
  doc/ref-search.texi \
  doc/ref-sync.texi \
  doc/ref-system.texi \
  doc/ref-types.texi \
  doc/tutorial.texi \
  $(mmu_doc_examples:=.c) \
  $(mmu_doc_examples:=.expected)

# The tutorial's programs: built and run by 'make check'
# (testsuite/mmap-util.doc/examples.exp), shown in the manual.
mmu_doc_examples = \
  doc/examples/cut \
  doc/examples/hello \
  doc/examples/parrot \
  doc/examples/share
check_PROGRAMS += $(mmu_doc_examples)

# The man pages come from the programs' --help and --version, through
# help2man, with the extra sections of doc/PROG.x.  They are distributed,
# so building from a tarball does not need help2man.  They depend on the
# sources (not the programs, which a tarball build makes anew) and are
# ordered after the programs, so that 'make -j' runs help2man only once
# the program exists.
MMU_MANS = doc/mmcat.1 doc/mmgrep.1 doc/mmpatch.1
dist_man_MANS = $(MMU_MANS)
EXTRA_DIST += doc/mmcat.x doc/mmgrep.x doc/mmpatch.x
MAINTAINERCLEANFILES += $(MMU_MANS)

mmu_help2man = $(HELP2MAN) --no-info --no-discard-stderr
doc/mmcat.1: $(top_srcdir)/src/cat/mmcat.c $(top_srcdir)/src/common/cli.c $(top_srcdir)/doc/mmcat.x $(top_srcdir)/.version | src/mmcat$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) doc && $(mmu_help2man) --include=$(top_srcdir)/doc/mmcat.x --output=$@-t src/mmcat$(EXEEXT) && mv $@-t $@
doc/mmgrep.1: $(top_srcdir)/src/grep/mmgrep.c $(top_srcdir)/src/common/cli.c $(top_srcdir)/doc/mmgrep.x $(top_srcdir)/.version | src/mmgrep$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) doc && $(mmu_help2man) --include=$(top_srcdir)/doc/mmgrep.x --output=$@-t src/mmgrep$(EXEEXT) && mv $@-t $@
doc/mmpatch.1: $(top_srcdir)/src/patch/mmpatch.c $(top_srcdir)/src/common/cli.c $(top_srcdir)/doc/mmpatch.x $(top_srcdir)/.version | src/mmpatch$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) doc && $(mmu_help2man) --include=$(top_srcdir)/doc/mmpatch.x --output=$@-t src/mmpatch$(EXEEXT) && mv $@-t $@

# The man pages of the library's functions, section 3, one per function
# of the header, made from the manual's reference (doc/ref-*.texi, as
# makeinfo --plaintext writes it) by doc/man3.awk into doc/man3/.  As
# the man pages above, they are distributed, so that building from a
# tarball does not make them again; testsuite/mmap-util.doc/doc.exp
# fails when a function of the header has none.  Their names are the
# functions', so they are installed by the rules below, not by man_MANS.
mmu_man3dir = $(mandir)/man3
EXTRA_DIST += doc/man3.awk doc/man3 doc/man3.stamp
MAINTAINERCLEANFILES += doc/man3.stamp
all-local: doc/man3.stamp
doc/man3.stamp: $(top_srcdir)/doc/man3.awk $(top_srcdir)/doc/mmap-util.texi $(doc_mmap_util_TEXINFOS:%=$(top_srcdir)/%) $(top_srcdir)/.version
	$(AM_V_GEN)rm -rf doc/man3-t && $(MKDIR_P) doc/man3-t &&	\
	$(MAKEINFO) --plaintext -I $(top_srcdir)/doc -I doc		\
	  $(top_srcdir)/doc/mmap-util.texi -o - |			\
	$(AWK) -v dir=doc/man3-t -v version='$(VERSION)'		\
	  -f $(top_srcdir)/doc/man3.awk &&				\
	rm -rf doc/man3 && mv doc/man3-t doc/man3 && touch $@
# The pages are where the stamp is: in the build tree, or in the
# source tree of a tarball.
install-data-local: doc/man3.stamp
	@$(NORMAL_INSTALL)
	d=doc; test -f doc/man3.stamp || d=$(srcdir)/doc;		\
	$(MKDIR_P) '$(DESTDIR)$(mmu_man3dir)' &&			\
	$(INSTALL_DATA) $$d/man3/*.3 '$(DESTDIR)$(mmu_man3dir)'
uninstall-local:
	@$(NORMAL_UNINSTALL)
	d=doc; test -f doc/man3.stamp || d=$(srcdir)/doc;		\
	for f in $$d/man3/*.3; do					\
	  rm -f '$(DESTDIR)$(mmu_man3dir)'/$${f##*/};			\
	done
clean-local: clean-man3
.PHONY: clean-man3
clean-man3:
	-rm -rf doc/man3-t
