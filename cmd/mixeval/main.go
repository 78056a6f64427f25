// Command mixeval is a toolkit for mixed-methods service evaluation:
// thematic analysis of feedback forms and reliable and clinically
// significant change on outcome measures. See README.md.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], systemIO()))
}
