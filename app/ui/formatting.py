"""How times, ages and amounts read on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def age_text(delta: timedelta) -> str:
    """``just now``, ``4 min``, ``2 h 5 min``, ``3 days``: how long ago, at a glance."""
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 60:
        return "just now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days = hours // 24
    return "1 day" if days == 1 else f"{days} days"


def local_time(moment: datetime | None, *, now: datetime | None = None) -> str:
    """``14:05`` today, ``21 Nov 14:05`` before; the PC's own time zone."""
    if moment is None:
        return "—"
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    return local.strftime("%H:%M" if local.date() == today else "%d %b %H:%M")
