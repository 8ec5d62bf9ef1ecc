#!/usr/bin/env bash
# Sluice against its Flink peer on Nexmark, parallelism 1 both, over the same JSON-lines file, one query
# at a time, alternating which engine goes first; writes bench/RESULTS.md (a table of medians: events/s
# of each, the ratio Sluice/Flink, and the CPU seconds of each process) with the machine, its load, the
# date and the commands.
# Usage: bench/compare-flink.sh [--events 10m] [--file PATH (instead of generating)] [--runs 1]
#          [--queries "q0 q1 q2 q3 q4 q5 q7 q8"] [--peer DIR (an already built copy, e.g. /tmp/peer)]
#          [--data-dir DIR (where a generated file goes; default bench/target/data)] [--flink-heap 4g]
#          [--sluice-heap 2g] [--out bench/RESULTS.md]
#          [--sluice-args "--source-threads 1" (extra bench/nexmark.sh options for every Sluice run)]
# The peer (/work/shared/peers/nexmark) is read-only: it is copied to bench/target/peer and built there
# (mvn -q -B package -DskipTests) unless --peer names a built copy. The events file is made with the
# peer's generator (seed 42, with its FILE.meta) when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

events="10m"
file=""
runs=1
queries="q0 q1 q2 q3 q4 q5 q7 q8"
peer=""
data_dir="$root/bench/target/data"
flink_heap="4g"
sluice_heap="2g"
out="$root/bench/RESULTS.md"
sluice_args=""
peer_src="${SLUICE_PEER_SRC:-/work/shared/peers/nexmark}"
# the command line as typed, an argument with a space in double quotes (e.g. --sluice-args "--source-threads 1")
orig_args=""
for a in "$@"; do
  case "$a" in
    *" "*) orig_args="$orig_args \"$a\"" ;;
    *) orig_args="$orig_args $a" ;;
  esac
done
orig_args="${orig_args# }"
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events="$2"; shift ;;
    --file) file="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --queries) queries="$2"; shift ;;
    --peer) peer="$2"; shift ;;
    --data-dir) data_dir="$2"; shift ;;
    --flink-heap) flink_heap="$2"; shift ;;
    --sluice-heap) sluice_heap="$2"; shift ;;
    --out) out="$2"; shift ;;
    --sluice-args) sluice_args="$2"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "compare-flink: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# 1. the peer, built in a copy of its own
if [ -z "$peer" ]; then
  peer="$root/bench/target/peer"
  if [ ! -f "$peer/flink-harness/target/flink-harness.jar" ] || [ ! -f "$peer/nexmark-gen/target/nexmark-gen.jar" ]; then
    echo "compare-flink: copying $peer_src to $peer and building it (mvn -q -B package -DskipTests)"
    mkdir -p "$peer"
    (cd "$peer_src" && tar --exclude=./results/logs --exclude='*/target' -cf - .) | (cd "$peer" && tar -xf -)
    (cd "$peer" && mvn -q -B package -DskipTests)
  fi
fi
if [ ! -x "$peer/run-flink.sh" ] || [ ! -f "$peer/flink-harness/target/flink-harness.jar" ]; then
  echo "compare-flink: $peer is not a built peer (no run-flink.sh or flink-harness.jar)" >&2
  exit 1
fi

# 2. the events file
if [ -z "$file" ]; then
  mkdir -p "$data_dir"
  file="$data_dir/nexmark-$events.jsonl"
  if [ ! -f "$file" ] || [ ! -f "$file.meta" ]; then
    echo "compare-flink: generating $file with the peer's generator"
    java -jar "$peer/nexmark-gen/target/nexmark-gen.jar" --events "$events" --out "$file" --seed 42 --threads 1
  fi
fi
if [ ! -f "$file.meta" ]; then
  echo "compare-flink: $file has no $file.meta (events=N): both harnesses read the event count from it" >&2
  exit 1
fi
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"

# 3. Sluice, built once
bench_build nexmark
logs="$root/bench/target/compare/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$logs"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

field() { # field NAME LINE -> value of NAME=... in a RESULT line
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"
}
run_sluice() { # run_sluice QUERY RUN -> prints the RESULT line (or nothing)
  local log="$logs/sluice-$1-run$2.log"
  # $sluice_args unquoted on purpose: it is a list of options
  # shellcheck disable=SC2086
  SLUICE_BENCH_NO_BUILD=1 SLUICE_BENCH_HEAP="$sluice_heap" "$root/bench/nexmark.sh" "$1" --input "file:$file" \
    $sluice_args > "$log" 2>&1 || true
  grep '^RESULT ' "$log" | tail -1 || true
}
run_flink() {
  local log="$logs/flink-$1-run$2.log"
  FLINK_HEAP="$flink_heap" "$peer/run-flink.sh" "$1" "$file" --parallelism 1 > "$log" 2>&1 || true
  grep '^RESULT ' "$log" | tail -1 || true
}

