// Package difftest holds config structs that the gostruct differential tests
// both compile (to ask the real libraries what they read) and parse
// statically (to ask envlint). It imports only the standard library; the
// oracles are imported by gostruct's _test.go files alone.
package difftest

import (
	"log/slog"
	"net"
	"net/url"
	"time"
)

// Level decodes itself from text for every library.
type Level int

// UnmarshalText accepts anything.
func (l *Level) UnmarshalText([]byte) error { return nil }

// KHDecoder is a kelseyhightower Decoder.
type KHDecoder struct{ v string }

// Decode accepts anything.
func (d *KHDecoder) Decode(s string) error { d.v = s; return nil }

// SVDecoder is a sethvargo Decoder struct.
type SVDecoder struct {
	Inner string `env:"SV_DECODER_INNER"`
}

// EnvDecode accepts anything.
func (d *SVDecoder) EnvDecode(string) error { return nil }

// Seconds is a defined type over time.Duration: an integer to every library.
type Seconds time.Duration

// ---- caarlos0/env ----

type CACommon struct {
	LogLevel string `env:"LOG_LEVEL" envDefault:"info"`
}

type caHidden struct {
	Secret string `env:"HIDDEN_SECRET"`
}

type CADB struct {
	Host     string `env:"HOST" envDefault:"localhost"`
	Password string `env:"PASSWORD,required"`
	NoTag    string
}

type CAItem struct {
	Name string `env:"NAME"`
}

// CAConfig is LIBRARIES.md's caarlos0 example.
type CAConfig struct {
	CACommon
	caHidden
	DB      CADB  `envPrefix:"DB_"`
	Replica *CADB `envPrefix:"REPLICA_"`
	Cache   *CADB `env:",init" envPrefix:"CACHE_"`
	Anon    struct {
		Flag bool `env:"FLAG"`
	} `env:"-" envPrefix:"ANON_"`
	Skipped CADB     `env:"-" envPrefix:"SKIP_"`
	Items   []CAItem `envPrefix:"ITEMS"`
	Name    string   `env:"APP_NAME,notEmpty"`
	ReqDef  string   `env:"REQ_DEF,required" envDefault:"x"`
	Keyed   CADB     `env:"KEYED_DB" envPrefix:"K_"`
	//lint:ignore U1000 an unexported field is part of what the libraries are tested on
	unexp string `env:"UNEXPORTED"`
}

// CAAnon is an alias to an unnamed struct: reflect sees no name, so its tag
// is ignored and it is descended.
type CAAnon = struct {
	Inner string `env:"ALIAS_INNER"`
}

// CATypes covers types, defaults and options.
type CATypes struct {
	Int      int               `env:"T_INT" envDefault:"1"`
	Uint8    uint8             `env:"T_UINT8"`
	Float    float32           `env:"T_FLOAT"`
	Bool     bool              `env:"T_BOOL,required"`
	List     []string          `env:"T_LIST" envSeparator:";"`
	Map      map[string]int    `env:"T_MAP" envKeyValSeparator:"="`
	Dur      time.Duration     `env:"T_DUR" envDefault:"5s"`
	Secs     Seconds           `env:"T_SECS"`
	When     time.Time         `env:"T_WHEN"`
	URL      url.URL           `env:"T_URL"`
	Ptr      *string           `env:"T_PTR"`
	Level    Level             `env:"T_LEVEL"`
	IP       net.IP            `env:"T_IP"`
	Slog     slog.Level        `env:"T_SLOG"`
	Empty    string            `env:"T_EMPTY" envDefault:""`
	ReqEmpty string            `env:"T_REQ_EMPTY,required" envDefault:""`
	NE       string            `env:"T_NE,notEmpty" envDefault:""`
	NEDef    string            `env:"T_NE_DEF,notEmpty" envDefault:"v"`
	Exp      string            `env:"T_EXP,expand" envDefault:"${HOME}/x"`
	Unset    string            `env:"T_UNSET,unset"`
	Alias    CAAnon            `env:"IGNORED_TAG" envPrefix:"AL_"`
	Ptrs     map[string]string `env:"T_PTRS,required"`
}

// CASub is reached through automatic names.
type CASub struct {
	InnerField string
	Tagged     string `env:"TAGGED"`
}

// CAAuto is read with UseFieldNameByDefault and RequiredIfNoDef.
type CAAuto struct {
	DatabaseURL string
	APIKey      string `envDefault:"k"`
	OAuth2Token string
	URLs        string
	IPv6Addr    string
	HTTP2       string
	V2API       string
	Foo_Bar     string //nolint:revive
	UserID      string
	S3Bucket    string
	Nested      CASub
	Prefixed    CASub `envPrefix:"PRE_"`
	CACommon
	Skip string `env:"-"`
}

// CARenamed uses renamed tags.
type CARenamed struct {
	A   string `cfg:"RA" def:"d"`
	B   string `env:"NOT_READ"`
	Sub CASub2 `pfx:"S_"`
}

type CASub2 struct {
	C string `cfg:"RC,required"`
}

