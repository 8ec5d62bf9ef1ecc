#!/usr/bin/env bash
# File ingest benchmark: events/s from a JSON-lines file (Nexmark union shape) into a Sluice stream through
# the file connector, beside a plain Jackson streaming loop over the same file, in the same JVM.
# Usage: bench/file-ingest-bench.sh [events (1000000)] [measured rounds (5)] [existing .jsonl file, e.g. the peer's]
# Builds the modules it needs in the reactor (no install), then runs io.sluice.bench.FileIngestBench with the
# JVM options listed once in the root pom (sluice.jvm.options).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

cp_file="$root/bench/target/file-ingest-bench.classpath"
mkdir -p "$root/bench/target"
mvn -q -B -pl bench -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$cp_file"

jvm_options="$(sed -n 's:.*<sluice.jvm.options>\(.*\)</sluice.jvm.options>.*:\1:p' pom.xml | head -1)"
if [ -z "$jvm_options" ]; then
  echo "file-ingest-bench: cannot find sluice.jvm.options in pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086  # the options are a space-separated list by design
exec java $jvm_options -Xms1g -Xmx1g -cp "$root/bench/target/classes:$(cat "$cp_file")" io.sluice.bench.FileIngestBench "$@"
