"""Module docstring."""
from __future__ import annotations

import os
from typing import Optional, Literal
from pydantic import Field, AliasChoices
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__")

    # The database.
    database_url: str
    port: int = 8080
    debug: bool = Field(default=False, description="debug mode")
    mode: Literal["a", "b"] = "a"
    name: Optional[str] = None
    x: int = 1; y: int = 2
    tags: list[str] = Field(default_factory=list,
                            validation_alias=AliasChoices("TAGS", "APP_TAGS"))

    def method(self) -> str:
        z: int = 1
        return f"{self.port:>{z}} {self.name!r}"


@decorator(arg=1)
class Other(Settings, metaclass=Meta):
    a: "Forward" = ...
    b: dict[str, int] = {"a": 1, **{}}

    class Config:
        env_prefix = 'X_'


class One: a: int = 1
class Two(object): pass


def f():
    class Inner(BaseSettings):
        q: int
    return Inner


if os.getenv("X"):
    class InIf:
        w: str = os.environ.get("Y", "d")
