#!/usr/bin/env bash
# Benchmark: the agents against the seed's loop (plain C git: pull, add zones, diff-index, commit, push),
# in the same run, on the same generated vault and the same loopback (on-disk) remote. Prints a table.
#   scripts/bench.sh [SIZES...]     (default: 1000 10000 100000; a work dir is made under ${TMPDIR:-/tmp})
# Not a test: numbers depend on the machine. Needs Java 17, Maven, git, GNU coreutils.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d -t vaultsync-bench.XXXXXX)
cloud_jar=$here/cloud-agent/target/cloud-agent.jar
local_jar=$here/local-agent/target/local-agent.jar
if [ ! -f "$cloud_jar" ] || [ ! -f "$local_jar" ]; then (cd "$here" && mvn -B -q package -DskipTests); fi
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"; git config --global user.name bench; git config --global user.email bench@example.invalid
# the daemons run with the settings of scripts/systemd/*.service; CLI commands with a short-lived JVM's flags
export MALLOC_ARENA_MAX=2
jvm=(java -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m -Xss512k)
cli=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }   # utime+stime of a process, in clock ticks
hz=$(getconf CLK_TCK)
wait_for() { local limit=$1; shift; local end=$((SECONDS+limit)); until "$@"; do [ $SECONDS -lt $end ] || return 1; sleep 0.01; done; }
remote_head() { git --git-dir="$1" rev-parse main 2>/dev/null; }
moved() { [ "$(remote_head "$1")" != "$2" ]; }
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; print a[i]}'; }

# the seed's loop, one cycle, in a C git clone
seed_cycle() {
  (cd "$1" && git pull -q --no-rebase origin main && git add -A Needs_Action Pending_Approval Updates Plans "In_Progress/cloud_agent" 2>/dev/null
   git diff-index --quiet HEAD || { git commit -qm "seed loop" && git push -q origin main; }) >/dev/null 2>&1
}

printf '%-7s | %-34s | %12s | %12s | %7s\n' "files" "measure" "agent" "seed loop" "ratio"
printf -- '--------+------------------------------------+--------------+--------------+--------\n'
row() { printf '%-7s | %-34s | %12s | %12s | %7s\n' "$@"; }

