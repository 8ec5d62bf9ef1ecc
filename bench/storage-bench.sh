#!/usr/bin/env bash
# Storage benchmark: appends/s and reads/s through Sluice's LogStore beside raw Chronicle Queue.
# Usage: bench/storage-bench.sh [records-per-round (2000000)] [measured rounds (5)] [parent dir for data (tmp)]
# Builds the modules it needs in the reactor (no install), then runs io.sluice.bench.StorageBench with
# the JVM options listed once in the root pom (sluice.jvm.options).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

cp_file="$root/bench/target/storage-bench.classpath"
mkdir -p "$root/bench/target"
# -am builds storage (and the rest bench depends on) to target/classes; build-classpath runs per module,
# bench last, so the file ends up holding bench's class path (reactor modules as their target/classes).
mvn -q -B -pl bench -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$cp_file"

jvm_options="$(sed -n 's:.*<sluice.jvm.options>\(.*\)</sluice.jvm.options>.*:\1:p' pom.xml | head -1)"
if [ -z "$jvm_options" ]; then
  echo "storage-bench: cannot find sluice.jvm.options in pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086  # the options are a space-separated list by design
exec java $jvm_options -Xms1g -Xmx1g -cp "$root/bench/target/classes:$(cat "$cp_file")" io.sluice.bench.StorageBench "$@"
