#!/usr/bin/env bash
# Nexmark latency: events at a fixed rate (a paced source, bench only) into q2 or q7 of bench/nexmark in an
# embedded Sluice (one worker unless --workers); a consumer (callback subscription, or --consumer poll: a
# push query read on its own thread) on the result stream. Prints one line:
#   LATENCY query=q2 rate=100000 ... samples=... p50_us=... p99_us=... p999_us=... max_us=...
# q2: from each event's due time to its result row reaching the consumer. q7: from the due time of the event
# that closes a window (its watermark passes the window's end) to the window's first result row; event time
# runs --time-scale (default 100) times faster than the wall clock. See io.sluice.bench.latency.LatencyMain.
# Usage: bench/nexmark-latency.sh [q2|q7] [--rate 100000] [--seconds 20] [--warmup-s 5] [--time-scale N]
#        [--match-every 10] [--workers 1] [--consumer subscribe|poll] [--jfr [file.jfr]]
# Heap: SLUICE_BENCH_HEAP (default 2g). SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build nexmark
heap="${SLUICE_BENCH_HEAP:-2g}"
bench_java nexmark "-Xms$heap" "-Xmx$heap" "-Dsluice.bench.nexmark.dir=$root/bench/nexmark" -- \
  io.sluice.bench.latency.LatencyMain "${bench_args[@]}"
