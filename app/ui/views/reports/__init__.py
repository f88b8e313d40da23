"""The reports view."""
