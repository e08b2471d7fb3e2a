package value

import (
	"strings"
	"time"

	"github.com/envlint/envlint/internal/lint"
)

// Each method below follows one library's decoding function (caarlos0
// set/handleSlice/handleMap, kelseyhightower processField, sethvargo
// processField, cleanenv parseValue) for the kinds envlint resolves.

// caarlos0 checks a non-empty value; caarlos0 never decodes "".
func (c *checker) caarlos0(t *lint.Type, v string) error {
	base := t
	if t.Kind == lint.KindPointer {
		if t.Elem == nil {
			return nil
		}
		base = t.Elem
	}
	switch base.Kind {
	case lint.KindTime, lint.KindText:
		err, _ := c.text(base, v)
		return err
	case lint.KindLocation:
		return c.location(base, v)
	case lint.KindStruct, lint.KindUnknown:
		return nil
	}
	if err, ok := c.scalar(base, v); ok {
		return err
	}
	if t.Kind == lint.KindPointer {
		// The pointee's kind is looked up among the built-in parsers only;
		// slices, maps and pointers behind a pointer have none.
		return c.noParser(t)
	}
	switch t.Kind {
	case lint.KindSlice:
		return c.caarlos0Slice(t, v)
	case lint.KindMap:
		return c.caarlos0Map(t, v)
	}
	return nil
}

func (c *checker) noParser(t *lint.Type) error {
	return &Error{msg: "unsupported type " + typeName(t) + ": " + c.name + " has no parser for it"}
}

func (c *checker) caarlos0Slice(t *lint.Type, v string) error {
	if t.Elem == nil {
		return nil
	}
	elem := t.Elem
	if elem.Kind == lint.KindPointer {
		if elem.Elem == nil {
			return nil
		}
		elem = elem.Elem
	}
	for i, part := range strings.Split(v, c.sep) {
		var err error
		switch elem.Kind {
		case lint.KindTime, lint.KindText:
			err, _ = c.text(elem, part)
		case lint.KindLocation:
			err = c.location(elem, part)
		case lint.KindUnknown:
			return nil
		default:
			var ok bool
			if err, ok = c.scalar(elem, part); !ok {
				return c.noParser(t)
			}
		}
		if err != nil {
			return within(err, "item %d of %s (split on %q, not trimmed)", i+1, typeName(t), c.sep)
		}
	}
	return nil
}

// caarlos0MapPart checks a map key or value: caarlos0 uses its type parsers
// (url.URL, time.Duration, time.Location) or the built-in kinds, never
// TextUnmarshaler or pointers.
func (c *checker) caarlos0MapPart(t *lint.Type, v string) (err error, ok bool) {
	switch t.Kind {
	case lint.KindLocation:
		return c.location(t, v), true
	case lint.KindText, lint.KindUnknown:
		return nil, true // the underlying kind decides; envlint does not know it
	}
	return c.scalar(t, v)
}

func (c *checker) caarlos0Map(t *lint.Type, v string) error {
	if t.Key == nil || t.Elem == nil {
		return nil
	}
	if _, ok := c.caarlos0MapPart(t.Key, ""); !ok {
		return c.noParser(t)
	}
	if _, ok := c.caarlos0MapPart(t.Elem, ""); !ok {
		return c.noParser(t)
	}
	for i, item := range strings.Split(v, c.sep) {
		key, val, found := strings.Cut(item, c.kv)
		if !found {
			return &Error{Empty: item == "", msg: itemFormat(c, t, i)}
		}
		if err, _ := c.caarlos0MapPart(t.Key, key); err != nil {
			return within(err, "key of item %d of %s", i+1, typeName(t))
		}
		if err, _ := c.caarlos0MapPart(t.Elem, val); err != nil {
			return within(err, "value of item %d of %s", i+1, typeName(t))
		}
	}
	return nil
}

func itemFormat(c *checker, t *lint.Type, i int) string {
	return "item " + itoa(i+1) + " of " + typeName(t) + " is not key" + c.kv + "value: " +
		c.name + " splits items on " + quote(c.sep) + " and each item on " + quote(c.kv)
}

func (c *checker) kh(t *lint.Type, v string, top bool) error {
	switch t.Kind {
	case lint.KindTime, lint.KindText:
		err, _ := c.text(t, v)
		return err
	case lint.KindLocation, lint.KindStruct, lint.KindUnknown:
		// A struct without a decoder is walked, not read.
		return nil
	case lint.KindPointer:
		if t.Elem == nil {
			return nil
		}
		switch t.Elem.Kind {
		case lint.KindPointer:
			return nil // a pointer to a pointer is silently left alone
		case lint.KindTime, lint.KindText, lint.KindURL:
			// A nil pointer to a decoder type is only allocated for a
			// top-level struct; elsewhere the library calls a method on nil.
			if !top || !textIsStruct(t.Elem.Name) {
				return nil
			}
		}
		return c.kh(t.Elem, v, top)
	case lint.KindSlice:
		if t.Elem == nil || isByte(t.Elem) || strings.TrimSpace(v) == "" {
			return nil
		}
		for i, part := range strings.Split(v, ",") {
			if err := c.kh(t.Elem, part, false); err != nil {
				return within(err, "item %d of %s (split on \",\", not trimmed)", i+1, typeName(t))
			}
		}
		return nil
	case lint.KindMap:
		if t.Key == nil || t.Elem == nil || strings.TrimSpace(v) == "" {
			return nil
		}
		for i, item := range strings.Split(v, ",") {
			kv := strings.Split(item, ":")
			if len(kv) != 2 {
				return &Error{Empty: item == "", msg: "item " + itoa(i+1) + " of " + typeName(t) +
					" is not key:value: " + c.name + " splits items on \",\" and each item on every \":\", so keys and values cannot contain \":\""}
			}
			if err := c.kh(t.Key, kv[0], false); err != nil {
				return within(err, "key of item %d of %s", i+1, typeName(t))
			}
			if err := c.kh(t.Elem, kv[1], false); err != nil {
				return within(err, "value of item %d of %s", i+1, typeName(t))
			}
		}
		return nil
	}
	err, _ := c.scalar(t, v)
	return err
}

