"""The dropship view."""
