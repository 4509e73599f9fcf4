#!/usr/bin/env bash
# The test suite under valgrind: 0 errors and no definite leaks in
# regineq's code. Run by hand (about 30-60 minutes): bash tools/memcheck.sh
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
R_LIBS="$lib" R -d "valgrind --error-exitcode=1 --leak-check=full --track-origins=yes" \
  --vanilla -e 'testthat::test_dir("tests/testthat", package = "regineq", load_package = "installed", reporter = "summary", stop_on_failure = TRUE)' \
  >"$log" 2>&1 || status=$?
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|DONE|Failed" "$log" | tail -n 8
# definite leaks whose stack passes through regineq
if grep -A12 "definitely lost in" "$log" | grep -q "regineq.so"; then
  echo "definite leak in regineq.so"
  status=1
fi
echo "valgrind log: $log"
exit $status
