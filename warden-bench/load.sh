#!/usr/bin/env bash
# warden-bench/load.sh — Warden proxy load benchmark against the reference workload.
#
# Usage: warden-bench/load.sh [--extra dry-run,async,no-ledger] [--rounds N] [--no-build] [--no-docs] [--keep] [--help]
#
# In ONE run, all on 127.0.0.1:
#   1. starts the Node stub upstream (shared/bench/stub-upstream.mjs) on a free port,
#   2. starts Warden (java -jar warden-cli/target/warden.jar serve …): enforce mode, response
#      protection on, durable (fsync) ledger — all defaults — with a fresh data dir,
#   3. wrk -t2 -c32 (5 s unrecorded warm-up, then 20 s measured, --latency, chat-1kb.lua) against
#      the stub directly, then the same against Warden's /v1/chat/completions,
#   4. samples Warden's RSS every second and its CPU time, stops it, verifies its ledger,
#   5. prints a summary and replaces the "Latest load.sh run" section of docs/benchmarks.md.
#
# Options:
#   --extra LIST  extra, clearly labelled Warden passes after the main one (comma-separated):
#                 dry-run (--mode dry-run), async (ledger.durability: async) and/or no-ledger (the
#                 same gateway with a ledger that keeps nothing — dev.warden.bench.NoLedgerServe
#                 from warden-bench/target/benchmarks.jar, built when missing or stale; a
#                 benchmark baseline for the ledger's cost, not a product mode). Each adds ~30 s.
#   --rounds N    with --extra no-ledger: N interleaved ledger / no-ledger rounds instead of one
#                 (default 1). The main and no-ledger passes are round 1; each further round runs
#                 both again, odd rounds ledger first and even rounds no-ledger first, so a machine
#                 that drifts during the run weighs on both sides alike. Prints each round's req/s
#                 ratio and CPU per request, and their mean, median, min and max. Each round adds
#                 two passes (~(BENCH_WARMUP + BENCH_DURATION + 10) s each).
#   --no-build    use warden-cli/target/warden.jar as it is (default: `./warden --version`, which
#                 rebuilds the jar with Maven when it is missing or older than the sources).
#   --no-docs     print the summary only; do not touch docs/benchmarks.md.
#   --keep        keep the temporary work dir (logs, wrk outputs, Warden data dir).
#   -h, --help    this text.
#
# Environment:
#   WARDEN_BENCH_WORKLOAD  directory with stub-upstream.mjs and chat-1kb.lua
#                          (default: <repo>/../shared/bench)
#   BENCH_DURATION (20), BENCH_WARMUP (5), BENCH_CONNECTIONS (32), BENCH_THREADS (2)
#   JAVA_HOME              a JDK 25+ (else found under /usr/lib/jvm by scripts/find-jdk.sh)
#   WARDEN_BENCH_JAVA_OPTS extra JVM options for the Warden process, split on spaces, e.g. a JFR
#                          recording: "-XX:StartFlightRecording=settings=profile,filename=/tmp/w.jfr"
#   WARDEN_BENCH_CONFIG    a config file for the fsync-ledger passes (main and --rounds), e.g. one
#                          with `ledger: {commitDelayMicros: 500}` to measure a ledger setting
#   BENCH_THREAD_CPU=1     also print, per Warden pass, the measured run's CPU (user, system) and
#                          context switches by thread name (digits folded: carrier threads
#                          ForkJoinPool-N-worker-N as one line, the ledger's writer, flusher and
#                          tracker each on their own), from /proc/<pid>/task/*/stat and status
#
# Needs: JDK 25, wrk (apt-get install wrk), node >= 18, curl. Takes about 1.5 min (+30 s per extra).
# Run it while nothing else is busy (no Maven build: `flock /tmp/warden-mvn.lock warden-bench/load.sh`
# holds builds off); stub, Warden and wrk share the machine's cores.
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

extras=""
rounds=1
build=1
docs=1
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --extra) [ $# -ge 2 ] || { echo "load.sh: --extra needs a value" >&2; exit 2; }; extras="$2"; shift 2 ;;
    --extra=*) extras="${1#--extra=}"; shift ;;
    --rounds) [ $# -ge 2 ] || { echo "load.sh: --rounds needs a value" >&2; exit 2; }; rounds="$2"; shift 2 ;;
    --rounds=*) rounds="${1#--rounds=}"; shift ;;
    --no-build) build=0; shift ;;
    --no-docs) docs=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
