"""Customers as a flower shop knows them: contact, bonus card, balance, groups and history."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.domain.bonuses import BonusGroup
from app.domain.money import ZERO

_NOT_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"\s+")


def phone_digits(text: str) -> str:
    """Only the digits of a phone number as typed: ``+7 (926) 869-36-54`` -> ``79268693654``."""
    return _NOT_DIGITS.sub("", text)


def normalise_card(text: str) -> str:
    """A bonus card number as stored: no whitespace (a scanner's Enter included), upper case."""
    return _SPACES.sub("", text).upper()


def normalise_name(text: str) -> str:
    """A name for case-insensitive matching: folded case, single spaces."""
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class DiscountGroup:
    """A group whose members get a fixed percent off."""

    id: str
    title: str
    discount: int = 0  # percent (posiflora.md §5.2 [inf])
    entry_amount: Decimal = ZERO
    status: str = "on"
    private: bool = False
    valid_from: datetime | None = None
    valid_to: datetime | None = None


@dataclass(frozen=True, slots=True)
class BonusHistoryEntry:
    """One movement of a customer's points: positive earned, negative spent or taken away."""

    id: str
    amount: int
    admin: bool = False  # a manual adjustment by staff
    created_at: datetime | None = None
    order_id: str | None = None

    @property
    def kind(self) -> str:
        """What happened, in the shop's words."""
        if self.admin:
            return "Adjusted by staff"
        if self.amount >= 0:
            return "Earned on an order" if self.order_id else "Earned"
        return "Spent on an order" if self.order_id else "Spent"


@dataclass(frozen=True, slots=True)
class Customer:
    """A customer record; groups are ids here, resolved into a :class:`CustomerCard`."""

    id: str
    name: str
    phone: str = ""  # national number, as the vendor stores it
    country_code: int | None = None
    email: str = ""
    bonus_card: str = ""
    current_points: int = 0
    spent_points: int = 0
    bonus_group_id: str | None = None
    discount_group_ids: tuple[str, ...] = ()
    orders_count: int = 0
    orders_amount: Decimal = ZERO
    average_check: Decimal = ZERO
    notes: str = ""
    status: str = "on"
    birthday: date | None = None
    gender: str | None = None
    updated_at: datetime | None = None
    revision: int | None = None

    @property
    def full_phone(self) -> str:
        """Country code and national number as digits, for matching what a florist types."""
        prefix = str(self.country_code) if self.country_code else ""
        return prefix + phone_digits(self.phone)

    @property
    def display_phone(self) -> str:
        if not self.phone:
            return ""
        return f"+{self.country_code} {self.phone}" if self.country_code else self.phone


@dataclass(frozen=True, slots=True)
class ContactChanges:
    """The contact fields a florist may edit at the counter; ``None`` leaves a field alone."""

    phone: str | None = None
    email: str | None = None
    notes: str | None = None

    def as_dict(self) -> dict[str, str]:
        values = {"phone": self.phone, "email": self.email, "notes": self.notes}
        return {key: value for key, value in values.items() if value is not None}

    def is_empty(self) -> bool:
        return not self.as_dict()


@dataclass(frozen=True, slots=True)
class CustomerStatsPoint:
    """Spending by one customer in one period."""

    period_start: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class CustomerCard:
    """Everything the counter shows about one customer."""

    customer: Customer
    bonus_group: BonusGroup | None = None
    discount_groups: tuple[DiscountGroup, ...] = ()
    history: tuple[BonusHistoryEntry, ...] = field(default=())
    history_complete: bool = True  # False when the history could not be loaded
