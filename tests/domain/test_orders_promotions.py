"""Promo code requests: the rules staff are told about before anything is sent."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.domain.promotions import (
    PromoCodeRequest,
    PromoCodeType,
    validate_promo_request,
    with_code,
)

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def test_valid_requests_pass() -> None:
    assert validate_promo_request(PromoCodeRequest(PromoCodeType.PERCENT_OFF, Decimal(15))) == []
    assert validate_promo_request(PromoCodeRequest(PromoCodeType.FREE_DELIVERY)) == []


def test_each_broken_rule_is_named() -> None:
    checks = [
        (PromoCodeRequest(PromoCodeType.PERCENT_OFF, Decimal(150)), "percentage"),
        (PromoCodeRequest(PromoCodeType.DOLLAR_OFF), "Dollar off"),
        (PromoCodeRequest(PromoCodeType.FREE_DELIVERY, Decimal(3)), "Free delivery"),
        (PromoCodeRequest(PromoCodeType.FREE_DELIVERY, code="has space"), "code"),
        (PromoCodeRequest(PromoCodeType.FREE_DELIVERY, customer_phone="555-0100"), "10 digits"),
        (
            PromoCodeRequest(
                PromoCodeType.FREE_DELIVERY, active_time=NOW, expiry_time=NOW - timedelta(days=1)
            ),
            "expire after",
        ),
        (PromoCodeRequest(PromoCodeType.FREE_DELIVERY, site_ids=()), "store"),
    ]
    for request, words in checks:
        problems = validate_promo_request(request)
        assert len(problems) == 1 and words in problems[0], (request, problems)


def test_code_is_chosen_before_sending() -> None:
    rng = random.Random(1)
    named = with_code(PromoCodeRequest(PromoCodeType.FREE_DELIVERY, customer_name="Jack J"), rng)
    assert named.code is not None and named.code.startswith("JACK") and len(named.code) == 8
    anonymous = with_code(PromoCodeRequest(PromoCodeType.FREE_DELIVERY), rng)
    assert anonymous.code is not None and len(anonymous.code) == 8
    typed = PromoCodeRequest(PromoCodeType.FREE_DELIVERY, code="MINE")
    assert with_code(typed, rng) is typed
