#!/usr/bin/env bash
# Stateful benchmark: state size, checkpoint size and duration of Nexmark q5 (HOP count per auction) over N
# generated events, and recovery time after kill -9 half way.
# Usage: bench/stateful-bench.sh [events (1000000)] [checkpoint interval ms (1000)]
# Builds the modules it needs in the reactor (no install), then runs io.sluice.bench.StatefulBench with the
# JVM options listed once in the root pom (sluice.jvm.options).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

cp_file="$root/bench/target/stateful-bench.classpath"
mkdir -p "$root/bench/target"
mvn -q -B -pl bench -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$cp_file"

jvm_options="$(sed -n 's:.*<sluice.jvm.options>\(.*\)</sluice.jvm.options>.*:\1:p' pom.xml | head -1)"
if [ -z "$jvm_options" ]; then
  echo "stateful-bench: cannot find sluice.jvm.options in pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086  # the options are a space-separated list by design
exec java $jvm_options "-Dsluice.jvm.options=$jvm_options" -Xms1g -Xmx1g -cp "$root/bench/target/classes:$(cat "$cp_file")" io.sluice.bench.StatefulBench "$@"
