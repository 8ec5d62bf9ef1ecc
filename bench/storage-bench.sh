#!/usr/bin/env bash
# Storage benchmark: appends/s and reads/s through Sluice's LogStore beside raw Chronicle Queue.
# Usage: bench/storage-bench.sh [records-per-round (2000000)] [measured rounds (5)] [parent dir for data (tmp)]
# Any script here also takes --jfr [file.jfr]: runs under Java Flight Recorder, then prints the hot methods.
# Builds the modules it needs in the reactor first (no install); SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build storage-bench
bench_java storage-bench -Xms1g -Xmx1g -- io.sluice.bench.StorageBench "${bench_args[@]}"
