#!/usr/bin/env bash
# File ingest benchmark: events/s from a JSON-lines file (Nexmark union shape) into a Sluice stream through
# the file connector, beside a plain Jackson streaming loop over the same file, in the same JVM.
# Usage: bench/file-ingest-bench.sh [events (1000000)] [measured rounds (5)] [existing .jsonl file, e.g. the peer's]
# Any script here also takes --jfr [file.jfr]: runs under Java Flight Recorder, then prints the hot methods.
# Builds the modules it needs in the reactor first (no install); SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build file-ingest-bench
bench_java file-ingest-bench -Xms1g -Xmx1g -- io.sluice.bench.FileIngestBench "${bench_args[@]}"
