"""See docs/verify.md."""
