"""The review screen's widgets: one per module, each with a small DEFAULT_CSS."""