func (c *checker) sethvargo(t *lint.Type, v string) error {
	for t.Kind == lint.KindPointer {
		if t.Elem == nil {
			return nil
		}
		t = t.Elem
	}
	switch t.Kind {
	case lint.KindTime, lint.KindText:
		// Decoders are called even with "".
		err, _ := c.text(t, v)
		return err
	case lint.KindLocation, lint.KindStruct, lint.KindUnknown:
		return nil
	}
	if v == "" {
		return nil // "" keeps the zero value
	}
	switch t.Kind {
	case lint.KindSlice:
		if t.Elem == nil || isByte(t.Elem) {
			return nil
		}
		for i, part := range strings.Split(v, c.sep) {
			if err := c.sethvargo(t.Elem, strings.TrimSpace(part)); err != nil {
				return within(err, "item %d of %s (split on %q, trimmed)", i+1, typeName(t), c.sep)
			}
		}
		return nil
	case lint.KindMap:
		if t.Key == nil || t.Elem == nil {
			return nil
		}
		for i, item := range strings.Split(v, c.sep) {
			key, val, found := strings.Cut(item, c.kv)
			if !found {
				return &Error{Empty: item == "", msg: itemFormat(c, t, i)}
			}
			if err := c.sethvargo(t.Key, strings.TrimSpace(key)); err != nil {
				return within(err, "key of item %d of %s", i+1, typeName(t))
			}
			if err := c.sethvargo(t.Elem, strings.TrimSpace(val)); err != nil {
				return within(err, "value of item %d of %s", i+1, typeName(t))
			}
		}
		return nil
	}
	err, _ := c.scalar(t, v)
	return err
}

func (c *checker) cleanenv(t *lint.Type, v string, top bool) error {
	switch t.Kind {
	case lint.KindTime:
		// env-layout applies to a time.Time field, not to slice items.
		layout, rule := time.RFC3339, "parses time.Time with the RFC 3339 layout"
		if top && c.layout != "" {
			layout, rule = c.layout, "parses time.Time with the env-layout "+quote(c.layout)
		}
		if _, err := time.Parse(layout, v); err != nil {
			return c.bad(t, v == "", "not a time", rule)
		}
		return nil
	case lint.KindText:
		if top && textIsStruct(t.Name) {
			// A struct field is walked, even when it decodes itself.
			return nil
		}
		err, _ := c.text(t, v)
		return err
	case lint.KindLocation, lint.KindStruct:
		if top {
			return nil // walked, not read
		}
		if t.Kind == lint.KindStruct {
			return nil // may decode itself; envlint cannot tell
		}
		return c.unsupported(t)
	case lint.KindUnknown:
		return nil
	case lint.KindPointer:
		if t.Elem == nil {
			return nil
		}
		switch t.Elem.Kind {
		case lint.KindLocation:
			return c.location(t.Elem, v)
		case lint.KindText, lint.KindTime, lint.KindStruct, lint.KindUnknown:
			return nil // a method may be called on a nil pointer; envlint cannot tell
		}
		return c.unsupported(t)
	case lint.KindSlice:
		if t.Elem == nil || isByte(t.Elem) || strings.TrimSpace(v) == "" {
			return nil
		}
		for i, part := range strings.Split(v, c.sep) {
			if err := c.cleanenv(t.Elem, part, false); err != nil {
				return within(err, "item %d of %s (split on %q, not trimmed)", i+1, typeName(t), c.sep)
			}
		}
		return nil
	case lint.KindMap:
		if t.Key == nil || t.Elem == nil || strings.TrimSpace(v) == "" {
			return nil
		}
		for i, item := range strings.Split(v, c.sep) {
			key, val, found := strings.Cut(item, ":")
			if !found {
				return &Error{Empty: item == "", msg: itemFormat(c, t, i)}
			}
			if err := c.cleanenv(t.Key, key, false); err != nil {
				return within(err, "key of item %d of %s", i+1, typeName(t))
			}
			if err := c.cleanenv(t.Elem, val, false); err != nil {
				return within(err, "value of item %d of %s", i+1, typeName(t))
			}
		}
		return nil
	}
	err, _ := c.scalar(t, v)
	return err
}

func (c *checker) unsupported(t *lint.Type) error {
	return &Error{msg: "unsupported type " + typeName(t) + ": " + c.name +
		" cannot decode it (of pointers it decodes only *time.Location)"}
}

// isByte reports whether t is byte (uint8), whose slices hold raw bytes.
func isByte(t *lint.Type) bool { return t.Kind == lint.KindUint && t.Bits == 8 }
