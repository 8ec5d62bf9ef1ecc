#!/usr/bin/env bash
# Kafka ingest benchmark: rows/s that Sluice's kafka source ingests into a stream beside a plain
# kafka-clients consumer loop over the same topic, against a local KRaft broker that it starts itself
# (from the Maven Central jars, in a child JVM, on 127.0.0.1, as the connector's tests do).
# Usage: bench/kafka-ingest-bench.sh [records (1000000)] [measured rounds (5)] [topic partitions (3)]
# Any script here also takes --jfr [file.jfr]: runs under Java Flight Recorder, then prints the hot methods.
# Builds the modules it needs in the reactor first (no install); SLUICE_BENCH_NO_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_parse_common "$@"
bench_build kafka-bench
bench_java kafka-bench -Xms1g -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -- io.sluice.bench.KafkaIngestBench "${bench_args[@]}"
