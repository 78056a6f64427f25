#!/usr/bin/env bash
# Phase 3 and 5 as a user would do them: create a theme, move two codes
# under it (cut and paste), write its definition. The Go test then checks
# codebook.yaml.
source "$(dirname "$0")/lib.sh"
new_study
start ui tui --coder alice
wait_for ui "1 Familiarise"
keys ui 3
wait_for ui "Not in a theme"
keys ui t
type_text ui "Feeling heard"
keys ui Enter
wait_for ui "creating theme Feeling heard"
# Row 3 of the tree is the code not-alone: cut it, paste it under the new
# theme (the last row).
keys ui g j j x
wait_for ui "cut not-alone"
keys ui G v
wait_for ui "moving not-alone"
# not-alone has left row 3 to wish-for-contact; the last row is now
# not-alone, under the new theme: pasting there puts the code beside it.
keys ui g j j x
wait_for ui "cut wish-for-contact"
keys ui G v
wait_for ui "moving wish-for-contact"
keys ui 5
wait_for ui "Feeling heard"
keys ui G e
wait_for ui "definition of feeling-heard"
type_text ui "Being listened to and believed about the pain."
keys ui Enter
wait_for ui "definition of feeling-heard"
keys ui q
wait_exit ui
