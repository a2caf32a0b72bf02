#!/usr/bin/env bash
# Sample executor for approved email drafts: "sends" the message by writing it to an outbox folder.
# The local agent runs it as:  sample-executor.sh --outbox DIR ITEM KEY
#   ITEM  the approved file (Markdown with to:/subject: in its front matter)
#   KEY   the idempotency key: the same for every try of one approval
# It sends at most once per key: the message is written aside, then hard-linked to DIR/<KEY>.eml, which
# fails if that name exists; a second call with the same key prints "already sent" and exits 0.
# Replace it with your own; keep the idempotency rule (a real mail or payment API takes the key as its
# Idempotency-Key).
set -euo pipefail
outbox=
if [ "${1:-}" = "--outbox" ]; then outbox=$2; shift 2; fi
[ $# -eq 2 ] && [ -n "$outbox" ] || { echo "usage: $0 --outbox DIR ITEM KEY" >&2; exit 2; }
item=$1 key=$2
case $key in *[!A-Za-z0-9-]*|'') echo "bad key: $key" >&2; exit 2 ;; esac
mkdir -p "$outbox/.pending"
field() { sed -n '1{/^---$/!q};1,/^---$/{s/^'"$1"':[[:space:]]*//p}' "$item" | head -1 | sed 's/^"\(.*\)"$/\1/'; }
to=$(field to)
subject=$(field subject)
[ -n "$to" ] || { echo "$item has no 'to:' in its front matter" >&2; exit 3; }
if [ -e "$outbox/$key.eml" ]; then echo "already sent ($key)"; exit 0; fi
tmp="$outbox/.pending/$key.$$"
{
  printf 'To: %s\nSubject: %s\nX-Idempotency-Key: %s\n\n' "$to" "$subject" "$key"
  awk 'NR==1 && $0=="---" {fm=1; next} fm && $0=="---" {fm=0; next} !fm' "$item" | sed '/^## Original task/,$d'
} > "$tmp"
sleep "${SAMPLE_EXECUTOR_DELAY:-0}"   # lets tests stop the agent mid-send
if ln "$tmp" "$outbox/$key.eml" 2>/dev/null; then
  rm -f "$tmp"
  echo "sent to $to: $subject ($key)"
else
  rm -f "$tmp"
  echo "already sent ($key)"
fi
