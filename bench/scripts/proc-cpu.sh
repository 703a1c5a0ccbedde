# shellcheck shell=bash
# CPU time of processes from /proc, for the scripts beside this one (sourced).

# jiffies <pid>...: user + system time of the processes, in clock ticks (getconf CLK_TCK); a process gone counts 0.
jiffies() {
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}
