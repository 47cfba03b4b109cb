"""See docs/store.md."""
