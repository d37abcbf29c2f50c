#!/usr/bin/env bash
# Makes the README's screenshots from the real program: segtui serve on a throw-away database,
# segtui in tmux against it, keys sent as a person would, each screen captured with its colours
# and rendered to PNG by render.py. Needs tmux, python3 with Pillow, fonts-dejavu, fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product segtui >/dev/null
bin="$(swift build --show-bin-path)/segtui"
work="$(mktemp -d)"
socket="segtui-shots-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" serve --port 0 --lifecycle-delay 4 --db "$work/demo.sqlite" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$work/serve.log")"
[ -n "$url" ] || { cat "$work/serve.log"; exit 1; }

cols=120 rows=32
tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" \
  "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$work/state $bin --url $url" </dev/null >/dev/null 2>&1

wait_for() {
  for _ in $(seq 1 300); do
    tmux -L "$socket" capture-pane -p | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "screen never showed: $1" >&2
  tmux -L "$socket" capture-pane -p >&2
  exit 1
}
wait_gone() {
  for _ in $(seq 1 300); do
    tmux -L "$socket" capture-pane -p | grep -qF -- "$1" || return 0
    sleep 0.1
  done
  echo "screen still shows: $1" >&2
  exit 1
}
shoot() {
  tmux -L "$socket" capture-pane -e -p | python3 screenshots/render.py "screenshots/$1.png" "$cols"
  echo "screenshots/$1.png"
}

keys() { tmux -L "$socket" send-keys "$@"; }
type_text() { tmux -L "$socket" send-keys -l "$1"; }

wait_for " segments"
wait_for "1/"
keys j j
keys Enter
wait_for "Definition id"
shoot list-and-detail

# The editor on a dynamic segment, with a query that cannot be parsed.
keys Escape /
type_text "Marketing managers"
keys Enter
wait_for "filter: Marketing managers"
keys e
wait_for "Edit: Marketing managers"
keys Tab Tab End
type_text " && ISNOTNULL(emailaddress1"
keys C-s
wait_for "nothing was saved"
shoot editor
keys Escape
wait_for "Discard your edit"
keys Tab Enter
wait_gone "Edit: Marketing managers"

# The groups of a static segment, the contact picker adding to the Include group, two marked.
keys / C-u
type_text "Webinar attendees"
keys Enter
wait_for "filter: Webinar attendees"
keys m
wait_for "Groups: Webinar attendees"
keys a
wait_for "Add contacts"
type_text "ana"
wait_for " found"
keys Down Space Down Down Space
shoot contact-picker
keys Enter
wait_for "staged: +2"
shoot members-staged
keys Escape
wait_for "Discard your member changes"
keys Tab Enter
wait_gone "Groups: Webinar attendees"

# Who is in the segment now (msdynmkt_MembersList), for any kind of segment.
keys m
wait_for "Groups: Webinar attendees"
keys v
wait_for "In the segment now"
shoot current-members
keys Escape
wait_gone "In the segment now"

# Publishing: the confirmation, then the row following the service.
keys L
wait_for "[ Go live ]"
shoot go-live-dialog
keys Tab Enter
wait_for "Going live"
shoot going-live
wait_gone "Going live"
shoot live

keys Escape / C-u Enter
wait_gone "filter:"
wait_for "/40"
keys '?'
wait_for "Show or hide this help"
shoot help
keys q
