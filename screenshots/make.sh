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

"$bin" serve --port 0 --db "$work/demo.sqlite" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$work/serve.log")"
[ -n "$url" ] || { cat "$work/serve.log"; exit 1; }

cols=120 rows=32
tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" \
  "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$work/state $bin --url $url" </dev/null >/dev/null 2>&1

wait_for() {
  for _ in $(seq 1 300); do
    tmux -L "$socket" capture-pane -p | grep -q "$1" && return 0
    sleep 0.1
  done
  echo "screen never showed: $1" >&2
  tmux -L "$socket" capture-pane -p >&2
  exit 1
}
wait_gone() {
  for _ in $(seq 1 300); do
    tmux -L "$socket" capture-pane -p | grep -q "$1" || return 0
    sleep 0.1
  done
  echo "screen still shows: $1" >&2
  exit 1
}
shoot() {
  tmux -L "$socket" capture-pane -e -p | python3 screenshots/render.py "screenshots/$1.png" "$cols"
  echo "screenshots/$1.png"
}

wait_for " segments"
wait_for "1/"
tmux -L "$socket" send-keys j j j
tmux -L "$socket" send-keys Enter
wait_for "Query name"
wait_gone "loading every field"
shoot list-and-detail
tmux -L "$socket" send-keys Escape '?'
wait_for "Keys"
shoot help
tmux -L "$socket" send-keys q
