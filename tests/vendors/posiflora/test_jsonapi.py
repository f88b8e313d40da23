"""JSON:API documents, both meta shapes, the error document and money in every wire form."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from app.vendors.errors import VendorProtocolError
from app.vendors.posiflora import wire
from app.vendors.posiflora.customers import PosifloraCustomers
from app.vendors.posiflora.jsonapi import parse_document
from app.vendors.posiflora.meta import page_info, read_errors

CUSTOMER_DOC = {
    "data": {
        "type": "customers",
        "id": "8096a6f8",
        "attributes": {
            "title": "Bob Ross",
            "phone": "9268693654",
            "countryCode": 7,
            "bonusCard": "1234567890",
            "currentPoints": 1380,
            "spentPoints": 120,
            "averageCheck": 1587.84,
            "ordersAmount": "3175.68",
            "ordersQty": 2,
            "updatedAt": "2022-07-15T11:55:19+00:00",
        },
        "relationships": {
            "person": {"data": None},
            "bonusGroup": {"data": {"type": "bonus-groups", "id": "58"}},
            # posiflora.md §5.1: the relationship names the singular type.
            "discountGroups": {"data": [{"type": "discount-group", "id": "1"}]},
        },
    },
    "included": [
        {
            "type": "bonus-groups",
            "id": "58",
            "attributes": {
                "title": "Gold",
                "bonusRate": 20,
                "limit": 15,
                "entryAmount": 250,
                "status": "on",
                "validFrom": None,
                "validTo": None,
            },
        },
        {"type": "discount-groups", "id": "1", "attributes": {"title": "D", "discount": 15}},
    ],
    "meta": {"last_order": None},
}


def test_customer_card_resolves_included_groups() -> None:
    from app.vendors.posiflora.customers import _card

    card = _card(parse_document(CUSTOMER_DOC))
    assert card.customer.name == "Bob Ross"
    assert card.customer.current_points == 1380
    assert card.customer.average_check == Decimal("1587.84")
    assert card.customer.full_phone == "79268693654"
    assert card.bonus_group is not None
    assert (card.bonus_group.bonus_rate, card.bonus_group.limit) == (20, 15)
    assert card.bonus_group.entry_amount == Decimal(250)
    assert [g.title for g in card.discount_groups] == ["D"]
    assert PosifloraCustomers  # the card is what PosifloraCustomers.customer returns


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (800, "800"),
        (76.8, "76.8"),
        ("491519.50", "491519.50"),
        (2977420.75, "2977420.75"),
        (0, "0"),
        (None, "0"),
        ("12.99", "12.99"),
    ],
)
def test_money_reads_every_wire_form_as_exact_decimal(raw: object, expected: str) -> None:
    assert wire.money(raw) == Decimal(expected)
    assert str(wire.money(raw)) == expected or raw is None


def test_unreadable_money_and_fractional_points_are_protocol_errors() -> None:
    with pytest.raises(VendorProtocolError):
        wire.money("twelve")
    with pytest.raises(VendorProtocolError):
        wire.points(12.5)
    assert wire.points("120") == 120
    assert wire.points(-120) == -120


def test_both_meta_page_shapes_and_string_totals() -> None:
    nested = page_info({"page": {"number": 2, "size": 10}, "total": "35"})
    flat = page_info({"pageNumber": 1, "pageSize": 10, "total": 2, "revision": 5})
    unpaged = page_info({"page": {"number": 1, "size": None}, "total": 2})
    assert (nested.number, nested.size, nested.total) == (2, 10, 35)
    assert nested.has_more(10) and not page_info(
        {"page": {"number": 4, "size": 10}, "total": 35}
    ).has_more(5)
    assert (flat.number, flat.size, flat.total) == (1, 10, 2)
    assert not flat.has_more(2)
    assert unpaged.size is None and not unpaged.has_more(2)


def test_error_document_becomes_plain_sentences() -> None:
    body = {
        "errors": [
            {
                "id": "1",
                "status": "422",
                "code": "email",
                "title": "Invalid email",
                "detail": "This value is not a valid email address.",
                "source": {"pointer": "/data/attributes/email"},
            },
            {
                "id": "2",
                "status": "400",
                "code": "range",
                "title": "Invalid parameter",
                "detail": "filter[range] is required.",
                "source": {"parameter": "filter[range]"},
            },
        ]
    }
    sentences = read_errors(httpx.Response(422, json=body))
    assert sentences == [
        "Invalid email: This value is not a valid email address (field email).",
        "Invalid parameter: filter[range] is required (parameter filter[range]).",
    ]
    assert read_errors(httpx.Response(502, text="<html>Bad gateway</html>")) == []


def test_datetimes_in_every_documented_form_are_timezone_aware() -> None:
    for raw in (
        "2022-07-15T11:55:19+00:00",
        "2022-07-19T09:01:55Z",
        "2022-07-18 10:25:01",
        "2022-07-15T14:55:19+03:00",
    ):
        parsed = wire.timestamp(raw)
        assert parsed is not None and parsed.tzinfo is not None
    assert wire.timestamp("2022-07-15T14:55:19+03:00") == wire.timestamp("2022-07-15T11:55:19Z")


def test_a_document_without_ids_is_a_protocol_error() -> None:
    with pytest.raises(VendorProtocolError):
        parse_document({"data": [{"type": "customers"}]})
    with pytest.raises(VendorProtocolError):
        parse_document(["not", "a", "document"])
