package pyconfig

// ownCases are settings classes written for the differential test, one
// per feature of the reader.
var ownCases = []pyCase{
	{name: "scalars", src: `
from pydantic_settings import BaseSettings

class Scalars(BaseSettings):
    name: str
    port: int = 8080
    ratio: float = 0.5
    debug: bool = False
    blob: bytes = b"x"

class Negative(BaseSettings):
    offset: int = -5
    scale: float = -1.5
    on: bool = True
`, classes: []pyClass{
		{class: "Scalars", keys: 5, good: map[string]string{"NAME": "svc", "PORT": "9090", "RATIO": "0.25", "DEBUG": "true", "BLOB": "yz"}},
		{class: "Negative", keys: 3, good: map[string]string{"OFFSET": "7", "SCALE": "2", "ON": "off"},
			values: map[string][]string{"OFFSET": {"+3", "-0", "00", "1.00", "1_0_0", "1__0", "_1", "1.", " 1 "}, "SCALE": {"1_0.5", ".5", "5.", "1e-3", "-inf", "Infinity", "+nan", "1e", "--1"}}},
	}},
	{name: "prefix", src: `
from pydantic_settings import BaseSettings, SettingsConfigDict

class Prefixed(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    host: str = "localhost"
    port: int = 80

class Sensitive(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="Svc_", case_sensitive=True)
    Host: str = "h"
    port: int = 1

class KwPrefix(BaseSettings, env_prefix="KW_"):
    level: str = "x"
`, classes: []pyClass{
		{class: "Prefixed", keys: 2, good: map[string]string{"APP_HOST": "db", "APP_PORT": "5432"}},
		{class: "Sensitive", keys: 2, good: map[string]string{"Svc_Host": "db", "Svc_port": "5"}},
		{class: "KwPrefix", keys: 1, good: map[string]string{"KW_LEVEL": "y"}},
	}},
	{name: "fields", src: `
from typing import Optional, Union
from pydantic import Field, AliasChoices, AliasPath
from pydantic_settings import BaseSettings, SettingsConfigDict

class Fields(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="F_")
    a: int = Field(3)
    b: int = Field(default=4, description="bee")
    c: str = Field(...)
    d: list[str] = Field(default_factory=list)
    e: str = Field("x", alias="E_ALIAS")
    f: str = Field("y", validation_alias="F_VALIAS")
    g: str = Field("z", validation_alias=AliasChoices("G_ONE", "G_TWO"))
    h: Optional[int] = None
    i: Union[int, None] = 2
    j: int | None = None
    k: Optional[str]
`, classes: []pyClass{
		{class: "Fields", keys: 11, good: map[string]string{"F_A": "30", "F_B": "40", "F_C": "cc", "F_D": `["q"]`, "E_ALIAS": "ea",
			"F_VALIAS": "fv", "G_ONE": "g1", "F_H": "8", "F_I": "9", "F_J": "10", "F_K": "kk"}},
	}},
	{name: "literal-enum", src: `
import enum
from enum import Enum
from typing import Literal
from pydantic_settings import BaseSettings

class Level(str, Enum):
    DEBUG = "debug"
    INFO = "info"

class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"

class Choices(BaseSettings):
    env: Literal["dev", "prod"] = "dev"
    level: Level = Level.INFO
    color: Color = Color.RED
    mixed: Literal["a", 3]
`, classes: []pyClass{
		{class: "Choices", keys: 4, good: map[string]string{"ENV": "prod", "LEVEL": "debug", "COLOR": "blue", "MIXED": "a"},
			values: map[string][]string{"ENV": {"dev", "Dev", "prod "}, "LEVEL": {"INFO", "info", "Level.INFO"}, "MIXED": {"3", "a"}}},
	}},
	{name: "complex", src: `
from typing import Dict, List, Set, Tuple, Sequence
from pydantic_settings import BaseSettings

class Complex(BaseSettings):
    names: list[str] = []
    ports: List[int] = [80]
    tags: Set[str] = set()
    pair: Tuple[int, ...] = ()
    seq: Sequence[float] = []
    labels: dict[str, str] = {}
    limits: Dict[str, int] = {"a": 1}
    flags: list[bool] = []
`, classes: []pyClass{
		{class: "Complex", keys: 8, good: map[string]string{"NAMES": `["a","b"]`, "PORTS": "[1, 2]", "TAGS": `["x"]`, "PAIR": "[1]",
			"SEQ": "[1.5]", "LABELS": `{"k": "v"}`, "LIMITS": `{"b": 2}`, "FLAGS": "[true]"},
			values: map[string][]string{"PORTS": {`["1", 2]`, `[1.0]`, `[1.5]`, `["x"]`, `[true]`}, "LIMITS": {`{"a": "2"}`, `{"a": [1]}`},
				"FLAGS": {`["yes", 0]`, `[2]`, `["maybe"]`}, "NAMES": {`[1]`, `["a", null]`, `"a"`}}},
	}},
	{name: "urls-durations", src: `
from datetime import timedelta, datetime, date
from pathlib import Path
from pydantic import HttpUrl, AnyUrl, PostgresDsn, AnyHttpUrl, RedisDsn
from pydantic_settings import BaseSettings

class Urls(BaseSettings):
    site: HttpUrl = "http://a.com"
    anything: AnyUrl = "x://y"
    db: PostgresDsn = "postgres://h/db"
    api: AnyHttpUrl = "https://a"
    cache: RedisDsn = "redis://localhost"

class Times(BaseSettings):
    ttl: timedelta = timedelta(seconds=5)
    since: datetime = datetime(2020, 1, 1)
    day: date = date(2020, 1, 1)
    home_dir: Path = Path("/tmp")
`, classes: []pyClass{
		{class: "Urls", keys: 5, good: map[string]string{"SITE": "https://b.com", "ANYTHING": "mailto:a@b", "DB": "postgresql://u@h2/x", "API": "http://b", "CACHE": "rediss://h:1/2"},
			values: map[string][]string{"SITE": {"HTTP://A.COM", "http://a:80", "http://[::1]/", "http://u:p@h", "https:/x", "http:x"}, "DB": {"postgres://h1,h2/db", "postgres:///db", "postgres://@/db"}}},
		{class: "Times", keys: 4, good: map[string]string{"TTL": "PT10S", "SINCE": "2021-02-03T04:05:06", "DAY": "2021-02-03", "HOME_DIR": "/var"},
			values: map[string][]string{"TTL": {"P1W", "P1Y", "PT0.5S", "00:00:01.5", "1 days", "1days", "2 d", "-1d", "P1DT", "PT", "10", "1.5", "1h", "00:01", "0:01:00"}}},
	}},
	{name: "secrets", src: `
from pydantic import SecretStr, SecretBytes, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

class Secrets(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="S_")
    api_key: SecretStr
    raw: SecretBytes = SecretBytes(b"x")
    signing: SecretStr = SecretStr("dev")
    webhook: SecretStr = Field(default="w")
`, classes: []pyClass{
		{class: "Secrets", keys: 4, good: map[string]string{"S_API_KEY": "k", "S_RAW": "r", "S_SIGNING": "prod", "S_WEBHOOK": "x"}},
	}},
	{name: "inherit", src: `
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

class Base(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    debug: bool = False
    name: str = "base"

class Child(Base):
    model_config = SettingsConfigDict(case_sensitive=False)
    port: int = 1
    name: str = "child"

class Grand(Child):
    model_config = SettingsConfigDict(env_prefix="G_")
    extra: str

class Mixin:
    helper = 1

class Mixed(Mixin, Base):
    level: int = 2
`, classes: []pyClass{
		{class: "Base", keys: 2, good: map[string]string{"APP_DEBUG": "1", "APP_NAME": "n"}},
		{class: "Child", keys: 3, good: map[string]string{"APP_DEBUG": "1", "APP_NAME": "n", "APP_PORT": "2"}},
		{class: "Grand", keys: 4, good: map[string]string{"G_DEBUG": "1", "G_NAME": "n", "G_PORT": "2", "G_EXTRA": "e"}},
		{class: "Mixed", keys: 3, good: map[string]string{"APP_DEBUG": "1", "APP_NAME": "n", "APP_LEVEL": "3"}},
	}},
	{name: "nested", src: `
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

class Database(BaseModel):
    host: str = "localhost"
    port: int = 5432
    user: str

class Nested(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__")
    db: Database
    name: str = "n"

class NoDelim(BaseSettings):
    db: Database = Database(user="u")
`, classes: []pyClass{
		{class: "Nested", keys: 4, good: map[string]string{"APP_DB__HOST": "h", "APP_DB__PORT": "1", "APP_DB__USER": "x", "APP_NAME": "m"}},
		{class: "NoDelim", keys: 1, good: map[string]string{"DB": `{"user": "v"}`}, values: map[string][]string{"DB": {`{"host": 1}`, `[1]`}}},
	}},
	{name: "annotated", src: `
from typing import Annotated, ClassVar
from pydantic import Field, PositiveInt, NonNegativeInt, conint
from pydantic_settings import BaseSettings

class Ann(BaseSettings):
    workers: Annotated[int, Field(gt=0)] = 4
    alias_ann: Annotated[str, Field(alias="ALIASED")] = "a"
    positive: PositiveInt = 1
    nonneg: NonNegativeInt = 0
    version: ClassVar[str] = "1"
    _private: int = 3
`, classes: []pyClass{
		{class: "Ann", keys: 4, partial: []string{"WORKERS"}, good: map[string]string{"WORKERS": "8", "ALIASED": "b", "POSITIVE": "5", "NONNEG": "2"},
			values: map[string][]string{"POSITIVE": {"-5", "0", "7"}, "NONNEG": {"-1", "0", "3"}}},
	}},
}

// realCases are reduced from public projects' settings (the shapes, not
// the code): see the README's Python section for the list.
var realCases = []pyCase{}
