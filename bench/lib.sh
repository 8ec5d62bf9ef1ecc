# Shared by the bench/*.sh scripts (sourced, not run). Defines:
#   bench_parse_common "$@"  strips --jfr [file.jfr] from the arguments into bench_args (array) and jfr_file
#   bench_build NAME         builds the modules bench needs in the reactor (no install) and writes bench's
#                            class path to bench/target/NAME.classpath (set SLUICE_BENCH_NO_BUILD=1 to reuse it)
#   bench_java NAME MAIN ... runs java with the root pom's JVM options (sluice.jvm.options), the class path,
#                            JFR when asked, and afterwards prints the recording's hot methods
# Needs: root (the repository root), set by the script.

bench_parse_common() {
  bench_args=()
  jfr_file=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --jfr)
        if [ $# -gt 1 ] && [[ "$2" == *.jfr ]]; then
          jfr_file="$2"
          shift
        else
          jfr_file="$root/bench/target/jfr/$(date +%Y%m%d-%H%M%S)-$$.jfr"
        fi
        ;;
      *) bench_args+=("$1") ;;
    esac
    shift
  done
}

bench_build() {
  local name="$1"
  cp_file="$root/bench/target/$name.classpath"
  mkdir -p "$root/bench/target"
  if [ -n "${SLUICE_BENCH_NO_BUILD:-}" ] && [ -s "$cp_file" ]; then
    return 0
  fi
  # test-compile, not compile: bench depends on test-jars (the kafka connector's broker launcher, sql/core's
  # Nexmark oracles), which the reactor resolves to their target/test-classes only from test-compile on.
  # -am builds what bench depends on to target/classes; build-classpath runs per module, bench last, so
  # the file ends up holding bench's class path (reactor modules as their target/classes).
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file")
}

bench_jvm_options() {
  jvm_options="$(sed -n 's:.*<sluice.jvm.options>\(.*\)</sluice.jvm.options>.*:\1:p' "$root/pom.xml" | head -1)"
  if [ -z "$jvm_options" ]; then
    echo "bench: cannot find sluice.jvm.options in pom.xml" >&2
    exit 1
  fi
}

# bench_java NAME [java options...] -- MAIN [args...]
bench_java() {
  local name="$1"
  shift
  local java_opts=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    java_opts+=("$1")
    shift
  done
  shift
  bench_jvm_options
  local jfr_opts=()
  if [ -n "$jfr_file" ]; then
    mkdir -p "$(dirname "$jfr_file")"
    # profile settings: execution samples every 10-20 ms per thread, allocation and lock events
    jfr_opts=("-XX:StartFlightRecording=filename=$jfr_file,settings=profile,dumponexit=true")
  fi
  local rc=0
  # shellcheck disable=SC2086  # the options are a space-separated list by design
  java $jvm_options "-Dsluice.jvm.options=$jvm_options" "${jfr_opts[@]}" "${java_opts[@]}" \
    -cp "$root/bench/target/classes:$(cat "$root/bench/target/$name.classpath")" "$@" || rc=$?
  if [ -n "$jfr_file" ] && [ -f "$jfr_file" ]; then
    echo "JFR recording: $jfr_file (hot methods below; again with: bench/jfr-top.sh $jfr_file --top 40)"
    java -cp "$root/bench/target/classes" io.sluice.bench.jfr.HotMethods "$jfr_file" --top 25 || true
  fi
  return $rc
}
