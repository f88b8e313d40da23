"""The outbox view."""
