#!/usr/bin/env bash
# Sourced by ./warden, ./build and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME when it is a JDK 25+, else the newest JDK 25+ under /usr/lib/jvm.
warden_jdk_major() {
  local java="$1/bin/java"
  [ -x "$java" ] && [ -x "$1/bin/javac" ] || { echo 0; return; }
  local v
  v=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  v=${v%%.*}
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}
warden_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(warden_jdk_major "$JAVA_HOME")" -ge 25 ]; then
    export JAVA_HOME; return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/ ; do
    d=${d%/}
    [ -L "$d" ] && continue
    v=$(warden_jdk_major "$d")
    if [ "$v" -gt "$best_v" ]; then best="$d"; best_v=$v; fi
  done
  if [ "$best_v" -ge 25 ]; then
    export JAVA_HOME="$best"; return 0
  fi
  echo "warden: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm)." >&2
  echo "warden: install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium repository) or unpack a JDK 25 and set JAVA_HOME to it." >&2
  return 1
}
