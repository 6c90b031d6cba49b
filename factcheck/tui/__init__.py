"""The Textual review UI (`factcheck review`). The only package of factcheck that imports Textual."""
