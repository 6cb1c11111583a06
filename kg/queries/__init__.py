"""Named SPARQL queries: `.rq` files in this folder, loaded by name; their header comments document them.

Header format (comment lines at the top of the file):
    # title: one line
    # answers: what question it answers
    # param: name kind description     (kind: region, determinant, phase, target-group, instrument,
    #                                    role, actor-type, service-category, sector, actor, integer, text)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from kg.errors import NotFound


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    answers: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)


def _parse(name: str, text: str) -> NamedQuery:
    title, answers, params = name, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("title:"):
            title = body.removeprefix("title:").strip()
        elif body.startswith("answers:"):
            answers = body.removeprefix("answers:").strip()
        elif body.startswith("param:"):
            pname, kind, *desc = body.removeprefix("param:").split(maxsplit=2)
            params.append(Param(pname, kind, desc[0] if desc else ""))
    return NamedQuery(name, title, answers, text, tuple(params))


def all_queries() -> dict[str, NamedQuery]:
    folder = resources.files(__package__)
    found = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def get_query(name: str) -> NamedQuery:
    queries = all_queries()
    if name not in queries:
        raise NotFound(f"no named query {name!r}", valid=list(queries))
    return queries[name]
