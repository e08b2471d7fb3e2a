package value

import (
	"encoding"
	"encoding/gob"
	"encoding/json"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"time"

	// time.LoadLocation must give the same answer on every machine, with or
	// without a system zoneinfo database.
	_ "time/tzdata"
)

// textType is a standard-library type that decodes itself. The libraries
// call its methods, so calling the same methods gives exactly their answer.
type textType struct {
	new      func() any // a pointer to a zero value
	isStruct bool       // struct kinds are walked, not decoded, when unset
}

// textTypes are keyed by the type's name as written in Go source with the
// package's default name.
var textTypes = map[string]textType{
	"time.Time":      {func() any { return new(time.Time) }, true},
	"net.IP":         {func() any { return new(net.IP) }, false},
	"netip.Addr":     {func() any { return new(netip.Addr) }, true},
	"netip.AddrPort": {func() any { return new(netip.AddrPort) }, true},
	"netip.Prefix":   {func() any { return new(netip.Prefix) }, true},
	"slog.Level":     {func() any { return new(slog.Level) }, false},
	"regexp.Regexp":  {func() any { return new(regexp.Regexp) }, true},
}

func textIsStruct(name string) bool {
	tt, ok := textTypes[name]
	return !ok || tt.isStruct
}

// decodeText uses UnmarshalText, as caarlos0 and cleanenv do.
func decodeText(p any, v string) bool {
	tu, ok := p.(encoding.TextUnmarshaler)
	return ok && tu.UnmarshalText([]byte(v)) == nil
}

// decodeTextOrBinary uses the first of UnmarshalText and UnmarshalBinary
// that the type has, as kelseyhightower does.
func decodeTextOrBinary(p any, v string) bool {
	if tu, ok := p.(encoding.TextUnmarshaler); ok {
		return tu.UnmarshalText([]byte(v)) == nil
	}
	if bu, ok := p.(encoding.BinaryUnmarshaler); ok {
		return bu.UnmarshalBinary([]byte(v)) == nil
	}
	return false
}

// decodeAny tries UnmarshalText, UnmarshalJSON, UnmarshalBinary and
// GobDecode until one succeeds, as sethvargo does: a JSON-quoted time or a
// 4-byte netip.Addr is therefore valid there.
func decodeAny(p any, v string) bool {
	b := []byte(v)
	if tu, ok := p.(encoding.TextUnmarshaler); ok && tu.UnmarshalText(b) == nil {
		return true
	}
	if ju, ok := p.(json.Unmarshaler); ok && ju.UnmarshalJSON(b) == nil {
		return true
	}
	if bu, ok := p.(encoding.BinaryUnmarshaler); ok && bu.UnmarshalBinary(b) == nil {
		return true
	}
	if gd, ok := p.(gob.GobDecoder); ok && gd.GobDecode(b) == nil {
		return true
	}
	return false
}

func parseDuration(v string) error {
	_, err := time.ParseDuration(v)
	return err
}

func parseURL(v string) error {
	_, err := url.Parse(v)
	return err
}

func parseLocation(v string) error {
	_, err := time.LoadLocation(v)
	return err
}
