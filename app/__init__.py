"""Counterpart: a desktop companion for the point of sale."""

from importlib import metadata

APP_NAME = "Counterpart"


def version() -> str:
    """The installed package's version, or the source tree's when run uncompiled."""
    try:
        return metadata.version("counterpart")
    except metadata.PackageNotFoundError:
        return "0.0.0+source"
