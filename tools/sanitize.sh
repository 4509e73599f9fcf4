#!/usr/bin/env bash
# Builds regineq with -fsanitize=address,undefined (and -Wall -Wextra
# -pedantic: any compiler warning in src/ fails the run) and runs the test
# suite with the sanitizer runtimes preloaded (R itself is not instrumented).
# Run by hand: bash tools/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(mktemp -d)
mv=$(mktemp)
cat >"$mv" <<'MK'
CFLAGS = -g -O1 -Wall -Wextra -pedantic -Wno-cast-function-type -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS = -fsanitize=address,undefined
MK
# build from a copy so no instrumented objects are left in src/
src=$(mktemp -d)
cp -r DESCRIPTION NAMESPACE R src data inst "$src"/
rm -f "$src"/src/*.o "$src"/src/*.so
# the instrumented library loads only with the runtimes preloaded, so the
# install-time load test is skipped
blog=$(mktemp)
R_MAKEVARS_USER="$mv" R CMD INSTALL --no-test-load --library="$lib" "$src" \
  >"$blog" 2>&1 || { cat "$blog"; exit 1; }
# warnings for files under src/: gcc runs there and names them relatively
# (R's own headers come with absolute paths); -Wno-cast-function-type only
# silences R's registration casts in init.c
warnings=$(grep -E "^((src/)?[^/[:space:]:]+|$src/src/[^[:space:]:]+)\.[ch]:[0-9]+(:[0-9]+)?: warning:" "$blog" || true)
if [[ -n $warnings ]]; then
  echo "compiler warnings in src/ (-Wall -Wextra -pedantic):"
  echo "$warnings"
  echo "build log: $blog"
fi
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
if [[ -n $warnings ]]; then
  echo "FAILED: compiler warnings in src/ (above)"
  status=1
fi
exit $status
