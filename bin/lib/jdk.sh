# shellcheck shell=bash
# The JDK the build and the services run on: Java 21 or later (the build compiles with release 21). Sourced by
# bin/opscenter and .ci/run; defines functions only.

MIN_JAVA=21

# java_feature <java binary>: the feature release it reports (17, 21, 25…), or nothing when it does not run.
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2; exit }'
}

# use_jdk: exports JAVA_HOME and puts its bin first on PATH. Keeps a JAVA_HOME or a java on PATH that is new
# enough; otherwise takes the newest JDK of ${MIN_JAVA} or later under /usr/lib/jvm (where Debian and Temurin's
# packages install theirs, side by side with the default one).
use_jdk() {
  local candidates=() home best="" best_feature=0 feature
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in "${candidates[@]}"; do
    feature=$(java_feature "$home/bin/java")
    if [[ -x $home/bin/javac && ${feature:-0} -ge $MIN_JAVA ]]; then
      best=$home
      break
    fi
  done
  if [[ -z $best ]]; then
    for home in /usr/lib/jvm/*/; do
      home=${home%/}
      [[ -x $home/bin/java && -x $home/bin/javac && ! -L $home ]] || continue
      feature=$(java_feature "$home/bin/java")
      if ((${feature:-0} >= MIN_JAVA && ${feature:-0} > best_feature)); then
        best=$home
        best_feature=$feature
      fi
    done
  fi
  if [[ -z $best ]]; then
    echo "error: no JDK ${MIN_JAVA} or later found (JAVA_HOME, java on PATH, /usr/lib/jvm); install one or set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
