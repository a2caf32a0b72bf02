#!/usr/bin/env bash
# Sample notify command for the local agent: tells the person at the desktop about new drafts and cards.
# Set it in the local clone's .git/vaultsync/agent.yaml:   notify: /opt/vaultsync/sample-notify.sh
# The agent runs it through `sh -c` with the new items as a JSON list on stdin:
#   [{"path":"Pending_Approval/email/DRAFT_x.md","kind":"draft","title":"Re: invoice"}, ...]
# (kind is "draft" or "card"; $VAULTSYNC_VAULT names the vault). It shows a desktop notification with
# notify-send where a desktop session is reachable, and prints the list otherwise (the agent keeps the
# output in .git/vaultsync/notify.log). The agent stops it after 30 s and never calls it twice for an item.
set -u
json=$(cat)
if command -v jq >/dev/null 2>&1; then
  lines=$(printf '%s' "$json" | jq -r '.[] | "\(.kind): \(.title) (\(.path))"')
else # no jq: good enough for the agent's own compact JSON
  lines=$(printf '%s' "$json" | sed 's/},{/}\n{/g' \
    | sed -n 's/.*"path":"\([^"]*\)","kind":"\([^"]*\)","title":"\(\([^"\\]\|\\.\)*\)".*/\2: \3 (\1)/p')
fi
n=$(printf '%s\n' "$lines" | grep -c .)
summary="vaultsync: $n new item(s) to look at"
if command -v notify-send >/dev/null 2>&1 \
    && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; }; then
  notify-send --app-name=vaultsync "$summary" "$lines" && exit 0
fi
printf '%s\n%s\n' "$summary" "$lines"
