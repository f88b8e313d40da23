"""fabric Marketplace (former RevCascade) dropship API: variants, inventory, orders (fabric.md)."""
