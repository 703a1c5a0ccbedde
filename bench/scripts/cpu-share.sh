#!/usr/bin/env bash
# Where the CPU goes on the whole platform under an open-loop load: each service's, PostgreSQL's and Redis's CPU time
# per stored event, and the machine's, while `bin/opscenter bench` runs with the arguments given.
#
#   bash bench/scripts/cpu-share.sh --rate 500 --seconds 30 --warmup-seconds 20 --concurrency 64 \
#     --database 'jdbc:postgresql://127.0.0.1:5432/<db>?user=postgres'
#
# Run it from the checkout whose platform runs (bin/opscenter up, on the same database as --database). CPU is read from
# /proc from the end of the bench's warm-up to its end (its drain included) and divided by the webhook rows stored
# meanwhile. "generator" is the load generator (in the Maven JVM of bin/opscenter bench); "other" is the rest of the
# machine's busy time as /proc/stat counts it, whose ticks differ from the processes' own counts by a few per cent.
# Nothing else should run on the machine meanwhile (docs/benchmarks.md, "500/s with autovacuum on"). With
# GENERATOR_NICE set, the load generator's threads run at that nice value (see below).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DB_URL= WARMUP=0
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do
  case ${args[i]} in
    --database) DB_URL=${args[i + 1]} ;;
    --warmup-seconds) WARMUP=${args[i + 1]} ;;
  esac
done
[[ -n $DB_URL ]] || { echo "usage: cpu-share.sh <bin/opscenter bench arguments, --database included>" >&2; exit 64; }
DB=$(sed -E 's#^jdbc:postgresql://[^/]+/([^?]+).*#\1#' <<<"$DB_URL")

# shellcheck source=bench/scripts/proc-cpu.sh
source "$ROOT/bench/scripts/proc-cpu.sh"
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # user nice system irq softirq, all cores
# microseconds in which a runnable task waited for a core, averaged over the cores (/proc/pressure/cpu, "some"), or 0
waited() { sed -n 's/^some .*total=//p' /proc/pressure/cpu 2>/dev/null || echo 0; }
stored() { psql -At -h 127.0.0.1 -U postgres -d "$DB" -c "SELECT count(*) FROM webhook_events"; }

declare -A pids
for service in ingress worker realtime; do pids[$service]=$(cat "$ROOT/.run/$service.pid"); done
snapshot() { # prints: ingress worker realtime postgres redis load-generator machine rows waited
  mapfile -t pg < <(pgrep -u postgres)
  mapfile -t redis < <(pgrep -x redis-server)
  echo "$(jiffies "${pids[ingress]}") $(jiffies "${pids[worker]}") $(jiffies "${pids[realtime]}")" \
    "$(jiffies "${pg[@]}") $(jiffies "${redis[@]}") $(jiffies "$generator") $(busy) $(stored) $(waited)"
}

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"$ROOT/bin/opscenter" bench "$@" >"$OUT" 2>&1 &
bench=$!
# the window opens when the warm-up ends (the build and the load generator's start stay out of it)
until grep -q '^warm-up\|^requests' "$OUT" 2>/dev/null || ! kill -0 "$bench" 2>/dev/null; do sleep 0.2; done
# the load generator runs inside the Maven JVM that bin/opscenter bench starts (exec:java)
generator=$(pgrep -f -- 'java.*-Pingress-load' | head -1)
# GENERATOR_NICE=-5 (say) gives the generator's threads priority over the platform, so that its own wait for a core
# (late sends, late reads of the frames) stays out of the latencies; the platform gets no more CPU for it, rather less
if [[ -n ${GENERATOR_NICE:-} ]]; then
  for task in /proc/"$generator"/task/*; do renice -n "$GENERATOR_NICE" -p "${task##*/}" >/dev/null; done
  echo "generator threads reniced to $GENERATOR_NICE"
fi
sleep "$WARMUP"
before=$(snapshot)
start=$(date +%s.%N)
# the generator's own time is read while it lives: it ends with the bench
generated=0
while kill -0 "$bench" 2>/dev/null; do
  generated=$(jiffies "$generator")
  sleep 0.5
done
wait "$bench" || { cat "$OUT"; exit 1; }
after=$(snapshot | awk -v g="$generated" '{ $6 = g; print }')
end=$(date +%s.%N)
grep -v '^WARNING\|^SLF4J' "$OUT"
awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" -v secs="$(awk -v s="$start" -v e="$end" 'BEGIN{print e - s}')" '
  BEGIN {
    split(b, x); split(a, y); n = y[8] - x[8]
    split("ingress worker realtime postgres redis generator", names)
    printf "\nCPU per stored event over %.0f s, %d events (%.0f/s):\n", secs, n, n / secs
    known = 0
    for (i = 1; i <= 6; i++) {
      d = y[i] - x[i]; known += d
      printf "  %-9s %5.0f us  (%4.0f%% of a core)\n", names[i], d * 1e6 / hz / n, d * 100 / hz / secs
    }
    d = (y[7] - x[7]) - known
    printf "  %-9s %5.0f us  (%4.0f%% of a core)\n", "other", d * 1e6 / hz / n, d * 100 / hz / secs
    d = y[7] - x[7]
    printf "  %-9s %5.0f us  (%4.0f%% of a core)\n", "machine", d * 1e6 / hz / n, d * 100 / hz / secs
    if (y[9] > 0) {
      printf "cpu pressure %.0f%%: the share of the window, averaged over the cores, in which a runnable task waited for one\n", \
        (y[9] - x[9]) / 1e4 / secs
    }
  }'
