#!/usr/bin/env bash
# The embedded default: a bare repository on disk as the remote, the cloud agent and the local agent as
# real processes, and the seed's scenario (task -> draft -> approval) synced between them.
#   scripts/demo.sh [DIR]      (DIR defaults to a new temp dir, printed)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$(mktemp -d -t vaultsync-demo.XXXXXX)}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

cloud_jar=$here/cloud-agent/target/cloud-agent.jar
local_jar=$here/local-agent/target/local-agent.jar
if [ ! -f "$cloud_jar" ] || [ ! -f "$local_jar" ]; then
  echo "building the agents (mvn -B -q package -DskipTests) ..."
  (cd "$here" && mvn -B -q package -DskipTests)
fi

step() { printf '\n[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
cloud() { java -XX:TieredStopAtLevel=1 -jar "$cloud_jar" "$@"; }
local_() { java -XX:TieredStopAtLevel=1 -jar "$local_jar" "$@"; }

step "demo directory: $dir"
rm -rf "$dir/remote.git" "$dir/cloud" "$dir/local"
git init -q --bare -b main "$dir/remote.git"

step "cloud agent: init (seeds the empty remote)"
cloud init --vault "$dir/cloud" --remote "$dir/remote.git" --machine cloud-vm
step "local agent: init (clones it)"
local_ init --vault "$dir/local" --remote "$dir/remote.git" --machine desktop

step "a sample email task lands in Needs_Action/ (cloud side)"
cat > "$dir/cloud/Needs_Action/EMAIL_invoice_question.md" <<'MD'
---
type: email
from: client@example.com
subject: Question about invoice 1042
---
Hi, could you confirm the due date of invoice 1042?
MD
cloud sync --vault "$dir/cloud"
step "cloud agent: claims the task (a move to In_Progress/cloud_agent/, pushed at once with a compare-and-swap)"
cloud claim EMAIL_invoice_question.md --vault "$dir/cloud"
step "local agent: the same task is no longer free"
set +e
local_ claim EMAIL_invoice_question.md --vault "$dir/local"
code=$?
set -e
[ "$code" -eq 4 ] || { echo "expected exit 4 (claimed by another agent), got $code" >&2; exit 1; }
step "the cloud drafts a reply in Pending_Approval/email/, signals it, and keeps a secret it must never send"
cat > "$dir/cloud/Pending_Approval/email/DRAFT_invoice_question.md" <<'MD'
---
type: email
to: client@example.com
subject: "Re: Question about invoice 1042"
task: EMAIL_invoice_question.md
---
Hello, invoice 1042 is due on the 30th. Best regards.
MD
printf '# New draft\n\nDRAFT_invoice_question.md waits for approval.\n' > "$dir/cloud/Updates/SIGNAL_draft_ready.md"
printf 'SMTP_PASSWORD=do-not-sync-me-123\n' > "$dir/cloud/Needs_Action/.env"
cloud sync --vault "$dir/cloud"

step "local agent: sync (pulls the draft and the signal)"
local_ sync --vault "$dir/local"
ls "$dir/local/Pending_Approval/email"

step "the human approves: the draft moves to Approved/ (the local agent's sanctioned move)"
mv "$dir/local/Pending_Approval/email/DRAFT_invoice_question.md" "$dir/local/Approved/DRAFT_invoice_question.md"
local_ sync --vault "$dir/local"

step "cloud agent: sync (sees the approval)"
cloud sync --vault "$dir/cloud"
ls "$dir/cloud/Approved"

step "status of both agents"
cloud status --vault "$dir/cloud"
echo
local_ status --vault "$dir/local"

step "the remote's history (C git)"
git --git-dir="$dir/remote.git" log --format='%h %an: %s' main
if git --git-dir="$dir/remote.git" log -p main | grep -q 'do-not-sync-me'; then
  echo "FAIL: the secret reached the remote" >&2; exit 1
fi
git --git-dir="$dir/remote.git" fsck --strict --no-progress
step "done: the secret stayed on the cloud disk, the approval reached both sides. Vaults under $dir"