IFS=',' read -r -a extra_list <<<"$extras"
for e in "${extra_list[@]}"; do
  case "$e" in dry-run|async|no-ledger) ;; *) echo "load.sh: --extra: unknown pass '$e' (allowed: dry-run, async, no-ledger)" >&2; exit 2 ;; esac
done

[[ "$rounds" =~ ^[0-9]+$ ]] && [ "$rounds" -ge 1 ] || { echo "load.sh: --rounds must be a positive integer, got '$rounds'" >&2; exit 2; }
if [ "$rounds" -gt 1 ] && [[ ",$extras," != *",no-ledger,"* ]]; then
  echo "load.sh: --rounds $rounds needs --extra no-ledger (the rounds alternate ledger and no-ledger passes)" >&2; exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workload="${WARDEN_BENCH_WORKLOAD:-$repo/../shared/bench}"
duration="${BENCH_DURATION:-20}"
warmup="${BENCH_WARMUP:-5}"
conns="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
for v in "$duration" "$warmup" "$conns" "$threads"; do
  [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -gt 0 ] || { echo "load.sh: BENCH_* values must be positive integers" >&2; exit 2; }
done

# ---- prerequisites ------------------------------------------------------------------------------
. "$repo/scripts/find-jdk.sh"
warden_find_jdk || exit 2
java="$JAVA_HOME/bin/java"
missing=0
command -v wrk >/dev/null || { echo "load.sh: wrk not found — install it: apt-get install wrk" >&2; missing=1; }
command -v node >/dev/null || { echo "load.sh: node (>= 18) not found — install Node.js (e.g. apt-get install nodejs)" >&2; missing=1; }
command -v curl >/dev/null || { echo "load.sh: curl not found — apt-get install curl" >&2; missing=1; }
[ "$missing" -eq 0 ] || exit 2
for f in stub-upstream.mjs chat-1kb.lua; do
  if [ ! -f "$workload/$f" ]; then
    echo "load.sh: workload file $workload/$f is missing." >&2
    echo "load.sh: point WARDEN_BENCH_WORKLOAD at the directory holding stub-upstream.mjs and chat-1kb.lua." >&2
    exit 2
  fi
done
workload="$(cd "$workload" && pwd)"

jar="$repo/warden-cli/target/warden.jar"
if [ "$build" -eq 1 ]; then
  echo "load.sh: checking the CLI jar (./warden --version builds it when missing or stale)…" >&2
  (cd "$repo" && timeout 900 ./warden --version >/dev/null)
fi
[ -f "$jar" ] || { echo "load.sh: $jar not found (run ./warden --version to build it)" >&2; exit 2; }
bench_jar="$repo/warden-bench/target/benchmarks.jar"
if [[ ",$extras," == *",no-ledger,"* ]]; then
  if [ "$build" -eq 1 ] && { [ ! -f "$bench_jar" ] ||
      [ -n "$(cd "$repo" && find warden-*/src/main warden-*/pom.xml pom.xml -newer "$bench_jar" -print -quit)" ]; }; then
    echo "load.sh: building warden-bench/target/benchmarks.jar for the no-ledger pass…" >&2
    (cd "$repo" && timeout 900 ./mvnw -q -B package -DskipTests -pl warden-bench -am) >&2
  fi
  [ -f "$bench_jar" ] || { echo "load.sh: $bench_jar not found (./mvnw package -DskipTests -pl warden-bench -am)" >&2; exit 2; }
fi
java_opts=(--enable-native-access=ALL-UNNAMED -XX:+IgnoreUnrecognizedVMOptions
  --sun-misc-unsafe-memory-access=allow)
read -r -a warden_extra_opts <<<"${WARDEN_BENCH_JAVA_OPTS:-}"

