#!/usr/bin/env bash
# Benchmark: the agents against the seed's loop (plain C git: pull, add zones, diff-index, commit, push),
# in the same run, on the same generated vault and the same loopback (on-disk) remote. Prints a table: first
# the first sync (import) of the n generated files and init, against C git's add/commit/push and clone.
#   scripts/bench.sh [SIZES...]     (default: 1000 10000 100000; a work dir is made under ${TMPDIR:-/tmp})
# The agents run through their launchers (target/bin/*-agent: the JVM settings and the class-data archive,
# no flag typed), as a user runs them; one row runs `java -jar` with a short-lived JVM's flags instead.
# Not a test: numbers depend on the machine. Needs Java 17, Maven, git, GNU coreutils.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d -t vaultsync-bench.XXXXXX)
local_jar=$here/local-agent/target/local-agent.jar
cloud_bin=$here/cloud-agent/target/bin/cloud-agent
local_bin=$here/local-agent/target/bin/local-agent
if [ ! -f "$local_jar" ] || [ ! -x "$cloud_bin" ] || [ ! -x "$local_bin" ]; then (cd "$here" && mvn -B -q package -DskipTests); fi
# a fresh HOME: its ~/.cache/vaultsync gets the launchers' class-data archives, made by the first commands
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config GIT_CONFIG_NOSYSTEM=1
unset XDG_CACHE_HOME VAULTSYNC_JAVA_OPTS VAULTSYNC_CDS
mkdir -p "$HOME"; git config --global user.name bench; git config --global user.email bench@example.invalid
# the plain `java -jar` row: a short-lived JVM's flags typed by hand
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
# all_on_remote REMOTE PREFIX N: the remote's main has N files named PREFIX* under Plans/
all_on_remote() { [ "$(git --git-dir="$1" ls-tree -r --name-only main Plans/ 2>/dev/null | grep -c "/$2")" -ge "$3" ]; }
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; print a[i]}'; }
# timed FILE COMMAND...: runs COMMAND (its output dropped) and appends "wall_ms cpu_ms" (user+sys) to FILE
timed() {
  local f=$1 TIMEFORMAT='%3R %3U %3S'; shift
  { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%d %d\n", $1*1000, ($2+$3)*1000}' >> "$f"
}
wall() { awk '{print $1}' "$1" | pct 50; }   # the median wall time of a timed FILE
cpu() { awk '{print $2}' "$1" | pct 50; }
# a launcher's class-data archive is in place (made in the background after its first command)
archive_ready() {
  ls "$HOME/.cache/vaultsync/$1-"*.jsa >/dev/null 2>&1 && not_making "$1"
}
# no class-data archive of a launcher being made in the background (a dump takes both cores for seconds)
not_making() { ! ls -d "$HOME/.cache/vaultsync/$1-"*.making >/dev/null 2>&1; }

# the seed's loop, one cycle, in a C git clone
seed_cycle() {
  (cd "$1" && git pull -q --no-rebase origin main && git add -A Needs_Action Pending_Approval Updates Plans "In_Progress/cloud_agent" 2>/dev/null
   git diff-index --quiet HEAD || { git commit -qm "seed loop" && git push -q origin main; }) >/dev/null 2>&1
}

printf '%-7s | %-34s | %12s | %12s | %7s\n' "files" "measure" "agent" "seed loop" "ratio"
printf -- '--------+------------------------------------+--------------+--------------+--------\n'
row() { printf '%-7s | %-34s | %12s | %12s | %7s\n' "$@"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b>0)?a/b:0}'; }
# pair N MEASURE "WALL CPU" "WALL CPU": two rows, wall time and CPU (user+sys), agent against C git
pair() {
  local a=($3) b=($4)
  row "$1" "$2 (ms wall)" "${a[0]}" "${b[0]}" "$(div "${a[0]}" "${b[0]}")"
  row "$1" "$2 (ms cpu)" "${a[1]}" "${b[1]}" "$(div "${a[1]}" "${b[1]}")"
}

