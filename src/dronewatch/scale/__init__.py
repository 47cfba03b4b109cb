"""See docs/scale.md."""