// CAGeneric is instantiated by the tests.
type CAGeneric[T any] struct {
	V     T `env:"GEN_V"`
	Inner CAGenInner[T]
}

type CAGenInner[T any] struct {
	W T `env:"GEN_W,required"`
}

// ---- kelseyhightower/envconfig ----

type KHBase struct {
	LogLevel string `split_words:"true" default:"info"`
}

type KHDatabase struct {
	Host     string `envconfig:"DB_HOST"`
	Port     int    `default:"5432"`
	UserName string `split_words:"true" required:"true"`
}

// KHConfig is LIBRARIES.md's kelseyhightower example plus traps.
type KHConfig struct {
	KHBase      `envconfig:"IGNORED"`
	DB          KHDatabase
	Replica     *KHDatabase `envconfig:"replica"`
	APIKey      string      `split_words:"true" required:"true"`
	Dash        string      `envconfig:"-"`
	Endpoint    url.URL
	When        time.Time
	Dec         KHDecoder
	Level       Level
	Ignored     string     `ignored:"true"`
	Skipped     KHDatabase `ignored:"1"`
	ReqDef      string     `required:"true" default:"x"`
	ReqT        string     `required:"TRUE"`
	ReqBad      string     `required:"yes"`
	EmptyDef    string     `default:""`
	List        []string
	Map         map[string]int
	Dur         time.Duration
	Secs        Seconds
	IntPtr      *int
	OAuth2Token string `split_words:"true"`
	HTTP2       string `split_words:"true"`
	V2API       string `split_words:"true"`
	Foo_Bar     string `split_words:"true"` //nolint:revive
	Tagged      string `envconfig:"tagged_name" default:"t"`
	//lint:ignore U1000 an unexported field is part of what the libraries are tested on
	private string
}

// ---- sethvargo/go-envconfig ----

type SVBase struct {
	LogLevel string `env:"LOG_LEVEL, default=info"`
}

type SVRedis struct {
	Host string `env:"REDIS_HOST, required"`
	User string `env:"REDIS_USER, default=$USER"`
}

type SVOptional struct {
	Host string `env:"OPT_HOST"`
	Port int    `env:"OPT_PORT,default=6379"`
}

type SVReq struct {
	A string `env:"REQ_A"`
	B int    `env:"REQ_B"`
	C string
}

// SVConfig is LIBRARIES.md's sethvargo example plus traps.
type SVConfig struct {
	SVBase
	Cache     *SVRedis `env:", prefix=CACHE_"`
	RateLimit SVRedis  `env:",prefix=RATE_"`
	Plain     SVRedis
	Keyed     SVOptional `env:"KEYED"`
	ReqAll    SVReq      `env:",required,prefix=R_"`
	List      string     `env:"LIST,default=a,b,c"`
	Untagged  string
	Upper     string            `env:"UPPER, REQUIRED"`
	Esc       string            `env:"ESC,default=a\\,b"`
	Slice     []string          `env:"SLICE, delimiter=;"`
	Map       map[string]string `env:"MAP, separator=="`
	Dec       SVDecoder         `env:"DEC, default=x"`
	DecNoDef  SVDecoder         `env:"DEC2"`
	When      time.Time         `env:"WHEN"`
	Level     Level             `env:"LEVEL"`
	PtrStr    *string           `env:"PTR_STR, noinit"`
	Dur       time.Duration     `env:"DUR, default=1m"`
	//lint:ignore U1000 an unexported field is part of what the libraries are tested on
	lower string
}

// ---- ilyakaznacheev/cleanenv ----

type CECommon struct {
	LogFormat string `env:"LOG_FORMAT" env-default:"json" env-description:"log format"`
}

type CEDB struct {
	Host     string `env:"HOST" env-default:"localhost"`
	Port     int    `env:"PORT,PORT_ALT" env-default:"5432"`
	Password string `env:"PASSWORD" env-required:"true"`
}

// CEConfig is LIBRARIES.md's cleanenv example plus traps.
type CEConfig struct {
	CECommon
	DB      CEDB  `env-prefix:"DB_"`
	Replica *CEDB `env-prefix:"REPLICA_"`
	Nested  struct {
		Inner CEDB `env-prefix:"INNER_"`
	} `env-prefix:"OUTER_"`
	Level    Level             `env:"LEVEL"`
	ReqDef   string            `env:"REQ_DEF" env-required:"true" env-default:"x"`
	ReqFalse string            `env:"REQ_FALSE" env-required:"false"`
	Spaced   string            `env:"A, B"`
	When     time.Time         `env:"WHEN" env-layout:"2006-01-02"`
	URL      url.URL           `env:"URL"`
	List     []int             `env:"LIST" env-separator:";"`
	Map      map[string]string `env:"MAP"`
	Dur      time.Duration     `env:"DUR" env-default:"1s"`
	NoEnv    string            `env-default:"x"`
	EmptyDef string            `env:"EMPTY_DEF" env-default:""`
	//lint:ignore U1000 an unexported field is part of what the libraries are tested on
	hidden string `env:"HIDDEN"`
}