for n in "${sizes[@]}"; do
  d=$work/$n; mkdir -p "$d"
  git init -q --bare -b main "$d/remote.git"
  "$cloud_bin" init --vault "$d/cloud" --remote "$d/remote.git" --machine vm >/dev/null
  # the vault: n files in the cloud's zones, 100 per folder, committed and pushed by the cloud agent
  for ((i = 0; i < n; i++)); do
    dir="$d/cloud/Plans/p$((i / 100))"; [ $((i % 100)) -eq 0 ] && mkdir -p "$dir"
    printf -- '---\ntype: plan\n---\nPlan %d: nothing secret here.\n' "$i" > "$dir/f$i.md"
  done
  # first sync (import) of the n new files: the agent's sync, against C git's add, commit and push of an
  # identical copy (a clone of the seeded remote, to a bare remote of its own)
  git clone -q --bare "$d/remote.git" "$d/import.git"; git clone -q "$d/import.git" "$d/import"; cp -r "$d/cloud/Plans" "$d/import/"
  # nothing timed while an archive is being made in the background
  wait_for 300 archive_ready cloud-agent; wait_for 300 not_making local-agent
  sync; timed "$d/imp-agent.txt" "$cloud_bin" sync --vault "$d/cloud"
  sync; timed "$d/imp-seed.txt" git -C "$d/import" add -A   # three commands, timed as one below
  timed "$d/imp-seed.txt" git -C "$d/import" commit -qm import; timed "$d/imp-seed.txt" git -C "$d/import" push -q origin main
  imp_seed=$(awk '{w+=$1; c+=$2} END {printf "%d %d", w, c}' "$d/imp-seed.txt")
  pair "$n" "first sync, n new files" "$(cat "$d/imp-agent.txt")" "$imp_seed"
  # init (clone, checkout, journal and gate set-up) against C git's clone: of a path (hard links, no pack
  # sent) and with --no-local (a pack sent and indexed, as over a network)
  # a person's first local-agent command makes its class-data archive; init is timed with it in place, as
  # every later command runs (the first init in this HOME makes it, untimed)
  if ! archive_ready local-agent; then
    "$local_bin" init --vault "$work/warm-$n" --remote "$d/remote.git" --machine warm >/dev/null; wait_for 300 archive_ready local-agent
  fi
  # the median of 3 of each (the vault and the seed's clone used below are the first ones)
  wait_for 300 not_making cloud-agent; wait_for 300 not_making local-agent
  for k in 1 2 3; do
    if [ $k = 1 ]; then into=$d/local seed=$d/seed; else into=$d/init-$k seed=$d/seed-$k; fi
    sync; timed "$d/init.txt" "$local_bin" init --vault "$into" --remote "$d/remote.git" --machine desktop
    sync; timed "$d/clone.txt" git clone -q "$d/remote.git" "$seed"
    sync; timed "$d/clone-nl.txt" git clone -q --no-local "$d/remote.git" "$d/seed-nl-$k"
  done
  rm -rf "$d/init-2" "$d/init-3" "$d/seed-2" "$d/seed-3" "$d/seed-nl-"*
  init_med="$(wall "$d/init.txt") $(cpu "$d/init.txt")"
  pair "$n" "init / clone" "$init_med" "$(wall "$d/clone.txt") $(cpu "$d/clone.txt")"
  pair "$n" "init / clone --no-local" "$init_med" "$(wall "$d/clone-nl.txt") $(cpu "$d/clone-nl.txt")"

  # idle cycle CPU: the seed loop, 10 cycles; the cloud daemon (1 s interval), over 10 s
  TIMEFORMAT='%U %S'
  seed_cpu=$( { time (for k in 1 2 3 4 5 6 7 8 9 10; do seed_cycle "$d/seed"; done) ; } 2>&1 | awk '{printf "%.1f", ($1+$2)*1000/10}')
  "$cloud_bin" run -v --vault "$d/cloud" --interval 1s --debounce 100ms > "$d/cloud.log" 2>&1 &   # $!: the JVM (exec)
  cloud_pid=$!; pids+=("$cloud_pid")
  wait_for 120 grep -qs "SyncCycle - cycle" "$d/cloud.log"; sleep 3
  c0=$(cpu_ticks "$cloud_pid"); sleep 10; c1=$(cpu_ticks "$cloud_pid")
  agent_cpu=$(awk -v a=$c0 -v b=$c1 -v hz=$hz 'BEGIN{printf "%.1f", (b-a)*1000/hz/10}')
  row "$n" "idle cycle CPU (ms per cycle)" "$agent_cpu" "$seed_cpu" "$(awk -v a=$agent_cpu -v b=$seed_cpu 'BEGIN{printf "%.3f", (b>0)?a/b:0}')"

  # busy cycle: 100 changed files in the zones, to the remote; the median of 5 rounds after a warm-up round.
  # The cycles' wall time on both sides: the seed loop's one cycle, and the sum of the daemon's cycles that
  # committed the round (it logs each one's; its leading-edge debounce may commit the first write at once and
  # the rest in a second cycle); and, for the daemon, from the first write to all 100 files on the remote
  # (noticing the writes and the debounce included; the seed loop's is up to 30 s)
  : > "$d/busy-agent.txt"; : > "$d/busy-seed.txt"; : > "$d/busy-cycle.txt"
  for r in 0 1 2 3 4 5; do
    before=$(remote_head "$d/remote.git"); seen=$(wc -l < "$d/cloud.log")
    t0=$(ms); for ((i = 0; i < 100; i++)); do echo "busy $r $RANDOM" >> "$d/cloud/Plans/p$((i % (n / 100)))/b$r-$i.md"; done
    wait_for 120 all_on_remote "$d/remote.git" "b$r-" 100
    if [ $r -gt 0 ]; then
      echo $(( $(ms) - t0 )) >> "$d/busy-agent.txt"
      # the cycles that committed this round's files (the leading-edge debounce may split it): their time, summed
      sleep 0.2; tail -n +"$((seen + 1))" "$d/cloud.log" | grep -o 'committed [1-9][0-9]*, .* in [0-9]* ms' \
        | sed 's/.* in \([0-9]*\) ms/\1/' | awk '{s+=$1} END {print s+0}' >> "$d/busy-cycle.txt"
    fi
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
  agent_cycle=$(pct 50 < "$d/busy-cycle.txt"); agent_busy=$(pct 50 < "$d/busy-agent.txt"); seed_busy=$(pct 50 < "$d/busy-seed.txt")
  row "$n" "busy cycle, 100 files (ms wall)" "$agent_cycle" "$seed_busy" "$(awk -v a=$agent_cycle -v b=$seed_busy 'BEGIN{printf "%.2f", a/b}')"
  row "$n" "busy: first write -> all on remote (ms)" "$agent_busy" "(30 s loop)" "-"
  # what signing adds to each of the agents' commits (SignCost, in the test classes; C git's loop does not sign)
  sign_ms=$({ java -cp "$local_jar:$here/vault-model/target/test-classes" io.vaultsync.git.sign.SignCost 500 2>/dev/null || true; } \
    | sed -n 's/.*mean \([0-9.]*\) ms.*/\1/p')
  row "$n" "busy: signing, per commit (ms mean)" "${sign_ms:--}" "(unsigned)" "-"

  # propagation cloud write -> local disk, both daemons running, 1 s interval
  : > "$d/cloud.log"
  "$cloud_bin" run -v --vault "$d/cloud" --interval 1s --debounce 100ms >> "$d/cloud.log" 2>&1 &
  cloud_pid=$!; pids+=("$cloud_pid")
  wait_for 120 grep -qs "SyncCycle - cycle" "$d/cloud.log"
  "$local_bin" run -v --vault "$d/local" --interval 1s --debounce 100ms > "$d/local.log" 2>&1 &
  local_pid=$!; pids+=("$local_pid")
  wait_for 120 grep -qs "SyncCycle - cycle" "$d/local.log"; sleep 2
  : > "$d/lat.txt"
  for k in $(seq 1 20); do
    t0=$(ms); echo "ping $k" > "$d/cloud/Plans/ping-$k.md"
    if wait_for 30 test -f "$d/local/Plans/ping-$k.md"; then echo $(( $(ms) - t0 )) >> "$d/lat.txt"; fi
    sleep 0.$((RANDOM % 9 + 1))
  done
  row "$n" "propagation p50 / p99 (ms)" "$(pct 50 < "$d/lat.txt") / $(pct 99 < "$d/lat.txt")" "(30 s loop)" "-"
  # status next to a running daemon (which keeps its last scan for it), the median of 3; run once untimed
  # first, so that the archive has seen it (else it is made again in the background during the timed runs)
  "$local_bin" status --vault "$d/local" >/dev/null; wait_for 300 archive_ready local-agent
  : > "$d/sd.txt"; for k in 1 2 3; do timed "$d/sd.txt" "$local_bin" status --vault "$d/local"; done
  row "$n" "status, daemon up (ms wall / cpu)" "$(wall "$d/sd.txt") / $(cpu "$d/sd.txt")" "-" "-"
  rss=$(awk -v b="$rss_busy" '/VmHWM/ {r=int($2/1024); printf "%d", (b>r)?b:r}' "/proc/$cloud_pid/status")
  lrss=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$local_pid/status")
  row "$n" "daemon peak RSS cloud / local (MB)" "$rss / $lrss" "-" "-"
  kill "$cloud_pid" "$local_pid"; wait "$cloud_pid" "$local_pid" 2>/dev/null || true; pids=()
  # propagation again with the DEFAULT debounce (what a user runs; the leading-edge debounce and the fast poll after
  # commits moved are what keep it low), 1 s interval
  cycled() { [ "$(grep -c "SyncCycle - cycle" "$1")" -gt "$2" ]; }   # LOG has more cycles than N
  cc=$(grep -c "SyncCycle - cycle" "$d/cloud.log"); lc=$(grep -c "SyncCycle - cycle" "$d/local.log")
  "$cloud_bin" run -v --vault "$d/cloud" --interval 1s >> "$d/cloud.log" 2>&1 & cloud_pid=$!; pids+=("$cloud_pid")
  "$local_bin" run -v --vault "$d/local" --interval 1s >> "$d/local.log" 2>&1 & local_pid=$!; pids+=("$local_pid")
  wait_for 120 cycled "$d/cloud.log" "$cc"; wait_for 120 cycled "$d/local.log" "$lc"; sleep 2
  : > "$d/lat-default.txt"
  for k in $(seq 1 20); do
    t0=$(ms); echo "ping $k" > "$d/cloud/Plans/ping-default-$k.md"
    if wait_for 30 test -f "$d/local/Plans/ping-default-$k.md"; then echo $(( $(ms) - t0 )) >> "$d/lat-default.txt"; fi
    sleep 0.$((RANDOM % 9 + 1))
  done
  row "$n" "propagation, default debounce p50/p99" "$(pct 50 < "$d/lat-default.txt") / $(pct 99 < "$d/lat-default.txt")" "(30 s loop)" "-"
  kill "$cloud_pid" "$local_pid"; wait "$cloud_pid" "$local_pid" 2>/dev/null || true; pids=()

  # CLI commands, no daemon running: status, and claim of a task the cloud put on the remote, the median of
  # 3 runs each; plain `java -jar` with a short-lived JVM's flags, then through the launcher (its class-data
  # archive made after its first command, as on a user's machine)
  wait_for 300 archive_ready local-agent; wait_for 300 archive_ready cloud-agent
  # each timed command once through its launcher first, untimed: a command the archive has not seen is added
  # to it (in the background, which would load the timed runs)
  echo "task" > "$d/cloud/Needs_Action/bench-warm-l.md"; echo "task" > "$d/cloud/Needs_Action/bench-warm-c.md"
  "$cloud_bin" sync --vault "$d/cloud" >/dev/null; "$local_bin" sync --vault "$d/local" >/dev/null
  "$local_bin" status --vault "$d/local" >/dev/null; wait_for 300 archive_ready local-agent
  "$local_bin" claim bench-warm-l.md --vault "$d/local" >/dev/null; wait_for 300 archive_ready local-agent
  "$cloud_bin" claim bench-warm-c.md --vault "$d/cloud" >/dev/null; wait_for 300 archive_ready cloud-agent
  for mode in plain launcher; do
    if [ "$mode" = plain ]; then agent=("${cli[@]}" -jar "$local_jar"); else agent=("$local_bin"); fi
    : > "$d/st.txt"; : > "$d/cl.txt"
    for k in 1 2 3; do echo "task" > "$d/cloud/Needs_Action/bench-$mode-$k.md"; done
    "$cloud_bin" sync --vault "$d/cloud" >/dev/null
    "$local_bin" sync --vault "$d/local" >/dev/null
    for k in 1 2 3; do
      timed "$d/st.txt" "${agent[@]}" status --vault "$d/local"
      timed "$d/cl.txt" "${agent[@]}" claim "bench-$mode-$k.md" --vault "$d/local"
    done
    row "$n" "CLI status / claim, $mode (ms wall)" "$(wall "$d/st.txt") / $(wall "$d/cl.txt")" "-" "-"
    row "$n" "  the same, $mode (ms cpu)" "$(cpu "$d/st.txt") / $(cpu "$d/cl.txt")" "-" "-"
  done
  # the cloud's claim, and --version, through the launchers
  for k in 1 2 3; do echo "task" > "$d/cloud/Needs_Action/bench-cloud-$k.md"; done
  "$cloud_bin" sync --vault "$d/cloud" >/dev/null
  : > "$d/cc.txt"; : > "$d/v.txt"
  for k in 1 2 3; do
    timed "$d/cc.txt" "$cloud_bin" claim "bench-cloud-$k.md" --vault "$d/cloud"
    timed "$d/v.txt" "$local_bin" --version
  done
  row "$n" "cloud claim / --version (ms wall)" "$(wall "$d/cc.txt") / $(wall "$d/v.txt")" "-" "-"
done
echo "(work dir: $work; ratio = agent / seed loop; the seed loop is plain C git on the same vault and remote;"
echo " load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
