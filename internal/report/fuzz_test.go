package report

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/envlint/envlint/internal/lint"
)

// FuzzReporters feeds one finding with arbitrary file, message, component
// and position to every format and checks the properties each format
// promises: no error, one line per finding where the format is line-based,
// valid JSON that keeps the message, and an intact Markdown table.
func FuzzReporters(f *testing.F) {
	f.Add("a.env", "A is orphaned", ".", 3, 1, "a.env")
	f.Add("dir, x: y/a b.ctmpl", "100% | a:b,\r\nc `d` *e*", "c|d", 0, 0, "")
	f.Add("", "x\n::error::y", "", 2, 9, "")
	f.Add("é.env", "😀", "é", 1, 5, "é.env")
	f.Add("../x", "\xff\xfe", "", -1, -7, "x")
	f.Fuzz(func(t *testing.T, file, msg, component string, line, col int, srcFile string) {
		findings := []lint.Finding{{Rule: "example-key-orphaned", Severity: lint.Warning, Component: component,
			Pos: lint.Pos{File: file, Line: line, Col: col}, Message: msg}}
		src := fstest.MapFS{}
		if fsValid(srcFile) {
			src[srcFile] = &fstest.MapFile{Data: []byte(msg + "\n" + file + "\n")}
		}
		out := map[string]string{}
		for _, format := range Formats {
			rep, err := New(format, Options{Version: "v1.0.0", Source: src})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := rep.Report(&buf, findings, nil); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out[format] = buf.String()
		}
		if !strings.ContainsAny(file, "\r\n") {
			if n := strings.Count(out["text"], "\n"); n != 2 {
				t.Errorf("text: %d lines for one finding:\n%q", n, out["text"])
			}
		}
		if n := strings.Count(out["github"], "\n"); n != 2 || strings.ContainsRune(out["github"], '\r') {
			t.Errorf("github: %d lines for one finding:\n%q", n, out["github"])
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
					Locations []struct {
						PhysicalLocation struct {
							Region *struct {
								StartLine, StartColumn int
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out["sarif"]), &log); err != nil {
			t.Fatalf("sarif: %v", err)
		}
		r := log.Runs[0].Results[0]
		if utf8.ValidString(msg) && r.Message.Text != msg {
			t.Errorf("sarif: message %q, want %q", r.Message.Text, msg)
		}
		for _, l := range r.Locations {
			if reg := l.PhysicalLocation.Region; reg != nil && (reg.StartLine < 1 || reg.StartColumn < 1) {
				t.Errorf("sarif: region %+v, want 1-based", *reg)
			}
		}
		for row := range strings.SplitSeq(out["markdown"], "\n") {
			if strings.HasPrefix(row, "| ") || strings.HasPrefix(row, "|-") {
				if n := len(unescapedPipes.FindAllString(row, -1)); n != 5 {
					t.Errorf("markdown: row with %d separators: %q", n, row)
				}
			}
		}
	})
}

func fsValid(name string) bool { return fs.ValidPath(name) && name != "." }
