#!/usr/bin/env bash
# Builds regineq with -fsanitize=address,undefined and runs the test suite
# with the sanitizer runtimes preloaded (R itself is not instrumented).
# Run by hand: bash tools/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(mktemp -d)
mv=$(mktemp)
cat >"$mv" <<'MK'
CFLAGS = -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS = -fsanitize=address,undefined
MK
# build from a copy so no instrumented objects are left in src/
src=$(mktemp -d)
cp -r DESCRIPTION NAMESPACE R src data inst "$src"/
rm -f "$src"/src/*.o "$src"/src/*.so
# the instrumented library loads only with the runtimes preloaded, so the
# install-time load test is skipped
R_MAKEVARS_USER="$mv" R CMD INSTALL --no-test-load --library="$lib" "$src" >/dev/null
asan=$(gcc -print-file-name=libasan.so)
ubsan=$(gcc -print-file-name=libubsan.so)
log=$(mktemp)
status=0
LD_PRELOAD="$asan $ubsan" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 R_LIBS="$lib" \
  Rscript -e 'testthat::test_dir("tests/testthat", package = "regineq", load_package = "installed", reporter = "summary", stop_on_failure = TRUE)' \
  >"$log" 2>&1 || status=$?
grep -E "ERROR: AddressSanitizer|runtime error|DONE|Failed" "$log" | head -n 20 || true
echo "sanitizer log: $log"
exit $status
