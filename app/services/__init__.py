"""Services: cache, outbox, sync, settings, secrets, health. No Qt widgets here."""
