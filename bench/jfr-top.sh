#!/usr/bin/env bash
# Hot methods of a Java Flight Recorder recording (one made with --jfr on any bench script): samples per
# thread, then the top methods by self samples (on top of the stack) and by inclusive samples (anywhere on it).
# Usage: bench/jfr-top.sh file.jfr [--top 30] [--thread substring-of-thread-name, e.g. sluice-worker]
# Needs bench compiled (any bench script does it; or: mvn -q -B -pl bench -am -DskipTests test-compile).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$root/bench/target/classes/io/sluice/bench/jfr/HotMethods.class" ]; then
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests test-compile)
fi
exec java -cp "$root/bench/target/classes" io.sluice.bench.jfr.HotMethods "$@"
