#!/usr/bin/env bash
# SIGKILL right after a coding action: the action is on screen, so it must
# be on disk (the journal is synced before the UI shows it). The Go test
# reads the coding back.
source "$(dirname "$0")/lib.sh"
new_study
start ui tui --coder newcomer
wait_for ui "1 Familiarise"
keys ui 2 Enter v w w c
wait_for ui "Code 0-13 as"
type_text ui killed
keys ui Enter
wait_for ui "0-13 killed"
kill -KILL "$(ui_pid ui)"
sleep 0.3
