"""The orders view."""
