# shellcheck shell=bash
# Local PostgreSQL and Redis for development and CI: starts them when they are installed but stopped, then waits
# until they answer. Sourced by bin/opscenter and .ci/run; defines functions only.

# wait_until <what> <seconds> <command...>: retries the command once a second until it succeeds or time runs out.
wait_until() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "error: $what did not answer within ${seconds}s" >&2
      return 1
    fi
    sleep 1
  done
}

postgres_answers() {
  pg_isready -q -h 127.0.0.1 -p 5432
}

# ensure_postgres: PostgreSQL on 127.0.0.1:5432, started with the machine's cluster tooling if it is down.
ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1; then
    echo "error: pg_isready not found; install the PostgreSQL client or set DATABASE_URL" >&2
    return 1
  fi
  if postgres_answers; then
    return 0
  fi
  local clusters=(/etc/postgresql/*/)
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d ${clusters[-1]} ]]; then
    local version
    version=$(basename "${clusters[-1]}")
    echo "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  wait_until "PostgreSQL on 127.0.0.1:5432" 30 postgres_answers
}

redis_answers() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]
  else
    (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null
  fi
}

# ensure_redis: Redis on 127.0.0.1:6379, started without persistence (it only carries work and fan-out) if it is down.
ensure_redis() {
  if redis_answers; then
    return 0
  fi
  if command -v redis-server >/dev/null 2>&1; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  wait_until "Redis on 127.0.0.1:6379" 15 redis_answers
}

# ensure_database <name>: creates the database on the local PostgreSQL if it does not exist yet.
ensure_database() {
  local name=$1
  if [[ -z $(psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'") ]]; then
    echo "creating database $name"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$name\""
  fi
}

# warn_autovacuum_off: says so when the local PostgreSQL runs with autovacuum off. Every claim and completion of an
# event leaves a dead row version; without vacuum they pile up, the sweeper's scans and the indexes grow with them,
# and intake slows down (see docs/operations.md); a benchmark run on such a server measures the bloat (docs/benchmarks.md).
warn_autovacuum_off() {
  if [[ $(psql -h 127.0.0.1 -U postgres -d postgres -tAc "SHOW autovacuum" 2>/dev/null) == off ]]; then
    echo "warning: PostgreSQL runs with autovacuum off; event tables will bloat, intake slow down and benchmarks mislead" >&2
    echo "         (ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();)" >&2
  fi
}
