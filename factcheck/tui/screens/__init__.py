"""The review UI's screens: the review screen and its modal dialogs, one per module."""
