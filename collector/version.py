"""The release number, in a module of its own so the lowest layers can name it in their User-Agent."""

__version__ = "0.1.0"
