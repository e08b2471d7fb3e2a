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

	{name: "v1", src: `
from typing import Optional
from pydantic.v1 import BaseSettings, Field

class V1(BaseSettings):
    host: str = "h"
    port: int = 1
    name: Optional[str]
    token: str = Field("t", env="V1_TOKEN")
    level: str = Field("l", env=["V1_LEVEL", "LOG_LEVEL"])

    class Config:
        env_prefix = "V1_"

class V1Sensitive(BaseSettings):
    Mode: str = "m"

    class Config:
        case_sensitive = True
`, classes: []pyClass{
		{class: "V1", keys: 5, good: map[string]string{"V1_HOST": "x", "V1_PORT": "2", "V1_NAME": "n", "V1_TOKEN": "u", "V1_LEVEL": "w"}},
		{class: "V1Sensitive", keys: 1, good: map[string]string{"Mode": "z"}},
	}},
	{name: "config-forms", src: `
from pydantic import ConfigDict
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "C_"

class DictConfig(BaseSettings):
    model_config = {"env_prefix": "D_"}
    a: int = 1

class PlainConfigDict(BaseSettings):
    model_config = ConfigDict(extra="ignore")
    b: int = 1

class ConstPrefix(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX)
    c: int = 1

class KwSensitive(BaseSettings, case_sensitive=True):
    dd: str = "x"

class IgnoreEmpty(BaseSettings):
    model_config = SettingsConfigDict(env_ignore_empty=True, env_prefix="IE_")
    count: int = 3
    name: str = "n"
    needed: int
`, classes: []pyClass{
		{class: "DictConfig", keys: 1, good: map[string]string{"D_A": "2"}},
		{class: "PlainConfigDict", keys: 1, good: map[string]string{"B": "2"}},
		{class: "ConstPrefix", keys: 1, good: map[string]string{"C_C": "2"}},
		{class: "KwSensitive", keys: 1, good: map[string]string{"dd": "y"}},
		{class: "IgnoreEmpty", keys: 3, good: map[string]string{"IE_COUNT": "4", "IE_NAME": "m", "IE_NEEDED": "1"}},
	}},
	{name: "validators", src: `
from typing import Annotated, Any, Union
from pydantic import field_validator, model_validator, BeforeValidator, AfterValidator, computed_field
from pydantic_settings import BaseSettings

def split(v):
    return v.split(",") if isinstance(v, str) else v

class Before(BaseSettings):
    hosts: list[str] = ["a"]
    port: int = 1
    later: int = 2

    @field_validator("hosts", mode="before")
    @classmethod
    def _split(cls, v):
        return split(v)

    @field_validator("later")
    @classmethod
    def _after(cls, v):
        return v

    @computed_field
    @property
    def url(self) -> str:
        return "x"

class AnnotatedBefore(BaseSettings):
    items: Annotated[list[str], BeforeValidator(split)] = []
    checked: Annotated[int, AfterValidator(lambda v: v)] = 0

class Loose(BaseSettings):
    anything: Any = None
    either: Union[int, str] = 0
`, classes: []pyClass{
		{class: "Before", keys: 3, good: map[string]string{"HOSTS": `["x"]`, "PORT": "2", "LATER": "3"}},
		{class: "AnnotatedBefore", keys: 2, good: map[string]string{"ITEMS": `["p"]`, "CHECKED": "5"}},
		{class: "Loose", keys: 2, good: map[string]string{"ANYTHING": "z", "EITHER": "w"}},
	}},
	{name: "aliases", src: `
from pydantic import Field, AliasChoices, AliasPath
from pydantic_settings import BaseSettings, SettingsConfigDict

class Aliases(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="P_")
    lower: str = Field("a", alias="lower_alias")
    choice: str = Field("b", validation_alias=AliasChoices("FIRST_NAME", "SECOND_NAME", AliasPath("THIRD", 0)))
    plain: str = "c"

class Populate(BaseSettings):
    model_config = SettingsConfigDict(populate_by_name=True)
    named: str = Field("d", alias="NAMED_ALIAS")
`, classes: []pyClass{
		{class: "Aliases", keys: 3, good: map[string]string{"LOWER_ALIAS": "x", "FIRST_NAME": "y", "P_PLAIN": "z"}},
		{class: "Populate", keys: 1, good: map[string]string{"NAMED_ALIAS": "e"}},
	}},
	{name: "optional-complex", src: `
from typing import Dict, FrozenSet, List, Optional, Tuple
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings

class OptComplex(BaseSettings):
    maybe_list: Optional[List[int]] = None
    nested_map: Dict[str, List[int]] = {}
    frozen: FrozenSet[str] = frozenset()
    fixed: Tuple[str, int] = ("a", 1)
    factory: list[str] = Field(default_factory=lambda: ["x"])
    maybe_secret: Optional[SecretStr] = None
    none_str: str = None
    flags: dict[str, bool] = {}
`, classes: []pyClass{
		{class: "OptComplex", keys: 8, good: map[string]string{"MAYBE_LIST": "[1]", "NESTED_MAP": `{"a": [1]}`, "FROZEN": `["f"]`, "FIXED": `["b", 2]`,
			"FACTORY": `["y"]`, "MAYBE_SECRET": "s", "NONE_STR": "v", "FLAGS": `{"a": "yes"}`},
			values: map[string][]string{"FLAGS": {`{"a": "maybe"}`, `{"a": 1}`, `{"a": null}`}, "MAYBE_LIST": {"[null]", `["1"]`}}},
	}},
	{name: "hierarchy", src: `
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

class Common(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SVC_", env_nested_delimiter="__")
    debug: bool = False

class Logging(BaseSettings):
    log_level: str = "info"

class Both(Common, Logging):
    name: str = "svc"

class Inner(BaseModel):
    depth: int = 1

class Middle(BaseModel):
    inner: Inner = Inner()
    label: str = "m"

class Deep(Common):
    middle: Middle = Middle()

class SubSettings(BaseSettings):
    url: str = "u"

class WithSub(Common):
    sub: SubSettings = SubSettings()
`, classes: []pyClass{
		{class: "Both", keys: 3, good: map[string]string{"DEBUG": "1", "LOG_LEVEL": "debug", "NAME": "x"}},
		{class: "Deep", keys: 3, good: map[string]string{"SVC_DEBUG": "1", "SVC_MIDDLE__INNER__DEPTH": "2", "SVC_MIDDLE__LABEL": "n"}},
		{class: "WithSub", keys: 2, good: map[string]string{"SVC_DEBUG": "1", "SVC_SUB__URL": "v"}},
	}},
	{name: "enums-more", src: `
from enum import Enum, IntEnum
from typing import Literal, Optional
from pydantic_settings import BaseSettings

class Size(IntEnum):
    SMALL = 1
    LARGE = 2

class Env(str, Enum):
    dev = "development"
    prod = "production"

class MoreEnums(BaseSettings):
    size: Size = Size.SMALL
    env: Env = Env.dev
    region: Literal["eu", "us"]
    maybe: Optional[Literal["x", "y"]] = None
`, classes: []pyClass{
		{class: "MoreEnums", keys: 4, good: map[string]string{"SIZE": "2", "ENV": "production", "REGION": "us", "MAYBE": "y"},
			values: map[string][]string{"ENV": {"dev", "production", "Production"}, "SIZE": {"1.0", "3"}}},
	}},
	{name: "defaults", src: `
from datetime import timedelta
from pydantic import Field
from pydantic_settings import BaseSettings

class Defaults(BaseSettings):
    zero: int = 0
    on: bool = True
    empty: str = ""
    big: int = 1_000
    hexa: int = 0x10
    exp: float = 1e3
    words: list[str] = ["a", "b"]
    mapping: dict[str, int] = {"k": 1}
    computed: int = 60 * 24
    wait: timedelta = timedelta(minutes=1)
    concat: str = "a" "b"
    neg_float: float = -0.25
`, classes: []pyClass{
		{class: "Defaults", keys: 12, good: map[string]string{"ZERO": "5", "ON": "false", "EMPTY": "x", "BIG": "7", "HEXA": "3", "EXP": "2.5",
			"WORDS": `["c"]`, "MAPPING": `{"j": 2}`, "COMPUTED": "3", "WAIT": "PT5S", "CONCAT": "c", "NEG_FLOAT": "1"}},
	}},

	{name: "misc", src: `
from typing import Optional
from pydantic import Field, HttpUrl, PostgresDsn
from pydantic_settings import BaseSettings, SettingsConfigDict

class NoneDefaults(BaseSettings):
    plain: str = None
    optional: Optional[str] = None
    url: Optional[HttpUrl] = None

class NoValidateDefault(BaseSettings):
    model_config = SettingsConfigDict(validate_default=False)
    port: int = "not-a-number"

class Prefixed2(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MY_SERVICE_")
    database_dsn: PostgresDsn = "postgres://localhost/db"
    workers: int = Field(2, description="worker processes")

class Delim(BaseSettings):
    model_config = SettingsConfigDict(env_nested_delimiter="_")
    plain_name: str = "p"
`, classes: []pyClass{
		{class: "NoneDefaults", keys: 3, good: map[string]string{"PLAIN": "a", "OPTIONAL": "b", "URL": "http://c"}},
		{class: "NoValidateDefault", keys: 1, good: map[string]string{"PORT": "3"}},
		{class: "Prefixed2", keys: 2, good: map[string]string{"MY_SERVICE_DATABASE_DSN": "postgresql://h/x", "MY_SERVICE_WORKERS": "4"}},
		{class: "Delim", keys: 1, good: map[string]string{"PLAIN_NAME": "q"}},
	}},
}

