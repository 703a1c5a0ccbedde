#!/usr/bin/env bash
# CPU per accepted webhook of the ingress and of PostgreSQL, ingress alone, for the build of one checkout:
#
#   bash bench/scripts/cpu-per-webhook.sh <checkout> <fresh database name> [runs]
#
# Starts that checkout's platform (bin/opscenter up) on a fresh database and Redis prefix of that name, stops the worker
# and realtime, pauses the sweeper, creates the github-perf source, warms up with two 15 s runs of the harness in
# ../shared/perf/bench (50 connections, the 7 KB GitHub push), then for each run reads the CPU time of the ingress
# process (and its system part and voluntary context switches) and of every postgres process from /proc before and
# after a 20 s run and divides by the rows stored. Every 202 is checked against PostgreSQL (--pg). Run two checkouts
# alternately to compare builds (docs/benchmarks.md); nothing else should run on the machine meanwhile.
set -euo pipefail
TREE=$(cd "${1:?usage: cpu-per-webhook.sh <checkout> <database> [runs]}" && pwd)
DB=${2:?usage: cpu-per-webhook.sh <checkout> <database> [runs]}
RUNS=${3:-2}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HARNESS=$(cd "$HERE/../../../shared/perf/bench" && pwd)
SECRET="It's a Secret to Everybody"
URL=http://127.0.0.1:8080/api/webhooks/github-perf

WORK=$(mktemp -d)
cp -r "$HARNESS" "$WORK/bench"
(cd "$WORK/bench" && npm ci --silent --no-audit --no-fund >/dev/null)
cleanup() { (cd "$TREE" && bin/opscenter down >/dev/null 2>&1) || true; rm -rf "$WORK"; }
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null
cd "$TREE"
export OPSCENTER_DATABASE=$DB OPSCENTER_REDIS_PREFIX=$DB: OPSCENTER_SWEEPER_INTERVAL=1h
bin/opscenter up >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; exit 1; }
kill -TERM "$(cat .run/worker.pid)" "$(cat .run/realtime.pid)"
sleep 3
curl -fsS -o /dev/null -X POST http://127.0.0.1:8080/api/sources -H "Authorization: Bearer ${OPSCENTER_ADMIN_TOKEN:-dev-admin-token}" \
  -H 'Content-Type: application/json' \
  -d "{\"name\":\"GitHub perf\",\"slug\":\"github-perf\",\"kind\":\"github\",\"secret\":\"$SECRET\"}"
INGRESS=$(cat .run/ingress.pid)

# shellcheck source=bench/scripts/proc-cpu.sh
source "$HERE/proc-cpu.sh"
stored() { psql -At -h 127.0.0.1 -U postgres -d "$DB" -c "SELECT count(*) FROM webhook_events"; }
harness() { node "$WORK/bench/ingress-bench.mjs" "$URL" --duration "$1" --connections 50 --secret "$SECRET" "${@:2}"; }

harness 15 >/dev/null
harness 15 >/dev/null
HZ=$(getconf CLK_TCK)
for run in $(seq "$RUNS"); do
  mapfile -t pg < <(pgrep -u postgres)
  i0=$(jiffies "$INGRESS") s0=$(system_jiffies "$INGRESS") w0=$(switches "$INGRESS") p0=$(jiffies "${pg[@]}") c0=$(stored)
  out=$(harness 20 --pg "postgres://postgres@127.0.0.1:5432/$DB")
  i1=$(jiffies "$INGRESS") s1=$(system_jiffies "$INGRESS") w1=$(switches "$INGRESS") p1=$(jiffies "${pg[@]}") c1=$(stored)
  awk -v run="$run" -v n=$((c1 - c0)) -v i=$((i1 - i0)) -v s=$((s1 - s0)) -v w=$((w1 - w0)) -v p=$((p1 - p0)) \
    -v hz="$HZ" -v rate="$(awk '/^requests\/s/{print $NF}' <<<"$out")" \
    'BEGIN { printf "run %d: %d stored, %s accepted/s, ingress %.0f us/webhook (system %.0f, %.1f voluntary context switches), postgres %.0f us/webhook\n",
             run, n, rate, i * 1e6 / hz / n, s * 1e6 / hz / n, w / n, p * 1e6 / hz / n }'
  grep -E 'nothing lost|LOST|FAIL' <<<"$out" || true
done
