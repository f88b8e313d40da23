"""The pricing view."""
