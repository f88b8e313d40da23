"""Qt widgets and models. Views talk to services only; they never import httpx."""
