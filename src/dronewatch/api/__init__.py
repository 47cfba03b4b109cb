"""See docs/api.md."""
