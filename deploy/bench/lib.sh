# Shared by the benchmarks: wrk runs and the medians of their figures. Sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HEXGATE="$ROOT/deploy/local/hexgate"
JAVA_HOME=$("$HEXGATE" java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-10}
ROUNDS=${BENCH_ROUNDS:-3}

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

ensure_wrk() {
  command -v wrk >/dev/null && return
  say "installing wrk (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

# wrk_once URL [header] → "requests/s p50_ms p99_ms" (wrk --latency; a 2-core box, so few threads).
wrk_once() {
  local url=$1 header=${2:-} out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency ${header:+-H "$header"} "$url")
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [[ -z $non2xx ]] || say "warning: $non2xx non-2xx answers from $url"
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

to_ms() { # wrk prints 1.23ms, 456.00us, 1.20s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure NAME URL [header] → warms up, runs ROUNDS rounds, prints medians: "NAME rps p50 p99".
measure() {
  local name=$1 url=$2 header=${3:-} results=()
  say "$name: warm-up ${WARMUP}s, then $ROUNDS × ${DURATION}s at $CONNECTIONS connections"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" ${header:+-H "$header"} "$url" >/dev/null
  for _ in $(seq 1 "$ROUNDS"); do results+=("$(wrk_once "$url" "$header")"); done
  printf '%s %s %s %s\n' "$name" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $3}' | median)"
}

# start_ceiling: the trivial and Redis-GET Quarkus endpoints of deploy/bench/ceiling on port 8090.
start_ceiling() {
  local jar="$ROOT/deploy/bench/ceiling/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f $jar || -n $(find "$ROOT/deploy/bench/ceiling/src" "$ROOT/deploy/bench/ceiling/pom.xml" -newer "$jar" -print -quit) ]]; then
    say "building the ceiling endpoints"
    (cd "$ROOT/deploy/bench/ceiling" && mvn -B -ntp -q package) >&2
  fi
  (exec java ${HEXGATE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC} -jar "$jar" >/tmp/hexgate-ceiling.log 2>&1) &
  CEILING_PID=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null http://127.0.0.1:8090/noop/x && return; sleep 0.5; done
  echo "the ceiling app did not start (see /tmp/hexgate-ceiling.log)" >&2; exit 1
}

# Idempotent: the pipeline benchmark stops the ceiling app after its yardstick and again in its EXIT trap, where a
# failing kill of the process already gone ended the trap (set -e) before it restarted ingest-service and
# parser-worker with their normal settings: the stack was left with the benchmark's rate limit of 100,000,000/s.
stop_ceiling() {
  [[ -n ${CEILING_PID:-} ]] || return 0
  kill "$CEILING_PID" 2>/dev/null || true
  wait "$CEILING_PID" 2>/dev/null || true
  CEILING_PID=
}

json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }

# cpu_ticks → one line "ingest-service parser-worker token-service network-service kafka postgres total" of CPU
# clock ticks used so far (user + system); postgres sums every server process, total is the whole machine's.
cpu_ticks() {
  local pids="${HEXGATE_STATE_DIR:-$ROOT/deploy/local/.state}/pids" c pid line=""
  for c in ingest-service parser-worker token-service network-service kafka; do
    pid=$(cat "$pids/$c.pid" 2>/dev/null || true)
    line+="$( { [[ -n $pid ]] && awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null; } || echo 0) "
  done
  line+="$(for pid in $(pgrep -x postgres); do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null; done | awk '{ s += $1 } END { print s + 0 }') "
  line+=$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
  echo "$line"
}

# cpu_cores BEFORE AFTER SECONDS → the cores each used in between, "ingest parser token+network kafka postgres
# other", other being the rest of the machine (the load generator, the gateway, the kernel).
cpu_cores() {
  awk -v a="$1" -v b="$2" -v s="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(a, x, " "); split(b, y, " "); for (i = 1; i <= 7; i++) d[i] = (y[i] - x[i]) / hz / s
    printf "%.2f %.2f %.2f %.2f %.2f %.2f\n", d[1], d[2], d[3] + d[4], d[5], d[6], d[7] - d[1] - d[2] - d[3] - d[4] - d[5] - d[6] }'
}
