#!/usr/bin/env bash
# The test suite under valgrind: no memory error anywhere (invalid reads or
# writes, uninitialised values) and no definite leak whose stack passes
# through regineq's C code. R and the spatial libraries the tests load (sf,
# GDAL) leave leak records of their own; those are not regineq's and do not
# fail the run. About 20 minutes: bash tools/memcheck.sh
# Needs valgrind (Debian package valgrind) and the test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(mktemp -d)
src=$(mktemp -d)
cp -r DESCRIPTION NAMESPACE R src data inst "$src"/
rm -f "$src"/src/*.o "$src"/src/*.so
R CMD INSTALL --library="$lib" "$src" >/dev/null
log=$(mktemp)
status=0
R_LIBS="$lib" R -d "valgrind --error-exitcode=1 --errors-for-leak-kinds=none --leak-check=full --track-origins=yes" \
  --vanilla -e 'testthat::test_dir("tests/testthat", package = "regineq", load_package = "installed", reporter = "summary", stop_on_failure = TRUE)' \
  >"$log" 2>&1 || status=$?
grep -E "ERROR SUMMARY|definitely lost:|indirectly lost:|possibly lost:" "$log" | tail -n 4
# testthat's own account: the summary line, and every failed or erroring
# test with its message, so that a failed run says which test and why
grep -E "^(══ DONE|══ Failed|── [0-9]+\. (Failure|Error))" "$log" || true
grep -A12 -E "^── [0-9]+\. (Failure|Error)" "$log" | head -n 80 || true
if [[ $status != 0 ]]; then echo "R under valgrind exited with status $status"; fi
# regineq's C sources, every file in src/ (not a hand-kept list)
srcs=$(cd src && ls *.c | sed 's/\.c$//' | paste -sd'|')
# definite leaks whose stack passes through regineq's sources: each loss
# record read alone, up to the blank line that ends it (a possibly-lost
# record that follows, such as OpenMP's thread stacks, is not counted)
if awk -v re="($srcs)\\.c:" '
    /definitely lost in loss record/ { inrec = 1; next }
    inrec && /^==[0-9]+== *$/ { inrec = 0; next }
    inrec && $0 ~ re { found = 1 }
    END { exit !found }' "$log"; then
  echo "definite leak through regineq's C code"
  status=1
fi
echo "stack frames in regineq's C code anywhere in the log:" \
  "$(grep -cE "($srcs)\.c:" "$log" || true)"
echo "valgrind log: $log"
exit $status