// realCases are reduced from public projects' settings (the shapes, not
// the code): see the README's Python section for the list.
var realCases = []pyCase{
	// The FastAPI full-stack template's backend settings (fastapi/full-stack-fastapi-template,
	// backend/app/core/config.py): upper-case fields, env_ignore_empty, a before-validator.
	{name: "real-fastapi-template", src: `
from typing import Literal
from pydantic import EmailStr, HttpUrl, PostgresDsn, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file="../.env", env_ignore_empty=True, extra="ignore")
    API_V1_STR: str = "/api/v1"
    SECRET_KEY: str
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 24 * 8
    ENVIRONMENT: Literal["local", "staging", "production"] = "local"
    SENTRY_DSN: HttpUrl | None = None
    DATABASE_URL: PostgresDsn
    SMTP_PORT: int = 587
    SMTP_TLS: bool = True
    SMTP_HOST: str | None = None

    @field_validator("DATABASE_URL", mode="before")
    @classmethod
    def _driver(cls, value):
        return str(value).replace("postgres://", "postgresql+psycopg://", 1)
`, classes: []pyClass{
		{class: "Settings", keys: 9, good: map[string]string{"API_V1_STR": "/v2", "SECRET_KEY": "k", "ACCESS_TOKEN_EXPIRE_MINUTES": "5", "ENVIRONMENT": "staging",
			"SENTRY_DSN": "https://k@sentry.io/1", "DATABASE_URL": "postgres://u@h/db", "SMTP_PORT": "25", "SMTP_TLS": "false", "SMTP_HOST": "mail"}},
	}},
	// An app settings module with a lower-case prefix and a SecretStr JWT key
	// (shape of Leganyst/centr_invest_ml app/settings/app.py).
	{name: "real-lower-prefix", src: `
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

class AppSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix='app_')
    jwt_secret: SecretStr
    jwt_algorithm: str = "HS256"
    access_token_ttl: int = 3600
`, classes: []pyClass{
		{class: "AppSettings", keys: 3, good: map[string]string{"APP_JWT_SECRET": "s", "APP_JWT_ALGORITHM": "RS256", "APP_ACCESS_TOKEN_TTL": "60"}},
	}},
	// A prefix that ends in the nested delimiter (shape of aisuruq/gv-ruins
	// backend/configuration/settings.py).
	{name: "real-delimited-prefix", src: `
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

class Postgres(BaseModel):
    host: str = "db"
    port: int = 5432

class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", case_sensitive=False, env_nested_delimiter="__", env_prefix="XAK__")
    postgres: Postgres = Postgres()
    debug: bool = False
`, classes: []pyClass{
		{class: "Settings", keys: 3, good: map[string]string{"XAK__POSTGRES__HOST": "h", "XAK__POSTGRES__PORT": "1", "XAK__DEBUG": "yes"}},
	}},
	// A project base class named BaseSettings over pydantic's, renamed on
	// import (shape of oltl's settings module).
	{name: "real-shadowed-base", src: `
from pydantic_settings import BaseSettings as PydanticBaseSettings
from pydantic_settings import SettingsConfigDict

class BaseSettings(PydanticBaseSettings):
    model_config = SettingsConfigDict(env_nested_delimiter="__")

class SomeSettings(BaseSettings):
    some_value: str

class SomeNestedSettings(BaseSettings):
    some_nested_value: SomeSettings
`, classes: []pyClass{
		{class: "SomeSettings", keys: 1, good: map[string]string{"SOME_VALUE": "v"}},
		{class: "SomeNestedSettings", keys: 1, good: map[string]string{"SOME_NESTED_VALUE__SOME_VALUE": "w"}},
	}},
	// v1-style Config with a lower-case prefix and nested delimiter (shape
	// of a dataflow project's settings base).
	{name: "real-v1-config", src: `
from pydantic.v1 import BaseModel, BaseSettings

class NestedSettings(BaseModel):
    class Config:
        validate_assignment = True

class Settings(BaseSettings):
    class Config:
        env_prefix = "df_config_"
        env_nested_delimiter = "__"

class Runtime(Settings):
    workers: int = 1
    name: str = "df"
`, classes: []pyClass{
		{class: "Runtime", keys: 2, good: map[string]string{"DF_CONFIG_WORKERS": "2", "DF_CONFIG_NAME": "x"}},
	}},
	// A prefixed base with env_file and extra=ignore, and services deriving
	// from it (shape of an events app's BaseConfig).
	{name: "real-base-config", src: `
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

class BaseConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EMISHOWS__", env_file=".env", env_nested_delimiter="__", extra="ignore")

class DatabaseConfig(BaseConfig):
    host: str = "localhost"
    password: SecretStr = Field(...)

class ServerConfig(BaseConfig):
    port: int = 8000
    reload: bool = False
`, classes: []pyClass{
		{class: "DatabaseConfig", keys: 2, good: map[string]string{"EMISHOWS__HOST": "db", "EMISHOWS__PASSWORD": "p"}},
		{class: "ServerConfig", keys: 2, good: map[string]string{"EMISHOWS__PORT": "80", "EMISHOWS__RELOAD": "on"}},
	}},
	// APP_ prefix, nested models and case-insensitive names (shape of a
	// service template's settings).
	{name: "real-app-nested", src: `
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

class Cors(BaseModel):
    origins: list[str] = []
    allow_credentials: bool = True

class AppSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", case_sensitive=False)
    cors: Cors = Cors()
    title: str = "api"
`, classes: []pyClass{
		{class: "AppSettings", keys: 3, good: map[string]string{"APP_CORS__ORIGINS": `["https://a"]`, "APP_CORS__ALLOW_CREDENTIALS": "0", "APP_TITLE": "x"}},
	}},
	// Test-suite settings models: a plain one and a prefixed one with a
	// required key (shape of a CLI tool's test fixtures).
	{name: "real-test-models", src: `
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

class SimpleSettings(BaseSettings):
    debug: bool = False
    log_level: str = "INFO"

class SettingsWithEnvPrefix(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MYAPP_")
    api_key: str
    api_url: str = "https://api.example.com"
    cache_ttl: int = 300
    app_name: str = Field(default="MyApp")
`, classes: []pyClass{
		{class: "SimpleSettings", keys: 2, good: map[string]string{"DEBUG": "true", "LOG_LEVEL": "DEBUG"}},
		{class: "SettingsWithEnvPrefix", keys: 4, good: map[string]string{"MYAPP_API_KEY": "k", "MYAPP_API_URL": "https://b", "MYAPP_CACHE_TTL": "1", "MYAPP_APP_NAME": "n"}},
	}},
	// A nested model with a required described field (shape of a project
	// template's Settings with NestedSettings).
	{name: "real-required-nested", src: `
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

class NestedSettings(BaseModel):
    some_nested_envvar: str = Field(..., description="Example of nested settings")

class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", env_nested_delimiter="__")
    some_envvar: str = Field(..., description="Example")
    nested: NestedSettings
`, classes: []pyClass{
		{class: "Settings", keys: 2, good: map[string]string{"SOME_ENVVAR": "a", "NESTED__SOME_NESTED_ENVVAR": "b"}},
	}},
}
