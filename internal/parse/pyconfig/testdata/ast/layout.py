import os, sys as system
from . import sibling
from .. import parent
from .mod import (A as B,
                  C,)


class Tabs:
	tabbed: int = 1
	if True:
		pass
	other: str = "x"


class Continued(
    A,
    B,
):
    x: int \
        = 1
    y: list[
        int
    ] = [
        1,
        2,
    ]


class Lambdas:
    f: Callable = lambda x: x
    g: dict = {k: v for k, v in []}
    h: int = 1 if True else 2


class Soft:
    match: int = 1
    case: str = "c"
    type: str = "t"
    _: int = 0

    def m(self):
        match self.match:
            case 1:
                pass
            case _:
                pass


async def g():
    async with x as y:
        pass


class Walrus:
    v: int = (w := 3)


class Generic(Base[T]):
    t: T


class Empty:
    ...


class Deco:
    @property
    def p(self) -> int:
        return 1
    after_deco: int = 2


try:
    from pydantic_settings import BaseSettings
except ImportError:
    from pydantic import BaseSettings
else:
    pass
finally:
    pass

while False:
    break
else:
    pass

with open("f") as fh, open("g") as gh:
    pass

x = [
    1,  # comment in brackets
    2,
]
y = {1, 2}
z = {}
