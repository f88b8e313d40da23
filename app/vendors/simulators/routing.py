"""Route declarations and exact, segment-by-segment path matching.

Vendors care about casing and trailing slashes (fabric's endpoints end in "/"), so a template
matches only the same path: "/orders/" and "/orders" are different routes unless the route is
declared with ``slash_optional=True``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import unquote

F = TypeVar("F", bound=Callable[..., Any])

ROUTES_ATTR = "_sim_routes"
_PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@functools.lru_cache(maxsize=512)
def compile_template(template: str, *, slash_optional: bool = False) -> re.Pattern[str]:
    """A regex for ``template``: ``{name}`` matches one non-empty segment."""
    if not template.startswith("/"):
        raise ValueError(f"route path must start with '/': {template!r}")
    body = template.rstrip("/") if slash_optional and template != "/" else template
    pattern = ""
    position = 0
    for match in _PARAM.finditer(body):
        pattern += re.escape(body[position : match.start()])
        pattern += f"(?P<{match.group(1)}>[^/]+)"
        position = match.end()
    pattern += re.escape(body[position:])
    if slash_optional and template != "/":
        pattern += "/?"
    return re.compile(pattern)


@dataclass(frozen=True)
class RouteSpec:
    """What ``@route`` records on a handler function."""

    method: str
    template: str
    slash_optional: bool = False
    auth: bool = True


@dataclass(frozen=True)
class Route:
    """A declared route bound to the name of its handler method."""

    spec: RouteSpec
    handler_name: str
    pattern: re.Pattern[str]

    @property
    def specificity(self) -> int:
        """Fewer parameters first, so "/customers/search" wins over "/customers/{id}"."""
        return len(_PARAM.findall(self.spec.template))

    def match(self, path: str) -> dict[str, str] | None:
        found = self.pattern.fullmatch(path)
        if found is None:
            return None
        return {name: unquote(value) for name, value in found.groupdict().items()}


def route(
    method: str, path: str, *, slash_optional: bool = False, auth: bool = True
) -> Callable[[F], F]:
    """Declare a simulator handler for ``method`` and ``path`` (relative to ``base_path``).

    ``auth=False`` skips ``check_auth`` (token and login endpoints). Decorators may be stacked.
    """
    compile_template(path, slash_optional=slash_optional)  # fail at import on a bad template
    spec = RouteSpec(method.upper(), path, slash_optional, auth)

    def decorate(func: F) -> F:
        specs: list[RouteSpec] = [*getattr(func, ROUTES_ATTR, []), spec]
        setattr(func, ROUTES_ATTR, specs)
        return func

    return decorate


def collect_routes(cls: type) -> list[Route]:
    """Every route declared on ``cls`` and its bases; a subclass override replaces the base's."""
    seen: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        seen.update(vars(klass))
    routes = [
        Route(spec, name, compile_template(spec.template, slash_optional=spec.slash_optional))
        for name, attr in seen.items()
        for spec in getattr(attr, ROUTES_ATTR, [])
    ]
    return sorted(routes, key=lambda r: r.specificity)


@dataclass(frozen=True)
class Match:
    route: Route | None
    params: dict[str, str]
    allowed: tuple[str, ...]


def find_route(routes: list[Route], method: str, path: str) -> Match:
    """The route for ``method`` and ``path``; if only the method is wrong, the allowed methods."""
    allowed: list[str] = []
    for candidate in routes:
        params = candidate.match(path)
        if params is None:
            continue
        if candidate.spec.method == method:
            return Match(candidate, params, ())
        allowed.append(candidate.spec.method)
    return Match(None, {}, tuple(dict.fromkeys(allowed)))


def path_matches(pattern: str, path: str) -> bool:
    """Loose matching for fault scopes: a template or literal, trailing slash ignored."""
    return compile_template(pattern, slash_optional=True).fullmatch(path) is not None
