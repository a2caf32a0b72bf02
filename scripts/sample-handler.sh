#!/usr/bin/env bash
# Sample handler for email tasks: drafts a polite reply. The cloud agent runs it as:
#   sample-handler.sh TASK OUTDIR
#   TASK    the claimed task (Markdown; from:/subject: in its front matter)
#   OUTDIR  an empty folder; every file written there becomes Pending_Approval/email/DRAFT_<name>
# Exit 0 with at least one file: drafted. Anything else: a failure, tried again later, then carded.
# Replace it with your own (an LLM call, a template engine ...); it must never send anything itself.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 TASK OUTDIR" >&2; exit 2; }
task=$1 outdir=$2
field() { sed -n '1{/^---$/!q};1,/^---$/{s/^'"$1"':[[:space:]]*//p}' "$task" | head -1 | sed 's/^"\(.*\)"$/\1/'; }
from=$(field from)
subject=$(field subject)
[ -n "$from" ] || { echo "$task has no 'from:' in its front matter" >&2; exit 3; }
name=$(basename "$task" .md)
{
  printf -- '---\ntype: email\nto: "%s"\nsubject: "Re: %s"\n---\n' "$from" "${subject//\"/\'}"
  printf 'Hello,\n\nThank you for your message about "%s". ' "$subject"
  printf 'We are looking into it and will get back to you shortly.\n\nBest regards\n'
} > "$outdir/reply_$name.md"
echo "drafted a reply to $from"
