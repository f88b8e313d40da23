"""Records go into the cache as JSON and come back equal: every digit, offset and enum kept."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum

import pytest

from app.domain.wholesale_catalog import Sku
from app.services.wholesale_records import RecordError, from_record, to_record


class Colour(StrEnum):
    RED = "red"
    WHITE = "white"


@dataclass(frozen=True)
class Stem:
    name: str
    price: Decimal
    colour: Colour


@dataclass(frozen=True)
class Bouquet:
    bouquet_id: int
    stems: tuple[Stem, ...]
    window: tuple[int | None, int | None]
    prices: dict[str, Decimal]
    tags: list[str]
    made_at: datetime
    wrapped: bool
    note: str | None = None
    extras: list[Stem] = field(default_factory=list)


def bouquet() -> Bouquet:
    rose = Stem("Rose", Decimal("2.50"), Colour.RED)
    lily = Stem("Lily", Decimal("3.125"), Colour.WHITE)
    return Bouquet(
        bouquet_id=7,
        stems=(rose, lily),
        window=(2, None),
        prices={"retail": Decimal("45.00"), "trade": Decimal("31.10")},
        tags=["wedding"],
        made_at=datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
        wrapped=True,
    )


def test_a_record_survives_json_and_comes_back_equal() -> None:
    original = bouquet()
    stored = json.loads(json.dumps(to_record(original)))
    assert from_record(Bouquet, stored) == original


def test_money_is_text_with_every_digit_and_times_keep_their_offset() -> None:
    stored = to_record(bouquet())
    assert stored["prices"] == {"retail": "45.00", "trade": "31.10"}
    assert stored["stems"][0] == {"name": "Rose", "price": "2.50", "colour": "red"}
    assert stored["made_at"] == "2026-03-02T09:30:00-05:00"
    back = from_record(Bouquet, stored)
    assert back.prices["retail"] == Decimal("45.00")
    assert str(back.prices["retail"]) == "45.00"
    assert back.made_at.utcoffset() == timedelta(hours=-5)
    assert back.stems[1].colour is Colour.WHITE


def test_an_old_row_without_a_newer_optional_field_still_reads() -> None:
    stored = to_record(bouquet())
    del stored["note"], stored["extras"]
    back = from_record(Bouquet, stored)
    assert back.note is None and back.extras == []


def test_a_row_missing_a_required_field_is_a_record_error() -> None:
    stored = to_record(bouquet())
    del stored["made_at"]
    with pytest.raises(RecordError, match="Bouquet record has no made_at"):
        from_record(Bouquet, stored)


def test_a_sku_round_trips_with_empty_optionals() -> None:
    sku = Sku(
        sku_id=101,
        sku="ROS-101",
        product_id=None,
        product_name="Rose Red 60cm",
        list_price=Decimal("12.99"),
        sale_price=None,
        on_sale=False,
        sale_start=None,
        sale_end=datetime(2026, 4, 1, tzinfo=UTC),
        inventory=Decimal("12.5"),
    )
    stored = json.loads(json.dumps(to_record(sku)))
    assert stored["list_price"] == "12.99" and stored["sale_price"] is None
    assert from_record(Sku, stored) == sku


def test_to_record_refuses_what_is_not_a_dataclass() -> None:
    with pytest.raises(TypeError):
        to_record(Decimal("1"))
