"""Endless Aisles Retailer API: dropship catalog, stock, orders (vroom-and-endless-aisles.md B)."""
