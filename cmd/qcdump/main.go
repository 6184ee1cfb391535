package main

import (
	"context"
	"fmt"
	"os"

	"qcweave/formats"
)

func main() {
	doc, err := formats.Load(context.Background(), os.Args[1])
	if err != nil {
		panic(err)
	}
	for i, b := range doc.Blocks {
		fmt.Printf("%d %s %q\n", i, b.Kind, doc.Slice(b.Span))
	}
}
