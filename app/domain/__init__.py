"""Plain shop rules and records: no Qt, no HTTP."""
