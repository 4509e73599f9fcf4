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
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|DONE|Failed" "$log" | tail -n 8
# definite leaks whose stack passes through regineq's sources
if grep -A40 "definitely lost in" "$log" |
    grep -qE "(composite|dagum|inequality|knn|moran|panel|rng|init)\.c:"; then
  echo "definite leak through regineq's C code"
  status=1
fi
echo "stack frames in regineq's C code anywhere in the log:" \
  "$(grep -cE "(composite|dagum|inequality|knn|moran|panel|rng|init)\.c:" "$log" || true)"
echo "valgrind log: $log"
exit $status
