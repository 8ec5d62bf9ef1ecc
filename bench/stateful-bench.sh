#!/usr/bin/env bash
# Stateful benchmark: state size, checkpoint size and duration of Nexmark q5 (HOP count per auction) over N
# generated events, and recovery time after kill -9 half way.
# Usage: bench/stateful-bench.sh [events (1000000)] [checkpoint interval ms (1000)]
# Any script here also takes --jfr [file.jfr]: runs under Java Flight Recorder, then prints the hot methods.
# Builds the modules it needs in the reactor first (no install); SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build stateful-bench
bench_java stateful-bench -Xms1g -Xmx1g -- io.sluice.bench.StatefulBench "${bench_args[@]}"
