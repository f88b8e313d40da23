"""Vendor clients: one HTTP runtime, one small package per remote API. No Qt here."""

VENDOR_NAMES = ("vroom", "posiflora", "yodify", "endless-aisles", "fabric")

DISPLAY_NAMES = {
    "vroom": "Vroom",
    "posiflora": "Posiflora",
    "yodify": "Yodify",
    "endless-aisles": "Endless Aisles",
    "fabric": "fabric Marketplace",
}


def display_name(vendor: str) -> str:
    """The vendor's name as staff know it."""
    return DISPLAY_NAMES.get(vendor, vendor)
