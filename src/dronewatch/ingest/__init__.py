"""See docs/ingest.md."""
