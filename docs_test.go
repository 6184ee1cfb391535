package qcweave

import (
	"os"
	"strings"
	"testing"
)

// The README points to the output contract inside the project, which a
// clone has, and says what make test costs.
func TestDocs(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	contract, err := os.ReadFile("docs/CONTRACT.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(contract), "# qcweave output contract") {
		t.Errorf("docs/CONTRACT.md does not start as the contract does")
	}
	r := string(readme)
	if !strings.Contains(r, "(docs/CONTRACT.md)") || strings.Contains(r, "shared folder") {
		t.Error("the README does not link docs/CONTRACT.md, or points to a shared folder a clone lacks")
	}
	head := r[:strings.Index(r, "## Use")]
	if !strings.Contains(head, "make test") || !strings.Contains(head, "module proxy") || !strings.Contains(head, "minutes") {
		t.Error("the README's first lines do not say what make test fetches on its first run and how long it takes")
	}
}
