#!/usr/bin/env bash
# Remote JDBC benchmark: SELECT 1 round trip and push-query rows/s over loopback HTTP beside embedded JDBC.
# Usage: bench/remote-jdbc-bench.sh [round trips (2000)] [push rows (200000)] [parent dir for data (tmp)]
# Any script here also takes --jfr [file.jfr]: runs under Java Flight Recorder, then prints the hot methods.
# Builds the modules it needs in the reactor first (no install); SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build remote-jdbc-bench
bench_java remote-jdbc-bench -Xms1g -Xmx1g -- io.sluice.bench.RemoteJdbcBench "${bench_args[@]}"