declare -A s_eps s_cpu f_eps f_cpu
source_threads="?" # as the Sluice runs report it (source_threads= in their RESULT line)
turn=0
for ((r = 1; r <= runs; r++)); do
  for q in $queries; do
    if [ $((turn % 2)) -eq 0 ]; then order="sluice flink"; else order="flink sluice"; fi
    turn=$((turn + 1))
    for engine in $order; do
      if [ "$engine" = sluice ]; then
        line="$(run_sluice "$q" "$r")"
        echo "sluice $q run $r: ${line:-FAILED (see $logs/sluice-$q-run$r.log)}"
        if [ -n "$line" ]; then
          s_eps[$q]+="$(field events_per_s "$line") "
          s_cpu[$q]+="$(field cpu_s "$line") "
          source_threads="$(field source_threads "$line")"
        fi
      else
        line="$(run_flink "$q" "$r")"
        echo "flink  $q run $r: ${line:-FAILED (see $logs/flink-$q-run$r.log)}"
        if [ -n "$line" ]; then
          f_eps[$q]+="$(field events_per_s "$line") "
          f_cpu[$q]+="$(field cpu_s "$line") "
        fi
      fi
    done
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

median() { # median of the numbers in $1 (space-separated); "-" when none
  tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}
events_n="$(sed -n 's/^events=//p' "$file.meta")"
{
  echo "# Sluice vs Flink on Nexmark (parallelism 1)"
  echo
  echo "Written by \`bench/compare-flink.sh\`; medians over $runs run(s) per engine and query, engines alternating"
  echo "which goes first. events/s = all events of the file ($events_n) / wall seconds (Sluice: first CREATE STREAM"
  echo "to the pipeline FINISHED; Flink: executeSql to await, see the peer's README). cpu_s is the whole process's"
  echo "CPU time over the same interval (every thread, JIT and GC included), the steadier figure on a shared machine."
  echo
  echo "- date: $started"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
  echo "- load average (1/5/15 min): before $load_before, after $load_after"
  echo "- Sluice: $(cd "$root" && git rev-parse --short HEAD) ($(cd "$root" && git rev-parse --abbrev-ref HEAD)), workers=1, source threads ${source_threads}, heap $sluice_heap${sluice_args:+, options \`$sluice_args\`}"
  echo "- Flink: the peer in $peer, --parallelism 1, FLINK_HEAP=$flink_heap"
  echo "- file: $file ($events_n events)"
  echo "- command: \`bench/compare-flink.sh $orig_args\`"
  echo "- per run: \`bench/nexmark.sh QUERY --input file:$file${sluice_args:+ $sluice_args}\` and \`FLINK_HEAP=$flink_heap $peer/run-flink.sh QUERY $file --parallelism 1\`"
  echo "- logs: $logs"
  echo "- both engines plan the query once before the timed part (plan_warmup_s in each RESULT line, excluded: Sluice"
  echo "  plans and starts it over empty streams and drops it, Flink runs explainSql). Sluice's wall then runs from the"
  echo "  first CREATE STREAM (planning again, warm, included; JVM start not); Flink's from executeSql (planning, mini-cluster"
  echo "  start and job deployment included). On a 1M-event file these fixed seconds weigh; the 10M file is the benchmark."
  echo
  echo "| query | Sluice ev/s | Flink ev/s | ratio Sluice/Flink | Sluice cpu_s | Flink cpu_s | Sluice ev per cpu_s | Flink ev per cpu_s |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for q in $queries; do
    se="$(median "${s_eps[$q]:-}")"; fe="$(median "${f_eps[$q]:-}")"
    sc="$(median "${s_cpu[$q]:-}")"; fc="$(median "${f_cpu[$q]:-}")"
    awk -v q="$q" -v se="$se" -v fe="$fe" -v sc="$sc" -v fc="$fc" -v n="$events_n" 'BEGIN {
      ratio = (se == "-" || fe == "-" || fe == 0) ? "-" : sprintf("%.2f", se / fe)
      sp = (sc == "-" || sc == 0) ? "-" : sprintf("%.0f", n / sc)
      fp = (fc == "-" || fc == 0) ? "-" : sprintf("%.0f", n / fc)
      printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", q, (se == "-" ? se : sprintf("%.0f", se)), \
        (fe == "-" ? fe : sprintf("%.0f", fe)), ratio, sc, fc, sp, fp }'
  done
} > "$out"
echo "compare-flink: wrote $out"
cat "$out"
