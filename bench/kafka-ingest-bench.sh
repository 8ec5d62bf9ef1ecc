#!/usr/bin/env bash
# Kafka ingest benchmark: rows/s that Sluice's kafka source ingests into a stream beside a plain
# kafka-clients consumer loop over the same topic, against a local KRaft broker that it starts itself
# (from the Maven Central jars, in a child JVM, on 127.0.0.1, as the connector's tests do).
# Usage: bench/kafka-ingest-bench.sh [records (1000000)] [measured rounds (5)] [topic partitions (3)]
# Builds the modules it needs in the reactor (no install), then runs io.sluice.bench.KafkaIngestBench
# with the JVM options listed once in the root pom (sluice.jvm.options).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

cp_file="$root/bench/target/kafka-bench.classpath"
mkdir -p "$root/bench/target"
# test-compile: bench uses the kafka connector's test classes (the broker launcher); the reactor
# resolves that test-jar to connectors/kafka/target/test-classes.
mvn -q -B -pl bench -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file"

jvm_options="$(sed -n 's:.*<sluice.jvm.options>\(.*\)</sluice.jvm.options>.*:\1:p' pom.xml | head -1)"
if [ -z "$jvm_options" ]; then
  echo "kafka-ingest-bench: cannot find sluice.jvm.options in pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086  # the options are a space-separated list by design
exec java $jvm_options -Xms1g -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/bench/target/classes:$(cat "$cp_file")" io.sluice.bench.KafkaIngestBench "$@"
