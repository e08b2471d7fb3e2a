package dockerfile

import (
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	data, err := os.ReadFile("testdata/multistage.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	got := Parse("Dockerfile", data)
	if len(got.Errors) > 0 || len(got.Targets) != 1 {
		t.Fatalf("errors %v, %d targets", got.Errors, len(got.Targets))
	}
	tg := got.Targets[0]
	var args, env []string
	for _, a := range tg.BuildArgs {
		args = append(args, fmt.Sprintf("%s %s stage=%q default=%v used=%v", a.Pos, a.Name, a.Stage, a.HasDefault, a.Used))
	}
	for _, k := range tg.Keys {
		env = append(env, fmt.Sprintf("%s %s %s", k.Pos, k.Name, k.Source))
	}
	wantArgs := []string{
		`Dockerfile:1:5 GO_VERSION stage="" default=true used=true`,
		`Dockerfile:2:5 UNUSED_GLOBAL stage="" default=false used=false`,
		`Dockerfile:4:5 GIT_SHA stage="build" default=false used=true`,
		`Dockerfile:5:5 BUILD_FLAGS stage="build" default=true used=true`,
		`Dockerfile:6:5 NEVER_USED stage="build" default=false used=true`, // a RUN follows: it sees the ARG
		`Dockerfile:15:5 NEXT_PUBLIC_API_URL stage="runtime" default=false used=true`,
	}
	if d := cmp.Diff(wantArgs, args); d != "" {
		t.Errorf("args (-want +got):\n%s", d)
	}
	wantEnv := []string{
		"Dockerfile:16:5 NEXT_PUBLIC_API_URL interpolation",
		"Dockerfile:17:5 PORT literal",
		"Dockerfile:17:15 LOG_FORMAT literal",
	}
	if d := cmp.Diff(wantEnv, env); d != "" {
		t.Errorf("env (-want +got):\n%s", d)
	}
	if tg.Pos.Line != 14 {
		t.Errorf("target at %s, want line 14 (the last FROM)", tg.Pos)
	}
}

func TestParseRejected(t *testing.T) {
	for _, src := range []string{"FROM\n", "ARG\n", "ENV A\nFROM x\n", "FROM a AS b AS c\n"} {
		got := Parse("Dockerfile", []byte(src))
		if len(got.Errors) == 0 {
			t.Errorf("%q: no error", src)
		}
	}
}
