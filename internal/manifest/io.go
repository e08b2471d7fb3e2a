package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/envlint/envlint/internal/lint"
)

// Marshal returns the manifest as indented JSON ending in a newline. The
// same manifest always gives the same bytes.
func Marshal(m *Manifest) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the manifest as indented JSON ending in a newline.
func Write(w io.Writer, m *Manifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// maxSize bounds what Read accepts, so that a wrong file is an error rather
// than a memory spike.
const maxSize = 64 << 20

// Read reads a manifest. file names it in errors and in the positions of
// the config layer that [Component.Config] returns. Errors name the file
// and, where it can be told, the line.
func Read(file string, r io.Reader) (*Manifest, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read manifest %s: %w", file, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("manifest %s is over %d MiB", file, maxSize>>20)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("%s:%d: manifest is not valid JSON: %v", file, lineAt(data, se.Offset), se)
		case errors.As(err, &te):
			return nil, fmt.Errorf("%s:%d: manifest field %s must be %s, not a JSON %s", file, lineAt(data, te.Offset), te.Field, te.Type, te.Value)
		}
		return nil, fmt.Errorf("%s: manifest is not valid: %w", file, err)
	}
	if m.Version != Version {
		return nil, fmt.Errorf("%s: manifest version %d is not supported (this envlint reads version %d)", file, m.Version, Version)
	}
	lines := objectLines(data)
	m.file = file
	seen := map[string]bool{}
	for i, c := range m.Components {
		if c == nil {
			return nil, fmt.Errorf("%s: component %d is null", file, i+1)
		}
		c.file, c.line = file, lines[[2]int{i, -1}]
		if c.Name == "" {
			return nil, fmt.Errorf("%s:%d: a component has no name", file, c.line)
		}
		if seen[c.Name] {
			return nil, fmt.Errorf("%s:%d: component %s is listed twice", file, c.line, c.Name)
		}
		seen[c.Name] = true
		for j, k := range c.Keys {
			line := lines[[2]int{i, j}]
			if k == nil || k.Name == "" {
				return nil, fmt.Errorf("%s:%d: a key of component %s has no name", file, line, c.Name)
			}
			k.line = line
			if err := k.validate(); err != nil {
				return nil, fmt.Errorf("%s:%d: key %s: %v", file, line, k.Name, err)
			}
		}
	}
	return &m, nil
}

func (k *Key) validate() error {
	switch k.Library {
	case "", lint.Caarlos0, lint.Kelseyhightower, lint.Sethvargo, lint.Cleanenv, lint.Pydantic:
	default:
		return fmt.Errorf("unknown library %q", k.Library)
	}
	if k.Source != "struct" && k.Source != "getenv" {
		return fmt.Errorf("unknown source %q (want struct or getenv)", k.Source)
	}
	return k.Type.validate(0)
}

var kinds = map[lint.Kind]bool{
	lint.KindBool: true, lint.KindString: true, lint.KindInt: true, lint.KindUint: true, lint.KindFloat: true,
	lint.KindDuration: true, lint.KindTime: true, lint.KindURL: true, lint.KindLocation: true, lint.KindSlice: true,
	lint.KindMap: true, lint.KindPointer: true, lint.KindStruct: true, lint.KindText: true, lint.KindUnknown: true,
}

func (t *Type) validate(depth int) error {
	if depth > 32 {
		return errors.New("type nests too deeply")
	}
	if !kinds[t.Kind] {
		return fmt.Errorf("unknown type kind %q", t.Kind)
	}
	for _, sub := range []*Type{t.Elem, t.Key} {
		if sub != nil {
			if err := sub.validate(depth + 1); err != nil {
				return err
			}
		}
	}
	return nil
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// objectLines finds the line each component object (key {i, -1}) and each
// key object ({i, j}) starts on, by walking the JSON tokens. data is known
// to be valid JSON.
func objectLines(data []byte) map[[2]int]int {
	w := &walker{dec: json.NewDecoder(bytes.NewReader(data)), data: data, lines: map[[2]int]int{}}
	w.value(nil)
	return w.lines
}

type walker struct {
	dec   *json.Decoder
	data  []byte
	lines map[[2]int]int
}

// value reads one JSON value at path, recording the lines of objects at
// components.<i> and components.<i>.keys.<j>.
func (w *walker) value(path []string) {
	tok, err := w.dec.Token()
	if err != nil {
		return
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return
	}
	// InputOffset is just past the opening delimiter.
	line := lineAt(w.data, w.dec.InputOffset()-1)
	switch d {
	case '{':
		if len(path) == 2 && path[0] == "components" {
			w.lines[[2]int{atoi(path[1]), -1}] = line
		}
		if len(path) == 4 && path[0] == "components" && path[2] == "keys" {
			w.lines[[2]int{atoi(path[1]), atoi(path[3])}] = line
		}
		for w.dec.More() {
			name, err := w.dec.Token()
			if err != nil {
				return
			}
			s, _ := name.(string)
			w.value(append(path[:len(path):len(path)], s))
		}
	case '[':
		for i := 0; w.dec.More(); i++ {
			w.value(append(path[:len(path):len(path)], strconv.Itoa(i)))
		}
	}
	w.dec.Token() // the closing delimiter
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
