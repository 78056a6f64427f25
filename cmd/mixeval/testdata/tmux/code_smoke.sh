#!/usr/bin/env bash
# The acceptance scenario of the terminal UI (issue 10): a new coder opens
# the Code phase, opens the first answer, selects its first two words by
# keyboard, creates the code tui-smoke from the picker, and quits. The Go
# test then checks coding/newcomer.yaml and mixeval.yaml.
source "$(dirname "$0")/lib.sh"
new_study
start ui tui --coder newcomer
wait_for ui "1 Familiarise"
keys ui 2
wait_for ui "Answers"
keys ui Enter
wait_for ui "P01/helped · group 1"
keys ui v w w c
wait_for ui "Code 0-13 as"
type_text ui tui-smoke
wait_for ui '+ new code "tui-smoke"'
keys ui Enter
wait_for ui "0-13 tui-smoke"
keys ui q
wait_exit ui
