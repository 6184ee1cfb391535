module qcweave

go 1.26.8

require (
	github.com/go-ego/gse v0.80.3
	golang.org/x/term v0.47.0
	golang.org/x/text v0.43.0
)

require (
	github.com/ledongthuc/pdf v0.0.0-20260907135840-6c8c28e0e8a0 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	github.com/vcaesar/cedar v0.20.2 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
