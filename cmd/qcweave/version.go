package main

import (
	"runtime/debug"

	"qcweave/extractors"
)

// version is the release, set at link time (-ldflags '-X main.version=v1.2.3');
// empty in a development build, which shows its VCS revision instead.
var version string

// versionLine is what --version prints: the release (or the revision of a
// development build) and the extractor version stored with every document.
func versionLine() string {
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			rev, dirty := "", false
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					dirty = s.Value == "true"
				}
			}
			if rev != "" {
				v += " " + rev[:min(12, len(rev))]
				if dirty {
					v += "+dirty"
				}
			}
		}
	}
	return "qcweave " + v + " (extractor " + extractors.Version + ")"
}
