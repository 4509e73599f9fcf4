#!/usr/bin/env bash
# The test suite under valgrind: no memory error anywhere (invalid reads or
# writes, uninitialised values) and no definite leak whose stack passes
# through regineq's C code. R and the spatial libraries the tests load (sf,
# GDAL) leave leak records of their own; those are not regineq's and do not
# fail the run. About 22 minutes on 2 cores: bash tools/memcheck.sh
# Needs valgrind (Debian package valgrind) and the test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(mktemp -d)
src=$(mktemp -d)
cp -r DESCRIPTION NAMESPACE R src data inst "$src"/
rm -f "$src"/src/*.o "$src"/src/*.so
R CMD INSTALL --library="$lib" "$src" >/dev/null
# Two workers, one per core, each an R under valgrind taking test files from
# a shared queue (tools/memcheck-worker.R). Origins of uninitialised values
# are not tracked: that doubles the run time; MEMCHECK_ORIGINS=1 turns it on
# to find where a reported value came from.
workers=${MEMCHECK_WORKERS:-2}
vgopts="--error-exitcode=1 --errors-for-leak-kinds=none --leak-check=full"
[[ ${MEMCHECK_ORIGINS:-0} == 1 ]] && vgopts="$vgopts --track-origins=yes"
claims=$(mktemp -d)
log=$(mktemp)
status=0
pids=()
for i in $(seq "$workers"); do
  MEMCHECK_CLAIMS="$claims" R_LIBS="$lib" R -d "valgrind $vgopts" --vanilla --no-echo \
    -f tools/memcheck-worker.R >"$log.$i" 2>&1 &
  pids+=($!)
done
for i in $(seq "$workers"); do
  wait "${pids[$((i - 1))]}" || { echo "worker $i: R under valgrind exited with status $?"; status=1; }
done
for i in $(seq "$workers"); do cat "$log.$i"; done >"$log"
# the last four lines of each worker's valgrind summary
for i in $(seq "$workers"); do
  grep -E "ERROR SUMMARY|definitely lost:|indirectly lost:|possibly lost:" "$log.$i" | tail -n 4
done
# testthat's own account: every failed or erroring test with its message,
# so that a failed run says which test and why
ran=$(ls "$claims" | wc -l)
expected=$(ls tests/testthat/test-*.R | grep -cE "${MEMCHECK_FILTER:-.}")
echo "test files run: $ran of $expected"
[[ $ran == "$expected" ]] || status=1
grep -E "^(== memcheck: failures|══ Failed|── [0-9]+\. (Failure|Error))" "$log" || true
grep -A12 -E "^── [0-9]+\. (Failure|Error)" "$log" | head -n 80 || true
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
