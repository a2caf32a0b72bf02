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

# The value of KEY in the task's front matter (the block between the first two '---' lines), unquoted;
# empty if absent. CRLF line ends are fine.
field() {
  awk -v key="$1" '
    { sub(/\r$/, "") }
    NR == 1 { if ($0 != "---") exit; next }
    $0 == "---" { exit }
    index($0, key ":") == 1 {
      v = substr($0, length(key) + 2); sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
      if (v ~ /^".*"$/) { v = substr(v, 2, length(v) - 2); gsub(/\\"/, "\"", v); gsub(/\\\\/, "\\", v) }
      else if (v ~ /^'\''.*'\''$/) { v = substr(v, 2, length(v) - 2); gsub(/'\'''\''/, "'\''", v) }
      print v; exit
    }' "$task"
}
# A YAML double-quoted scalar.
yaml() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

from=$(field from)
subject=$(field subject)
[ -n "$from" ] || { echo "$task has no 'from:' in its front matter" >&2; exit 3; }
name=$(basename "$task" .md)
{
  printf -- '---\ntype: email\nto: %s\nsubject: %s\n---\n' "$(yaml "$from")" "$(yaml "Re: ${subject:-your message}")"
  if [ -n "$subject" ]; then printf 'Hello,\n\nThank you for your message about "%s". ' "$subject"
  else printf 'Hello,\n\nThank you for your message. '; fi
  printf 'We are looking into it and will get back to you shortly.\n\nBest regards\n'
} > "$outdir/reply_$name.md"
echo "drafted a reply to $from"
