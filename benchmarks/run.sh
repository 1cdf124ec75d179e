#!/usr/bin/env bash
# Runs every benchmark and writes benchmarks/results/<date>.json, <date>.svg and <date>.png (hit
# ratio vs cache size, one line per policy) and <date>.md (the summary).
#
#   benchmarks/run.sh [quick|full]
#
# quick (the default) takes about 11 minutes on 2 cores; full over 30. The jar is rebuilt with
# the wrapper when any source of core, store-neo4j, cli or benchmarks is newer than it (the serve
# step runs cli/target/user-resolver.jar, built alongside); SKIP_BUILD=1 uses the jars as they
# are. Ratios are measured within one run: compare runs by their ratios.
set -euo pipefail

mode="${1:-quick}"
case "$mode" in
  quick|full) ;;
  *) echo "usage: benchmarks/run.sh [quick|full]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar=benchmarks/target/benchmarks.jar

stale() {
  [[ ! -f "$jar" || ! -f cli/target/user-resolver.jar ]] && return 0
  [[ -n "$(find pom.xml core/pom.xml core/src/main store-neo4j/pom.xml store-neo4j/src/main \
      http/src/main provider-okta/src/main cli/pom.xml cli/src/main \
      reliability/pom.xml reliability/src/main \
      benchmarks/pom.xml benchmarks/src -newer "$jar" -type f -print -quit)" ]]
}

if [[ "${SKIP_BUILD:-0}" != 1 ]] && stale; then
  echo "== building $jar"
  ./mvnw -B -q -pl cli,benchmarks -am package -DskipTests
fi

exec java -Xms2g -Xmx2g -Djava.awt.headless=true -Dslf4j.provider=org.slf4j.nop.NOPServiceProvider \
  -cp "$jar" org.userresolver.benchmarks.Report "$mode" benchmarks/results
