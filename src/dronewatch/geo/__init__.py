"""See docs/geo.md."""
