#!/usr/bin/env bash
# ThreadSanitizer on the threaded kernels: builds regineq with
# -fsanitize=thread and runs every permutation statistic, the composite
# index and the bootstrap on 2 and 4 threads (tools/tsan-workload.R, which
# also checks them against 1 thread) with the
# TSan runtime preloaded (R itself is not instrumented). A race between two
# accesses inside parallel regions fails the run (see below for the reports
# that an uninstrumented libgomp causes). A few minutes: bash tools/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(mktemp -d)
mv=$(mktemp)
cat >"$mv" <<'MK'
CFLAGS = -g -O1 -fsanitize=thread -fno-omit-frame-pointer
LDFLAGS = -fsanitize=thread
MK
src=$(mktemp -d)
cp -r DESCRIPTION NAMESPACE R src data inst "$src"/
rm -f "$src"/src/*.o "$src"/src/*.so
blog=$(mktemp)
R_MAKEVARS_USER="$mv" R CMD INSTALL --no-test-load --library="$lib" "$src" \
  >"$blog" 2>&1 || { cat "$blog"; exit 1; }
tsan=$(gcc -print-file-name=libtsan.so)
log=$(mktemp)
status=0
supp="$(pwd)/tools/tsan.supp"
rhome=$(R RHOME)
# R CMD sets R's environment; the runtime is preloaded into the R binary
# alone (not the shell scripts around it); setarch -R: TSan's shadow memory
# needs the address layout without randomisation on recent kernels
R_LIBS="$lib" \
  TSAN_OPTIONS="suppressions=$supp history_size=7 halt_on_error=0 report_signal_unsafe=0 exitcode=0" \
  R CMD setarch "$(uname -m)" -R env LD_PRELOAD="$tsan" \
  "$rhome/bin/exec/R" --vanilla --slave -f tools/tsan-workload.R \
  >"$log" 2>&1 || status=$?
grep -E "runs differing" "$log" || true
# libgomp is not instrumented, so TSan does not see the fork and join
# barriers of a parallel region: an access before or after a region (R
# freeing memory, the next period's setup) "races" with a worker's access
# inside it. With fork-join parallelism alone (no nowait, no tasks) a real
# race has both accesses inside a parallel region, on two threads: both
# stacks then pass through an outlined region (*._omp_fn.*). Those fail
# the run; the others are counted.
read -r reports ours < <(awk '
  /^WARNING: ThreadSanitizer/ { n++; sec = 1; a = 0; b = 0; next }
  sec == 1 && /^ *Previous / { sec = 2; next }
  sec >= 1 && /^ *(Location is|Thread T|Mutex|SUMMARY)/ { if (a && b) ours++; sec = 0; next }
  sec == 1 && /_omp_fn/ { a = 1 }
  sec == 2 && /_omp_fn/ { b = 1 }
  END { print n + 0, ours + 0 }' "$log")
echo "ThreadSanitizer reports: $reports; races inside parallel regions on both sides: $ours"
echo "tsan log: $log"
if [[ $ours != 0 || $status != 0 ]]; then
  awk '/^WARNING: ThreadSanitizer/ { p = 1 } p && n++ < 80' "$log"
  exit 1
fi
