#!/usr/bin/env bash
# Remote JDBC benchmark: SELECT 1 round trip and push-query rows/s over loopback HTTP beside embedded JDBC.
# Usage: bench/remote-jdbc-bench.sh [round trips (2000)] [push rows (200000)] [parent dir for data (tmp)]
# Builds the modules it needs in the reactor (no install), then runs io.sluice.bench.RemoteJdbcBench with
# the JVM options listed once in the root pom (sluice.jvm.options).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

cp_file="$root/bench/target/remote-jdbc-bench.classpath"
mkdir -p "$root/bench/target"
# -am builds storage (and the rest bench depends on) to target/classes; build-classpath runs per module,
# bench last, so the file ends up holding bench's class path (reactor modules as their target/classes).
mvn -q -B -pl bench -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$cp_file"

jvm_options="$(sed -n 's:.*<sluice.jvm.options>\(.*\)</sluice.jvm.options>.*:\1:p' pom.xml | head -1)"
if [ -z "$jvm_options" ]; then
  echo "remote-jdbc-bench: cannot find sluice.jvm.options in pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086  # the options are a space-separated list by design
exec java $jvm_options -Xms1g -Xmx1g -cp "$root/bench/target/classes:$(cat "$cp_file")" io.sluice.bench.RemoteJdbcBench "$@"
