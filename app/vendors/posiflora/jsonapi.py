"""A small JSON:API reader and writer, as Posiflora uses it (posiflora.md §3, §7)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.vendors.errors import VendorProtocolError

VENDOR = "posiflora"
MEDIA_TYPE = "application/vnd.api+json"

Ref = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Resource:
    """One resource object: ``type``, ``id``, attributes and relationship references."""

    type: str
    id: str
    attributes: Mapping[str, Any] = field(default_factory=dict)
    relationships: Mapping[str, Ref | tuple[Ref, ...] | None] = field(default_factory=dict)

    def related_id(self, name: str) -> str | None:
        """The id of a to-one relationship, or ``None`` when empty or absent."""
        ref = self.relationships.get(name)
        return (
            ref[1] if isinstance(ref, tuple) and len(ref) == 2 and isinstance(ref[0], str) else None
        )

    def related_ids(self, name: str) -> tuple[str, ...]:
        """The ids of a to-many relationship (empty when absent)."""
        refs = self.relationships.get(name)
        if not isinstance(refs, tuple) or (refs and isinstance(refs[0], str)):
            return ()
        return tuple(ref[1] for ref in refs if isinstance(ref, tuple))


def _singular(kind: str) -> str:
    return kind[:-1] if kind.endswith("s") else kind


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed top-level document with ``included`` indexed by (type, id)."""

    data: Resource | tuple[Resource, ...] | None
    included: Mapping[Ref, Resource] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def one(self) -> Resource:
        if not isinstance(self.data, Resource):
            raise VendorProtocolError(
                VENDOR, "Posiflora sent a list where one record was expected."
            )
        return self.data

    def many(self) -> tuple[Resource, ...]:
        if isinstance(self.data, Resource):
            return (self.data,)
        return self.data or ()

    def find(self, kind: str, ident: str) -> Resource | None:
        """An included resource; relationship types are sometimes singular (posiflora.md §5.1)."""
        for candidate in (kind, kind + "s", _singular(kind)):
            found = self.included.get((candidate, ident))
            if found is not None:
                return found
        return None

    def related(self, resource: Resource, name: str) -> Resource | None:
        ref = resource.relationships.get(name)
        if isinstance(ref, tuple) and len(ref) == 2 and isinstance(ref[0], str):
            return self.find(ref[0], ref[1])
        return None

    def related_many(self, resource: Resource, name: str) -> tuple[Resource, ...]:
        refs = resource.relationships.get(name)
        if not isinstance(refs, tuple) or (refs and isinstance(refs[0], str)):
            return ()
        found = (self.find(ref[0], ref[1]) for ref in refs if isinstance(ref, tuple))
        return tuple(item for item in found if item is not None)


def _protocol(message: str) -> VendorProtocolError:
    return VendorProtocolError(VENDOR, f"Posiflora sent data we could not read ({message}).")


def _ref(raw: object) -> Ref:
    if not isinstance(raw, dict) or "type" not in raw or "id" not in raw:
        raise _protocol("a relationship without type and id")
    return (str(raw["type"]), str(raw["id"]))


def _relationship(raw: object) -> Ref | tuple[Ref, ...] | None:
    data = raw.get("data") if isinstance(raw, dict) else None
    if data is None:
        return None
    if isinstance(data, list):
        return tuple(_ref(item) for item in data)
    return _ref(data)


def parse_resource(raw: object) -> Resource:
    """One resource object; ids always become strings (posiflora.md §3 "IDs")."""
    if not isinstance(raw, dict) or "type" not in raw or raw.get("id") is None:
        raise _protocol("a record without type or id")
    attributes = raw.get("attributes") or {}
    rels = raw.get("relationships") or {}
    if not isinstance(attributes, dict):
        raise _protocol("attributes that are not an object")
    # The customer import answer carries ``relationships`` as a list (posiflora.md §5.1).
    relationships = {k: _relationship(v) for k, v in rels.items()} if isinstance(rels, dict) else {}
    return Resource(str(raw["type"]), str(raw["id"]), attributes, relationships)


def parse_document(body: object) -> Document:
    """A top-level document; anything that is not one becomes a :class:`VendorProtocolError`."""
    if not isinstance(body, dict):
        raise _protocol("not a JSON:API document")
    raw = body.get("data")
    data: Resource | tuple[Resource, ...] | None
    if raw is None:
        data = None
    elif isinstance(raw, list):
        data = tuple(parse_resource(item) for item in raw)
    else:
        data = parse_resource(raw)
    included = {}
    for item in body.get("included") or ():
        resource = parse_resource(item)
        included[(resource.type, resource.id)] = resource
    meta = body.get("meta")
    return Document(data, included, meta if isinstance(meta, dict) else {})


def resource_body(
    kind: str,
    attributes: Mapping[str, Any] | None = None,
    *,
    ident: str | None = None,
    relationships: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A request document with one resource object."""
    data: dict[str, Any] = {"type": kind}
    if ident is not None:
        data["id"] = ident
    if attributes is not None:
        data["attributes"] = dict(attributes)
    if relationships:
        data["relationships"] = dict(relationships)
    return {"data": data}


def encode(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
