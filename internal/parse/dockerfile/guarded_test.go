package dockerfile

import "testing"

func TestGuarded(t *testing.T) {
	tests := []struct {
		script string
		want   bool
	}{
		{`if [ -n "$VERSION" ]; then go build -X v=$VERSION; fi`, true},
		{`[ -z "${VERSION}" ] || echo`, true},
		{`test -n $VERSION`, true},
		{`echo ${VERSION:-dev}`, true},
		{`echo ${VERSION-dev} ${VERSION:+x}`, true},
		{`go build -X v=$VERSION`, false},
		{`echo ${VERSION}`, false},
		{`[ -n "$VERSION2" ] && echo $VERSION`, false},
		{`echo ${VERSIONS:-x} $VERSION`, false},
		{`npm run build`, false},
	}
	for _, tt := range tests {
		if got := guarded(tt.script, "VERSION"); got != tt.want {
			t.Errorf("guarded(%q) = %v, want %v", tt.script, got, tt.want)
		}
	}
}
