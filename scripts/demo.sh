#!/usr/bin/env bash
# The embedded default: a bare repository on disk as the remote, the cloud agent and the local agent as
# real processes (their `run` daemons), and the seed's scenario: an email task lands, the cloud claims it
# and drafts a reply, the human approves it on the desktop, the local executor "sends" it (into
# DIR/outbox/), the item ends in Done/ and the dashboard shows it.
#   scripts/demo.sh [DIR]      (DIR defaults to a new temp dir, printed)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$(mktemp -d -t vaultsync-demo.XXXXXX)}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# the launchers (the JVM settings, a class-data archive, UTF-8 file names; they exec the JVM)
cloud_bin=$here/cloud-agent/target/bin/cloud-agent
local_bin=$here/local-agent/target/bin/local-agent
if [ ! -x "$cloud_bin" ] || [ ! -x "$local_bin" ] || [ ! -f "$here/cloud-agent/target/cloud-agent.jar" ] \
  || [ ! -f "$here/local-agent/target/local-agent.jar" ]; then
  echo "building the agents (mvn -B -q package -DskipTests) ..."
  (cd "$here" && mvn -B -q package -DskipTests)
fi

step() { printf '\n[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
cloud() { "$cloud_bin" "$@"; }
local_() { "$local_bin" "$@"; }
remote_files() { git --git-dir="$dir/remote.git" ls-tree -r --name-only main 2>/dev/null || true; }
# wait_for WHAT SECONDS COMMAND...: polls until COMMAND succeeds, or fails the demo after SECONDS
wait_for() {
  local what=$1 limit=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "FAIL: timed out after ${limit}s waiting for $what" >&2
      for log in "$dir"/cloud.log "$dir"/local.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
      exit 1
    fi
    sleep 0.2
  done
}
pids=()
stop_agents() {
  local pid code
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    code=0; wait "$pid" 2>/dev/null || code=$?
    [ "$code" -eq 0 ] || echo "agent $pid exited with $code" >&2
  done
  pids=()
}
trap stop_agents EXIT

step "demo directory: $dir"
rm -rf "$dir/remote.git" "$dir/cloud" "$dir/local" "$dir/outbox" "$dir"/*.log
git init -q --bare -b main "$dir/remote.git"

step "cloud agent: init (seeds the empty remote); its email handler is scripts/sample-handler.sh"
cloud init --vault "$dir/cloud" --remote "$dir/remote.git" --machine cloud-vm \
  --handler "email=$here/scripts/sample-handler.sh"
step "local agent: init (clones it); its email executor is scripts/sample-executor.sh, sending into $dir/outbox"
local_ init --vault "$dir/local" --remote "$dir/remote.git" --machine desktop \
  --executor "email=$here/scripts/sample-executor.sh --outbox $dir/outbox"

step "the desktop lists the cloud's signing key (the command the cloud's init printed): agent commits are judged by signature from here"
local_ trust cloud_agent --key "$(cat "$dir/cloud/.git/vaultsync/signing_key.pub")" --vault "$dir/local"

step "cloud agent: run (a daemon, 1 s between cycles); the local agent stays stopped for now"
"$cloud_bin" run --vault "$dir/cloud" --interval 1s > "$dir/cloud.log" 2>&1 &   # $! is the JVM (exec)
pids+=($!)

step "a sample email task lands in Needs_Action/ (next to a .env the cloud must never send)"
cat > "$dir/cloud/Needs_Action/EMAIL_invoice_question.md" <<'MD'
---
type: email
from: client@example.com
subject: Question about invoice 1042
---
Hi, could you confirm the due date of invoice 1042?
MD
printf 'SMTP_PASSWORD=do-not-sync-me-123\n' > "$dir/cloud/Needs_Action/.env"

step "the cloud claims the task and its handler drafts a reply into Pending_Approval/email/"
has_draft() { remote_files | grep -q '^Pending_Approval/email/DRAFT_'; }
wait_for "the cloud's draft on the remote" 120 has_draft
draft=$(remote_files | grep '^Pending_Approval/email/DRAFT_' | head -1)
echo "draft on the remote: $draft"
grep -E '^cloud_agent: (claimed|In_Progress)' "$dir/cloud.log" | sed 's/^/  /' || true

step "local agent: run; it pulls the draft"
"$local_bin" run --vault "$dir/local" --interval 1s > "$dir/local.log" 2>&1 &
pids+=($!)
wait_for "the draft in the local vault" 120 test -f "$dir/local/$draft"
sed 's/^/  | /' "$dir/local/$draft"

step "the human approves the draft through the CLI (next to the running agent)"
local_ approve "$draft" --vault "$dir/local"

step "the local executor sends it (into $dir/outbox/) and the item moves to Done/"
sent() { [ "$(find "$dir/outbox" -maxdepth 1 -name '*.eml' 2>/dev/null | wc -l)" -ge 1 ]; }
wait_for "the message in the outbox" 120 sent
done_item="Done/${draft##*/}"
in_done() { remote_files | grep -qxF "$done_item"; }
wait_for "$done_item on the remote" 120 in_done
dash_shows() { git --git-dir="$dir/remote.git" show main:Dashboard.md 2>/dev/null | grep -qF "[${done_item#Done/}]"; }
wait_for "the dashboard to list the item under Done" 120 dash_shows
for f in "$dir"/outbox/*.eml; do echo "outbox: ${f##*/}"; sed 's/^/  | /' "$f"; done

step "Dashboard.md (written by the local agent alone)"
git --git-dir="$dir/remote.git" show main:Dashboard.md | sed 's/^/  | /'

step "both agents stop (SIGTERM finishes the cycle in flight)"
stop_agents
cloud status --vault "$dir/cloud"
echo
local_ status --vault "$dir/local"

step "checks"
count=$(find "$dir/outbox" -maxdepth 1 -name '*.eml' | wc -l)
[ "$count" -eq 1 ] || { echo "FAIL: expected exactly one message in the outbox, found $count" >&2; exit 1; }
echo "exactly one message in the outbox"
if git --git-dir="$dir/remote.git" log -p --all | grep -q 'do-not-sync-me'; then
  echo "FAIL: the secret reached the remote" >&2; exit 1
fi
echo "the secret is nowhere in the remote's history"
git --git-dir="$dir/remote.git" fsck --strict --no-progress
echo "git fsck --strict: clean"
# every commit since the keys were listed verifies with C git against the vault's allowed signers
from=$(sed -n 's/^signatures_from: *"\{0,1\}\([0-9a-f]\{40\}\).*/\1/p' "$dir/local/.vaultsync/policy.yaml")
[ -n "$from" ] || { echo "FAIL: the policy names no signatures_from" >&2; exit 1; }
signed=0
for c in $(git --git-dir="$dir/remote.git" rev-list "$from..main"); do
  git --git-dir="$dir/remote.git" -c gpg.ssh.allowedSignersFile="$dir/local/.vaultsync/allowed_signers" \
    verify-commit "$c" 2>/dev/null || { echo "FAIL: commit $c does not verify" >&2; exit 1; }
  signed=$((signed + 1))
done
echo "all $signed commits since the keys were listed are signed by a listed key (git verify-commit)"
git --git-dir="$dir/remote.git" log --format='  %h %an: %s' main | head -20
step "done. Vaults under $dir (remote.git, cloud, local, outbox)"