# ---- process bookkeeping ------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/warden-load.XXXXXX")"
stub_pid=""
warden_pid=""
sampler_pid=""
cleanup() {
  local p
  for p in "$sampler_pid" "$warden_pid" "$stub_pid"; do
    [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
  done
  for p in "$sampler_pid" "$warden_pid" "$stub_pid"; do
    [ -n "$p" ] || continue
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  if [ "$keep" -eq 1 ]; then echo "load.sh: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

wait_http() { # url seconds [curl args…]: wait until the URL answers 2xx
  local url="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then return 0; fi
    sleep 0.3
  done
  return 1
}

cpu_ticks() { # utime+stime of a pid, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# thread_snapshot PID: one line per thread — name (digits folded to N), utime, stime (ticks),
# voluntary and involuntary context switches
thread_snapshot() {
  local t name
  for t in /proc/"$1"/task/*; do
    name="$(tr ' ' '_' <"$t/comm" 2>/dev/null | sed 's/[0-9][0-9]*/N/g')" || continue
    # comm may hold spaces and parentheses: read the fields after the last ')'
    printf '%s %s %s %s\n' "$name" \
      "$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12, $13}')" \
      "$(awk '/^voluntary_ctxt_switches/ {print $2 + 0}' "$t/status" 2>/dev/null)" \
      "$(awk '/^nonvoluntary_ctxt_switches/ {print $2 + 0}' "$t/status" 2>/dev/null)"
  done
}
# thread_cpu BEFORE AFTER REQUESTS: per thread name, CPU ms and switches per 1000 requests
thread_cpu() {
  printf '  %-28s %9s %9s %14s %12s\n' "thread (by name)" "user ms" "sys ms" "vol cs/1k req" "invol cs/1k"
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { u0[$1] += $2; s0[$1] += $3; v0[$1] += $4; i0[$1] += $5; next }
    { u[$1] += $2; s[$1] += $3; v[$1] += $4; i[$1] += $5 }
    END {
      for (k in u) {
        du = (u[k] - u0[k]) * 1000 / hz; ds = (s[k] - s0[k]) * 1000 / hz
        dv = v[k] - v0[k]; di = i[k] - i0[k]
        if (du + ds == 0 && dv + di == 0) continue
        printf "  %-28s %9.0f %9.0f %14.1f %12.1f\n", k, du, ds, (n > 0 ? 1000 * dv / n : 0), (n > 0 ? 1000 * di / n : 0)
      }
    }' "$1" "$2" | sort -k2,2 -n -r
}

# warm_wrk LABEL URL: the unrecorded warm-up; measure_wrk LABEL URL: the measured run -> $work/LABEL.wrk
warm_wrk() {
  echo "load.sh: [$1] warm-up ${warmup}s…" >&2
  timeout $((warmup + 30)) wrk -t"$threads" -c"$conns" -d"${warmup}s" -s "$workload/chat-1kb.lua" "$2" \
    >"$work/$1.warmup" 2>&1 || { echo "load.sh: [$1] warm-up failed:" >&2; tail -5 "$work/$1.warmup" >&2; return 1; }
}
measure_wrk() {
  echo "load.sh: [$1] measuring ${duration}s (wrk -t$threads -c$conns --latency)…" >&2
  timeout $((duration + 60)) wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -s "$workload/chat-1kb.lua" "$2" \
    >"$work/$1.wrk" 2>&1 || { echo "load.sh: [$1] wrk failed:" >&2; tail -5 "$work/$1.wrk" >&2; return 1; }
}

val() { # val LABEL KEY: a key=value figure from chat-1kb.lua's done() output
  local v
  v="$(grep -oE "(^| )$2=[0-9.]+" "$work/$1.wrk" | head -n1 | sed 's/.*=//')"
  echo "${v:-?}"
}
statuses() { grep -oE '^status_[0-9]+=[0-9]+' "$work/$1.wrk" | sed 's/^status_//; s/=/×/' | paste -sd' ' - || true; }
non2xx() { grep -oE '^status_[0-9]+=[0-9]+' "$work/$1.wrk" | awk -F'[_=]' '$2 < 200 || $2 > 299 {n += $3} END {print n + 0}'; }
errors() { grep -oE '^errors .*' "$work/$1.wrk" | sed 's/^errors //' || true; }

loadavg="$(cut -d' ' -f1-3 /proc/loadavg)" # before anything of ours runs

# ---- stub upstream ------------------------------------------------------------------------------
n_passes=$((1 + ${#extra_list[@]} + 2 * (rounds - 1)))
stub_budget=$(( (warmup + duration + 60) * (n_passes + 1) + 120 ))
stub_port="$(free_port)"
STUB_PORT="$stub_port" STUB_HOST=127.0.0.1 STUB_MAX_SECONDS="$stub_budget" \
  node "$workload/stub-upstream.mjs" >"$work/stub.log" 2>&1 &
stub_pid=$!
stub_url="http://127.0.0.1:$stub_port"
if ! wait_http "$stub_url/v1/chat/completions" 15 -X POST -H 'Content-Type: application/json' -d '{"messages":[]}'; then
  echo "load.sh: the stub did not come up; its log:" >&2; cat "$work/stub.log" >&2; exit 1
fi

# the exact body wrk sends, for the functional check through Warden
DUMP_BODY="$work/body.json" timeout 20 wrk -t1 -c1 -d1s -s "$workload/chat-1kb.lua" "$stub_url/v1/chat/completions" >/dev/null 2>&1 || true
[ -s "$work/body.json" ] || { echo "load.sh: could not dump the request body from chat-1kb.lua" >&2; exit 1; }

# ---- Warden -------------------------------------------------------------------------------------
# start_warden NAME [serve args…]: fresh data dir $work/NAME-data, sets warden_pid/warden_port.
# NAME no-ledger starts dev.warden.bench.NoLedgerServe on the same settings instead of serve.
start_warden() {
  local name="$1"; shift
  warden_port="$(free_port)"
  mkdir -p "$work/$name-data"
  if [[ "$name" == warden-no-ledger* ]]; then
    printf 'server: {host: 127.0.0.1, port: %s}\nupstream: {url: "%s"}\ndataDir: "%s"\n' \
      "$warden_port" "$stub_url" "$work/$name-data" >"$work/$name.yaml"
    (cd "$work" && exec "$java" "${java_opts[@]}" ${warden_extra_opts[@]+"${warden_extra_opts[@]}"} -Dwarden.log.level=WARN \
        -cp "$bench_jar" dev.warden.bench.NoLedgerServe "$work/$name.yaml" >"$work/$name.out" 2>"$work/$name.err") &
  else
    (cd "$work" && exec "$java" "${java_opts[@]}" ${warden_extra_opts[@]+"${warden_extra_opts[@]}"} -Dwarden.log.level=WARN -jar "$jar" serve \
        --upstream "$stub_url" --host 127.0.0.1 --port "$warden_port" --data-dir "$work/$name-data" "$@" \
        >"$work/$name.out" 2>"$work/$name.err") &
  fi
  warden_pid=$!
  if ! wait_http "http://127.0.0.1:$warden_port/ready" 60; then
    echo "load.sh: Warden ($name) did not become ready; last log lines:" >&2
    tail -n 20 "$work/$name.err" >&2; exit 1
  fi
}

stop_warden() {
  [ -n "$warden_pid" ] || return 0
  kill -TERM "$warden_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$warden_pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$warden_pid" 2>/dev/null || true
  wait "$warden_pid" 2>/dev/null || true
  warden_pid=""
}

# functional check: the body must come back 200, protected both ways
check_reply() {
  local name="$1" expect_protected="$2" code
  code="$(curl -sS -o "$work/$name.reply" -w '%{http_code}' --max-time 10 -X POST \
    -H 'Content-Type: application/json' --data-binary "@$work/body.json" \
    "http://127.0.0.1:$warden_port/v1/chat/completions")" || code=000
  check_status="$code"
  check_note=""
  if [ "$code" != 200 ]; then
    check_note="HTTP $code (expected 200): $(head -c 300 "$work/$name.reply" | tr -d '\n')"
    return 0
  fi
  local leaked=()
  grep -q 'jane.doe@example.org' "$work/$name.reply" && leaked+=(email)
  grep -q '415-555-0172' "$work/$name.reply" && leaked+=(phone)
  grep -q 'sk-test-4f9A7c2E1b8D6a0F3e5C9b7A2d4E6f8B' "$work/$name.reply" && leaked+=(api_key)
  grep -q 'STUBleakQ7w8e9r0t1y2u3i4o5p6notReal' "$work/$name.reply" && leaked+=(stub_secret)
  if [ "$expect_protected" = yes ]; then
    check_note="200; values still in clear in the reply: ${leaked[*]:-none}"
  else
    check_note="200 (dry-run: forwarded unchanged; in clear: ${leaked[*]:-none})"
  fi
}

sample_rss() { # pid outfile: one RSS sample (KiB) per second while the pid lives
  local pid="$1" out="$2"
  while kill -0 "$pid" 2>/dev/null; do
    ps -o rss= -p "$pid" >>"$out" 2>/dev/null || true
    sleep 1
  done
}

# warden_pass NAME EXPECT_PROTECTED [serve args…]
warden_pass() {
  local name="$1" expect="$2"; shift 2
  start_warden "$name" "$@"
  idle_rss["$name"]="$(ps -o rss= -p "$warden_pid" | tr -d ' ')"
  check_reply "$name" "$expect"
  check["$name"]="$check_note"
  echo "load.sh: [$name] functional check: $check_note" >&2
  : >"$work/$name.rss"
  sample_rss "$warden_pid" "$work/$name.rss" &
  sampler_pid=$!
  local t0 t1 url="http://127.0.0.1:$warden_port/v1/chat/completions"
  warm_wrk "$name" "$url"
  [ "${BENCH_THREAD_CPU:-0}" = 1 ] && thread_snapshot "$warden_pid" >"$work/$name.threads0"
  t0="$(cpu_ticks "$warden_pid")"
  measure_wrk "$name" "$url"
  t1="$(cpu_ticks "$warden_pid")"
  if [ "${BENCH_THREAD_CPU:-0}" = 1 ]; then
    thread_snapshot "$warden_pid" >"$work/$name.threads1"
    echo "load.sh: [$name] CPU and context switches by thread over the measured run ($(val "$name" requests) requests):" >&2
    thread_cpu "$work/$name.threads0" "$work/$name.threads1" "$(val "$name" requests)" | tee "$work/$name.threads" >&2
  fi
  cpu_s["$name"]="$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')"
  kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  peak_rss["$name"]="$(sort -n "$work/$name.rss" | tail -n1 | tr -d ' ')"
  stop_warden
  warn_lines["$name"]="$(grep -c '"level":"\(WARN\|ERROR\)"' "$work/$name.err" 2>/dev/null || true)"
  if [[ "$name" == warden-no-ledger* ]]; then
    ledger["$name"]="none (the pass records nothing)"; ledger_n["$name"]=0
    return 0
  fi
  local out
  out="$("$java" "${java_opts[@]}" -Dwarden.log.level=WARN -jar "$jar" ledger verify --data-dir "$work/$name-data" 2>&1)" \
    && ledger_rc=0 || ledger_rc=$?
  ledger["$name"]="$(echo "$out" | head -n1) (exit $ledger_rc)"
  ledger_n["$name"]="$(echo "$out" | grep -oE '[0-9]+ records? ' | head -n1 | grep -oE '[0-9]+' || echo '?')"
}
declare -A idle_rss=() peak_rss=() check=() cpu_s=() ledger=() ledger_n=() warn_lines=()

# ---- the run ------------------------------------------------------------------------------------
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
warm_wrk stub "$stub_url/v1/chat/completions"
stub_t0="$(cpu_ticks "$stub_pid")"
measure_wrk stub "$stub_url/v1/chat/completions"
stub_t1="$(cpu_ticks "$stub_pid")"
stub_cpu="$(awk -v a="$stub_t0" -v b="$stub_t1" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')"

ledger_args=()
if [ -n "${WARDEN_BENCH_CONFIG:-}" ]; then
  [ -f "$WARDEN_BENCH_CONFIG" ] || { echo "load.sh: WARDEN_BENCH_CONFIG: no such file '$WARDEN_BENCH_CONFIG'" >&2; exit 2; }
  ledger_args=(--config "$(cd "$(dirname "$WARDEN_BENCH_CONFIG")" && pwd)/$(basename "$WARDEN_BENCH_CONFIG")")
fi
warden_pass warden yes ${ledger_args[@]+"${ledger_args[@]}"}
for e in "${extra_list[@]}"; do
  case "$e" in
    dry-run) warden_pass warden-dry-run no --mode dry-run ;;
    async)
      printf 'ledger:\n  durability: async\n' >"$work/async.yaml"
      warden_pass warden-async yes --config "$work/async.yaml" ;;
    no-ledger) warden_pass warden-no-ledger yes ;;
  esac
done
for ((r = 2; r <= rounds; r++)); do
  if ((r % 2 == 1)); then
    warden_pass "warden-r$r" yes ${ledger_args[@]+"${ledger_args[@]}"}; warden_pass "warden-no-ledger-r$r" yes
  else
    warden_pass "warden-no-ledger-r$r" yes; warden_pass "warden-r$r" yes ${ledger_args[@]+"${ledger_args[@]}"}
  fi
done

# ---- report -------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "?") printf "%.1f %%", 100 * a / b; else print "?" }'; }
per_req_ms() { awk -v c="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.2f", 1000 * c / n; else print "?" }'; }
mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.0f MB", k / 1024; else print "?" }'; }

stub_rps="$(val stub rps)"
model="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)"
mem="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
jdk="$("$java" -version 2>&1 | head -n1)"
jdk_build="$("$java" -version 2>&1 | sed -n 2p)"
node_v="$(node --version)"
wrk_v="$( (wrk -v 2>&1 || true) | head -n1 | awk '{print $1, $2}')"
code="$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(cd "$repo" && git status --porcelain --untracked-files=no 2>/dev/null | head -n1)" ]; then
  code="$code + uncommitted changes"
fi

row() { # label name-of-wrk-output
  local l="$1" n="$2"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$l" "$(val "$n" rps)" "$(val "$n" p50_ms)" \
    "$(val "$n" p90_ms)" "$(val "$n" p99_ms)" "$(val "$n" max_ms)" "$(statuses "$n")" "$(errors "$n")"
}

{
  echo "### Latest load.sh run — $started"
  echo
  echo "- Machine: $(nproc) CPU ($model), $mem RAM, load average before the run $loadavg"
  echo "- Code: git $code; jar $(date -u -r "$jar" '+%H:%M UTC')"
  echo "- JDK: $jdk ($jdk_build); Node $node_v (stub); $wrk_v"
  echo "- Load: \`wrk -t$threads -c$conns -d${duration}s --latency -s chat-1kb.lua\` after a ${warmup} s unrecorded warm-up, body $(val stub body_bytes) bytes; stub, Warden and wrk share the machine's cores"
  echo "- Warden: \`serve\` defaults — enforce, response protection on, ledger durability fsync, \`-Dwarden.log.level=WARN\`${WARDEN_BENCH_JAVA_OPTS:+, extra JVM options \`$WARDEN_BENCH_JAVA_OPTS\`}${WARDEN_BENCH_CONFIG:+; fsync passes with config \`$(tr '\n' ' ' <"$WARDEN_BENCH_CONFIG")\`}"
  echo
  echo "| target | req/s | p50 ms | p90 ms | p99 ms | max ms | responses | wrk errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  row "stub directly" stub
  row "**Warden** (enforce, fsync ledger)" warden
  for e in "${extra_list[@]}"; do
    case "$e" in
      dry-run) row "extra: Warden \`--mode dry-run\` (fsync ledger)" warden-dry-run ;;
      async) row "extra: Warden enforce, \`ledger.durability: async\`" warden-async ;;
      no-ledger) row "extra: Warden enforce, no ledger (\`NoLedgerServe\`, baseline only)" warden-no-ledger ;;
    esac
  done
  echo
  echo "- **Warden / stub-direct req/s: $(ratio "$(val warden rps)" "$stub_rps")** (target ≥ 30 % at c=32; the peer reference reached ≈ 1.2 %)"
  for e in "${extra_list[@]}"; do
    n="warden-$e"
    echo "- extra \`$e\` / stub-direct: $(ratio "$(val "$n" rps)" "$stub_rps")"
  done
  if [[ ",$extras," == *",no-ledger,"* ]]; then
    echo "- **ledger cost: Warden (fsync ledger) / no-ledger req/s: $(ratio "$(val warden rps)" "$(val warden-no-ledger rps)")** (target ≥ 90 %, i.e. the ledger costs ≤ 10 % of throughput)"
  fi
  if [ "$rounds" -gt 1 ]; then
    echo "- **interleaved rounds** (odd: ledger pass first; even: no-ledger first):"
    echo
    echo "  | round | req/s ledger / none | ratio | CPU per request ledger / none (ms) |"
    echo "  | --- | --- | ---: | --- |"
    : >"$work/rounds.tsv"
    for ((r = 1; r <= rounds; r++)); do
      if [ "$r" -eq 1 ]; then a=warden; b=warden-no-ledger; else a="warden-r$r"; b="warden-no-ledger-r$r"; fi
      ra="$(val "$a" rps)"; rb="$(val "$b" rps)"
      ca="$(per_req_ms "${cpu_s[$a]}" "$(val "$a" requests)")"; cb="$(per_req_ms "${cpu_s[$b]}" "$(val "$b" requests)")"
      echo "  | $r | $ra / $rb | $(ratio "$ra" "$rb") | $ca / $cb |"
      printf '%s\t%s\t%s\t%s\n' "$ra" "$rb" "$ca" "$cb" >>"$work/rounds.tsv"
    done
    echo
    # mean, median, min, max of the ratio (%) and of each side's CPU per request (ms)
    awk -F'\t' '
      function stats(name, v, n, fmt,   i, j, t, sum, med) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        for (i = 1; i <= n; i++) sum += v[i]
        med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        printf "- %s over %d rounds: mean " fmt ", median " fmt ", min " fmt ", max " fmt "\n", name, n, sum / n, med, v[1], v[n]
      }
      $1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9.]+$/ && $2 > 0 && $3 ~ /^[0-9.]+$/ && $4 ~ /^[0-9.]+$/ { n++; r[n] = 100 * $1 / $2; a[n] = $3; b[n] = $4 }
      END {
        if (n == 0) { print "- no complete round"; exit }
        stats("**ledger / no-ledger req/s**", r, n, "%.1f %%")
        stats("CPU per request with the ledger", a, n, "%.3f ms")
        stats("CPU per request without", b, n, "%.3f ms")
      }' "$work/rounds.tsv"
  fi
  for n in warden "${extra_list[@]/#/warden-}"; do
    [ -n "${peak_rss[$n]+x}" ] || continue
    reqs="$(val "$n" requests)"
    echo "- \`$n\`: RSS $(mb "${idle_rss[$n]}") idle → peak $(mb "${peak_rss[$n]}") during the measured run;" \
      "CPU ${cpu_s[$n]} s over the measured run ($(per_req_ms "${cpu_s[$n]}" "$reqs") ms CPU per request, all threads);" \
      "non-2xx: $(non2xx "$n"); WARN/ERROR log lines: ${warn_lines[$n]:-0}"
    echo "  - functional check before load (curl of the same body): ${check[$n]}"
    echo "  - ledger: ${ledger_n[$n]} records written (warm-ups + measured run + check); \`warden ledger verify\`: ${ledger[$n]}"
  done
  echo "- stub CPU over its measured run: ${stub_cpu} s ($(per_req_ms "$stub_cpu" "$(val stub requests)") ms per request)"
} >"$work/summary.md"

echo
cat "$work/summary.md"

if [ "$docs" -eq 1 ]; then
  doc="$repo/docs/benchmarks.md"
  begin='<!-- load.sh results: begin (replaced by warden-bench/load.sh) -->'
  end='<!-- load.sh results: end -->'
  [ -f "$doc" ] || printf '# Benchmarks\n\n' >"$doc"
  if grep -qF "$begin" "$doc" && grep -qF "$end" "$doc"; then
    awk -v b="$begin" -v e="$end" -v f="$work/summary.md" '
      $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$doc" >"$work/doc.new"
  else
    { cat "$doc"; echo; echo "$begin"; cat "$work/summary.md"; echo "$end"; } >"$work/doc.new"
  fi
  cat "$work/doc.new" >"$doc"
  echo "load.sh: results written to docs/benchmarks.md" >&2
fi
