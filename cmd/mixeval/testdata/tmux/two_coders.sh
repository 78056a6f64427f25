#!/usr/bin/env bash
# Two coders in two terminals at once: alice creates a theme and bob, whose
# UI is already open, sees it without restarting; both code an answer; a
# second UI for alice opens read-only and says why when an editing key is
# pressed. The Go test checks both coder files.
source "$(dirname "$0")/lib.sh"
new_study
start alice tui --coder alice
start bob tui --coder bob
wait_for alice "coder alice"
wait_for bob "coder bob"
keys bob 3
wait_for bob "Not in a theme"
keys alice 3
wait_for alice "Not in a theme"
keys alice t
type_text alice "Shared idea"
keys alice Enter
wait_for alice "creating theme Shared idea"
# bob's UI notices the codebook changed on disk (it looks every 2 s).
# The sample has 8 themes and subthemes; the header counts the new one.
wait_for bob "9 themes" 10
# Both code the first word of P02/online ("Fine").
for who in alice bob; do
  keys "$who" 2 j j j j j Enter
  wait_for "$who" "P02/online"
  keys "$who" v w c
  wait_for "$who" "Code 0-4 as"
  type_text "$who" "brief-$who"
  keys "$who" Enter
  wait_for "$who" "0-4 brief-$who"
done
# A second UI for alice: read-only, with the reason when editing.
start again tui --coder alice
wait_for again "READ-ONLY"
keys again 2 Enter v
wait_for again "select is off: read-only: alice's coding is open in another mixeval"
keys again q
keys alice q
keys bob q
wait_exit again
wait_exit alice
wait_exit bob
