# shellcheck shell=bash
# CPU time of processes from /proc, for the scripts beside this one (sourced).

# jiffies <pid>...: user + system time of the processes, in clock ticks (getconf CLK_TCK); a process gone counts 0.
jiffies() {
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}

# system_jiffies <pid>: the system (kernel) part of the process's CPU time, in clock ticks.
system_jiffies() {
  awk '{print $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# switches <pid>: voluntary context switches of all the process's threads (a thread going to sleep to wait).
switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }'
}
