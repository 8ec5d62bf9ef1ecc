#!/usr/bin/env bash
# Nexmark throughput: runs one query of bench/nexmark/ to completion in an embedded Sluice (one engine
# worker unless --workers) and prints one line:
#   RESULT query=q5 events=1000000 workers=1 source_threads=0 wall_s=... events_per_s=... cpu_s=... peak_heap_mb=... state_bytes_max=...
# Usage: bench/nexmark.sh <query> --input file:/path/events.jsonl [--events N]   (N from FILE.meta by default)
#        bench/nexmark.sh <query> --input generator --events 10m                  (the built-in nexmark connector)
#        options: [--workers 1] [--source-threads 0 (threads that only read, parse and append the sources,
#                 beside the workers; 0: sources run on the workers)] [--data-dir DIR (kept afterwards)] [--poll-ms 50] [--timeout-s 3600]
#                 [--min-free-gb 10] (stops the run when the disk of the data directory gets that full)
#                 [--jfr [file.jfr]] (run under Java Flight Recorder, then print the hot methods)
# Heap: SLUICE_BENCH_HEAP (default 2g). Builds the modules it needs in the reactor first (no install);
# SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build nexmark
heap="${SLUICE_BENCH_HEAP:-2g}"
bench_java nexmark "-Xms$heap" "-Xmx$heap" "-Dsluice.bench.nexmark.dir=$root/bench/nexmark" -- \
  io.sluice.bench.nexmark.NexmarkMain "${bench_args[@]}"
