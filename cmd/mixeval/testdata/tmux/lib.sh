# Helpers for the tmux scenarios: each scenario drives the real mixeval
# binary in a private tmux server (its own socket, no user config) at a
# fixed size, as a person would, one key at a time.
#
# Environment: MIXEVAL (the binary), STUDY (a folder to create the study in),
# SOCK (the tmux socket name).
set -euo pipefail

: "${MIXEVAL:?set MIXEVAL to the mixeval binary}"
: "${STUDY:?set STUDY to a new folder for the study}"
SOCK=${SOCK:-mixeval-test-$$}
T=(tmux -L "$SOCK" -f /dev/null)
PAUSE=${PAUSE:-0.15}

cleanup() { "${T[@]}" kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

# new_study makes a fresh copy of the sample study in $STUDY.
new_study() { "$MIXEVAL" init --from-sample "$STUDY" >/dev/null; }

# start NAME ARGS...: runs mixeval ARGS in window NAME of an 80x24 terminal,
# and records its exit status in $STUDY/../NAME.exit when it ends.
start() {
  local name=$1; shift
  local cmd="cd '$STUDY' && exec '$MIXEVAL' $*"
  if ! "${T[@]}" has-session 2>/dev/null; then
    "${T[@]}" new-session -d -s main -n "$name" -x 80 -y 24 "bash -c \"$cmd\"; echo \$? > '$STUDY.$name.exit'"
  else
    "${T[@]}" new-window -d -t main -n "$name" "bash -c \"$cmd\"; echo \$? > '$STUDY.$name.exit'"
  fi
  "${T[@]}" set-option -t main remain-on-exit on >/dev/null
}

# keys NAME KEY...: sends each key on its own, with a pause.
keys() {
  local name=$1; shift
  for k in "$@"; do
    "${T[@]}" send-keys -t "main:$name" "$k"
    sleep "$PAUSE"
  done
}

# type NAME TEXT: types literal text.
type_text() {
  "${T[@]}" send-keys -t "main:$1" -l "$2"
  sleep "$PAUSE"
}

screen() { "${T[@]}" capture-pane -p -t "main:$1"; }

# wait_for NAME TEXT [SECONDS]: polls the screen until TEXT shows.
wait_for() {
  local name=$1 text=$2 deadline=$((SECONDS + ${3:-10}))
  while ((SECONDS < deadline)); do
    if screen "$name" | grep -F -- "$text" >/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for \"$text\" in window $name; the screen was:" >&2
  screen "$name" >&2
  return 1
}

# wait_exit NAME: waits for the program in window NAME to end and checks
# that it exited with status 0.
wait_exit() {
  local f="$STUDY.$1.exit" deadline=$((SECONDS + ${2:-10}))
  while ((SECONDS < deadline)); do
    if [[ -s $f ]]; then
      local rc
      rc=$(cat "$f")
      [[ $rc == 0 ]] && return 0
      echo "window $1 exited with status $rc; the screen was:" >&2
      screen "$1" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "window $1 did not exit; the screen was:" >&2
  screen "$1" >&2
  return 1
}

# ui_pid NAME: the pid of mixeval in window NAME (the pane runs a shell
# whose child exec'd mixeval).
ui_pid() { pgrep -P "$("${T[@]}" display-message -p -t "main:$1" '#{pane_pid}')"; }
