"""factcheck: who says so? Attribution checking for news drafts."""

__version__ = "0.1.0"
