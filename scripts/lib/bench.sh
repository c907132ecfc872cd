# Shared by the scripts/bench-* scripts: installs PostgreSQL when missing, builds the benchmarks in Release, starts a
# PostgreSQL under ${HEALTHLINKS_BENCH_DIR:-/tmp/healthlinks-bench}/postgres, and runs one benchmark with the options given.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. "$root/scripts/lib/postgres.sh"
export HEALTHLINKS_BENCH_DIR="${HEALTHLINKS_BENCH_DIR:-/tmp/healthlinks-bench}"

run_benchmark() {
  local name="$1"
  shift
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  dotnet build bench/HealthLinks.Bench -c Release -nologo -v q -clp:ErrorsOnly
  start_postgres "$HEALTHLINKS_BENCH_DIR/postgres"
  export HEALTHLINKS_BENCH_POSTGRES="$PG_CONNECTION"
  trap stop_postgres EXIT
  dotnet bench/HealthLinks.Bench/bin/Release/net10.0/HealthLinks.Bench.dll "$name" "$@"
}
