# cfg.mk -- configuration of gnulib's maint.mk ('make syntax-check').
#
# Copyright (C) 2026 The mmap-util authors.
# Copying and distribution of this file, with or without modification,
# are permitted in any medium without royalty provided the copyright
# notice and this notice are preserved.

# Checks that do not fit this package.
local-checks-to-skip = \
  sc_indent \
  sc_error_message_uppercase \
  sc_prohibit_gnu_make_extensions \
  sc_program_name \
  sc_immutable_NEWS \
  sc_prohibit_strcmp \
  sc_two_space_separator_in_usage \
  sc_useless_cpp_parens

# Tests and the library do not use gnulib.
exclude_file_name_regexp--sc_require_config_h_first = ^(bench|testsuite|doc/examples)/
exclude_file_name_regexp--sc_prohibit_always_true_header_tests = ^testsuite/
# The tests, the benchmarks and the manual's examples are written as a
# user of the library writes, not as the package's sources are.
exclude_file_name_regexp--sc_prohibit_atoi_atof = ^(bench|testsuite)/
exclude_file_name_regexp--sc_prohibit_magic_number_exit = ^(bench|testsuite)/
exclude_file_name_regexp--sc_prohibit_path_max_allocation = ^(bench|testsuite)/
exclude_file_name_regexp--sc_require_config_h = ^(bench|testsuite|doc/examples)/

# sc_po_check: gnulib's sources are not in git but their messages are
# in the catalog (po/POTFILES.in); only its .c files have any.
generated_files = $(srcdir)/gl/lib/*.c

# The programs bind their text domain in cli_init (src/common/cli.c).
# The manual's snippets show the library, not translation.
exclude_file_name_regexp--sc_unmarked_diagnostics = ^doc/

exclude_file_name_regexp--sc_bindtextdomain = ^((bench|testsuite|doc/examples)/|src/(cat|grep|patch)/mm(cat|grep|patch)\.c$$)
exclude_file_name_regexp--sc_trailing_blank = ^(COPYING|COPYING\.LESSER|doc/fdl\.texi)$$
exclude_file_name_regexp--sc_space_tab = ^doc/fdl\.texi$$

# Release announcements (maint.mk's announcement and upload targets):
# mmap-util is not a GNU package and has no server of its own to
# publish releases on; set these before using those targets.
gnu_rel_host =
url_dir_list =
old_NEWS_hash = d41d8cd98f00b204e9800998ecf8427e
