"""Yodify's ValidationProblemDetails bodies become sentences a cashier can read."""

from __future__ import annotations

import json

import httpx

from app.vendors.yodify.errors import read_problem


def response(status: int, body: object | None) -> httpx.Response:
    content = b"" if body is None else json.dumps(body).encode()
    return httpx.Response(status, content=content)


def test_each_property_error_becomes_a_sentence() -> None:
    body = {
        "errors": {"Limit": ["Limit must be between 1 and 100."], "CreatedOnMin": ["too late"]},
        "title": "One or more validation errors occurred.",
        "status": 400,
        "instance": "/api/v1/Orders",
    }
    assert read_problem(response(400, body)) == [
        "Limit must be between 1 and 100.",
        "Created on min: too late.",
    ]


def test_detail_is_used_and_the_generic_title_is_dropped() -> None:
    body = {"errors": {}, "detail": "Order 123 was not found", "title": "One or more validation "
            "errors occurred.", "status": 400}  # fmt: skip
    assert read_problem(response(400, body)) == ["Order 123 was not found."]


def test_a_specific_title_is_used_when_nothing_else_is_said() -> None:
    assert read_problem(response(400, {"title": "Record locked", "status": 400})) == [
        "Record locked."
    ]


def test_json_converter_noise_names_the_field_instead() -> None:
    body = {"errors": {"$.inventory_adjustment": [
        "The JSON value could not be converted to System.Double. Path: $.inventory_adjustment "
        "| LineNumber: 0 | BytePositionInLine: 30."]}}  # fmt: skip
    assert read_problem(response(400, body)) == [
        "The value for inventory_adjustment has the wrong type."
    ]


def test_403_and_429_without_bodies_give_no_sentences() -> None:
    assert read_problem(response(403, None)) == []
    assert read_problem(response(429, None)) == []
    assert read_problem(httpx.Response(502, content=b"<html>Bad gateway</html>")) == []