for n in "${sizes[@]}"; do
  d=$work/$n; mkdir -p "$d"
  git init -q --bare -b main "$d/remote.git"
  "${jvm[@]}" -jar "$cloud_jar" init --vault "$d/cloud" --remote "$d/remote.git" --machine vm >/dev/null
  # the vault: n files in the cloud's zones, 100 per folder, committed and pushed by the cloud agent
  for ((i = 0; i < n; i++)); do
    dir="$d/cloud/Plans/p$((i / 100))"; [ $((i % 100)) -eq 0 ] && mkdir -p "$dir"
    printf -- '---\ntype: plan\n---\nPlan %d: nothing secret here.\n' "$i" > "$dir/f$i.md"
  done
  "${jvm[@]}" -jar "$cloud_jar" sync --vault "$d/cloud" >/dev/null
  t0=$(ms); "${jvm[@]}" -jar "$local_jar" init --vault "$d/local" --remote "$d/remote.git" --machine desktop >/dev/null; init_ms=$(( $(ms) - t0 ))
  t0=$(ms); git clone -q "$d/remote.git" "$d/seed"; seed_clone_ms=$(( $(ms) - t0 ))
  row "$n" "init / clone (ms)" "$init_ms" "$seed_clone_ms" "$(awk -v a=$init_ms -v b=$seed_clone_ms 'BEGIN{printf "%.2f", a/b}')"

  # idle cycle CPU: the seed loop, 10 cycles; the cloud daemon (1 s interval), over 10 s
  TIMEFORMAT='%U %S'
  seed_cpu=$( { time (for k in 1 2 3 4 5 6 7 8 9 10; do seed_cycle "$d/seed"; done) ; } 2>&1 | awk '{printf "%.1f", ($1+$2)*1000/10}')
  "${jvm[@]}" -jar "$cloud_jar" run --vault "$d/cloud" --interval 1s --debounce 100ms > "$d/cloud.log" 2>&1 &
  cloud_pid=$!; pids+=("$cloud_pid")
  wait_for 120 grep -qs "SyncCycle - cycle" "$d/cloud.log"; sleep 3
  c0=$(cpu_ticks "$cloud_pid"); sleep 10; c1=$(cpu_ticks "$cloud_pid")
  agent_cpu=$(awk -v a=$c0 -v b=$c1 -v hz=$hz 'BEGIN{printf "%.1f", (b-a)*1000/hz/10}')
  row "$n" "idle cycle CPU (ms per cycle)" "$agent_cpu" "$seed_cpu" "$(awk -v a=$agent_cpu -v b=$seed_cpu 'BEGIN{printf "%.3f", (b>0)?a/b:0}')"

  # busy cycle: 100 changed files in the zones, to the remote; the median of 5 rounds after a warm-up round.
  # The cycle's wall time on both sides (the daemon logs each cycle's); and, for the daemon, from the first
  # write to the push landing (noticing the writes and the debounce included; the seed loop's is up to 30 s)
  : > "$d/busy-agent.txt"; : > "$d/busy-seed.txt"
  for r in 0 1 2 3 4 5; do
    before=$(remote_head "$d/remote.git")
    t0=$(ms); for ((i = 0; i < 100; i++)); do echo "busy $r $RANDOM" >> "$d/cloud/Plans/p$((i % (n / 100)))/b$r-$i.md"; done
    wait_for 120 moved "$d/remote.git" "$before"; [ $r -gt 0 ] && echo $(( $(ms) - t0 )) >> "$d/busy-agent.txt"
    sleep 1
  done
  # the seed loop writes into the cloud's zones as plain git: with the cloud agent stopped, and the remote put
  # back afterwards, so that the agents never see (and refuse) those commits
  rss_busy=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$cloud_pid/status")
  kill "$cloud_pid"; wait "$cloud_pid" 2>/dev/null || true
  agents_head=$(remote_head "$d/remote.git")
  (cd "$d/seed" && git pull -q --no-rebase origin main) >/dev/null 2>&1
  for r in 0 1 2 3 4 5; do
    for ((i = 0; i < 100; i++)); do echo "seed busy $r $RANDOM" >> "$d/seed/Plans/p$((i % (n / 100)))/s$r-$i.md"; done
    t0=$(ms); seed_cycle "$d/seed"; [ $r -gt 0 ] && echo $(( $(ms) - t0 )) >> "$d/busy-seed.txt"
  done
  git --git-dir="$d/remote.git" update-ref refs/heads/main "$agents_head"
  grep -o 'committed=100 .* in [0-9]* ms' "$d/cloud.log" | sed 's/.* in \([0-9]*\) ms/\1/' | tail -n 5 > "$d/busy-cycle.txt"
  agent_cycle=$(pct 50 < "$d/busy-cycle.txt"); agent_busy=$(pct 50 < "$d/busy-agent.txt"); seed_busy=$(pct 50 < "$d/busy-seed.txt")
  row "$n" "busy cycle, 100 files (ms wall)" "$agent_cycle" "$seed_busy" "$(awk -v a=$agent_cycle -v b=$seed_busy 'BEGIN{printf "%.2f", a/b}')"
  row "$n" "busy: first write -> on remote (ms)" "$agent_busy" "(30 s loop)" "-"

  # propagation cloud write -> local disk, both daemons running, 1 s interval
  : > "$d/cloud.log"
  "${jvm[@]}" -jar "$cloud_jar" run --vault "$d/cloud" --interval 1s --debounce 100ms >> "$d/cloud.log" 2>&1 &
  cloud_pid=$!; pids+=("$cloud_pid")
  wait_for 120 grep -qs "SyncCycle - cycle" "$d/cloud.log"
  "${jvm[@]}" -jar "$local_jar" run --vault "$d/local" --interval 1s --debounce 100ms > "$d/local.log" 2>&1 &
  local_pid=$!; pids+=("$local_pid")
  wait_for 120 grep -qs "SyncCycle - cycle" "$d/local.log"; sleep 2
  : > "$d/lat.txt"
  for k in $(seq 1 20); do
    t0=$(ms); echo "ping $k" > "$d/cloud/Plans/ping-$k.md"
    if wait_for 30 test -f "$d/local/Plans/ping-$k.md"; then echo $(( $(ms) - t0 )) >> "$d/lat.txt"; fi
    sleep 0.$((RANDOM % 9 + 1))
  done
  row "$n" "propagation p50 / p99 (ms)" "$(pct 50 < "$d/lat.txt") / $(pct 99 < "$d/lat.txt")" "(30 s loop)" "-"
  rss=$(awk -v b="$rss_busy" '/VmHWM/ {r=int($2/1024); printf "%d", (b>r)?b:r}' "/proc/$cloud_pid/status")
  lrss=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$local_pid/status")
  row "$n" "daemon peak RSS cloud / local (MB)" "$rss / $lrss" "-" "-"
  kill "$cloud_pid" "$local_pid"; wait "$cloud_pid" "$local_pid" 2>/dev/null || true; pids=()

  # CLI wall time after a first run: status, and claim of a task the cloud put on the remote; then the same
  # with a class-data archive the first run wrote (-XX:ArchiveClassesAtExit, see the README)
  jsa=$work/local-$n.jsa
  "${cli[@]}" -XX:ArchiveClassesAtExit="$jsa" -jar "$local_jar" status --vault "$d/local" >/dev/null 2>&1
  for mode in plain cds; do
    flags=(); [ "$mode" = cds ] && flags=(-XX:SharedArchiveFile="$jsa")
    : > "$d/st.txt"; : > "$d/cl.txt"
    for k in 1 2 3; do echo "task" > "$d/cloud/Needs_Action/bench-$mode-$k.md"; done
    "${jvm[@]}" -jar "$cloud_jar" sync --vault "$d/cloud" >/dev/null
    "${cli[@]}" -jar "$local_jar" sync --vault "$d/local" >/dev/null
    for k in 1 2 3; do   # the median of 3 runs each
      t0=$(ms); "${cli[@]}" "${flags[@]}" -jar "$local_jar" status --vault "$d/local" >/dev/null; echo $(( $(ms) - t0 )) >> "$d/st.txt"
      t0=$(ms); "${cli[@]}" "${flags[@]}" -jar "$local_jar" claim "bench-$mode-$k.md" --vault "$d/local" >/dev/null
      echo $(( $(ms) - t0 )) >> "$d/cl.txt"
    done
    row "$n" "CLI status / claim, $mode (ms wall)" "$(pct 50 < "$d/st.txt") / $(pct 50 < "$d/cl.txt")" "-" "-"
  done
done
echo "(work dir: $work; ratio = agent / seed loop; the seed loop is plain C git on the same vault and remote)"
