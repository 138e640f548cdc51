# summary.awk -- the one-line summary of a DejaGnu .sum file, which CI reads.
#
# Copyright (C) 2026 The mmap-util authors.
# Copying and distribution of this file, with or without modification,
# are permitted in any medium without royalty provided the copyright
# notice and this notice are preserved.
#
# Prints "testsuite: N passed, N failed, N skipped" and exits 1 when a
# test failed, or when no test ran at all (a suite that ran nothing has
# not passed).
/^(PASS|XFAIL|KFAIL):/                    { passed++ }
/^(FAIL|XPASS|KPASS|UNRESOLVED|ERROR):/   { failed++ }
/^(UNSUPPORTED|UNTESTED):/                { skipped++ }
END {
  printf "testsuite: %d passed, %d failed, %d skipped\n", passed, failed, skipped
  exit (failed > 0 || passed == 0) ? 1 : 0
}
