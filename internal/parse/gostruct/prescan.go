package gostruct

import (
	"bytes"
	"go/parser"
	"go/token"
	"io"
	"runtime"
	"strconv"
	"sync"

	"github.com/envlint/envlint/internal/safefile"
)

// headChunk is how much of a file the import pre-scan reads first. The
// import block of nearly every Go file fits in it, so that a large file
// nobody needs (generated code, say) costs one short read.
const headChunk = 8 << 10

// header is what the pre-scan learns of one file without parsing its body.
type header struct {
	name    string // the package clause
	imports []string
	ok      bool // the package clause and imports parsed
	// src is the whole file when it may be parsed in full later, so that it
	// is read once; nil otherwise.
	src []byte
	// getenv reports that the source spells Getenv or LookupEnv somewhere.
	// Only files that do can hold an os.Getenv read, so others importing os
	// are not parsed for one. Set only when the body was read.
	getenv bool
}

// headers pre-scans files concurrently, a few at a time, and returns their
// headers in the order of files. keep decides, from a file's imports, whether
// the scan may need its whole source; body, whether it is read for the
// Getenv test.
func headers(root string, abs []string, keep func(imports []string) (src, body bool)) []header {
	hs := make([]header, len(abs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(abs)) {
		wg.Go(func() {
			scratch := make([]byte, headChunk)
			for i := range next {
				hs[i] = readHeader(root, abs[i], keep, scratch)
			}
		})
	}
	for i := range abs {
		next <- i
	}
	close(next)
	wg.Wait()
	return hs
}

// readHeader reads the start of a file into scratch (headChunk bytes, reused
// from file to file) and parses its imports. It reads the rest only when the
// start does not parse on its own (a long header comment, a file with a
// syntax error) or when keep asks for the body.
func readHeader(root, abs string, keep func([]string) (src, body bool), scratch []byte) header {
	f, err := safefile.Open(root, abs)
	if err != nil {
		return header{} // parseFull reports it
	}
	defer f.Close()
	buf := scratch[:headChunk]
	n, err := io.ReadFull(f, buf)
	complete := err == io.EOF || err == io.ErrUnexpectedEOF
	if err != nil && !complete {
		return header{}
	}
	buf = buf[:n]
	head := buf
	if !complete {
		// Cut at a line end: a token cut in two would then be one that spans
		// lines (a raw string, a block comment), which does not parse, and
		// the whole file is read instead. So a cut start parses exactly
		// when the whole file's imports do.
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	readAll := func() bool {
		rest, err := io.ReadAll(f)
		if err != nil {
			return false
		}
		buf = append(buf, rest...)
		complete = true
		return true
	}
	h := parseHeader(abs, head)
	if !h.ok && !complete {
		if !readAll() {
			return header{}
		}
		h = parseHeader(abs, buf)
	}
	src, body := keep(h.imports)
	if !h.ok {
		src = true // for parseFull to report the error without a second read
	}
	if (src || body) && !complete && !readAll() {
		return header{}
	}
	if body {
		h.getenv = bytes.Contains(buf, []byte("Getenv")) || bytes.Contains(buf, []byte("LookupEnv"))
	}
	if src {
		h.src = bytes.Clone(buf) // buf may still be scratch
		if h.src == nil {
			h.src = []byte{} // an empty file is still a file to report
		}
	}
	return h
}

func parseHeader(abs string, src []byte) header {
	af, err := parser.ParseFile(token.NewFileSet(), abs, src, parser.ImportsOnly|parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return header{}
	}
	if excludedByBuild(af) {
		return header{ok: true}
	}
	h := header{ok: true, name: af.Name.Name}
	for _, is := range af.Imports {
		if p, err := strconv.Unquote(is.Path.Value); err == nil {
			h.imports = append(h.imports, p)
		}
	}
	return h
}
