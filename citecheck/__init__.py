"""citecheck: audit encyclopedia articles for verifiability."""

__version__ = "0.1.0"
