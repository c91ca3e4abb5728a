"""Projektbanken Assistant: cited answers and search by meaning over funded-project texts."""

__version__ = "0.1.0"
