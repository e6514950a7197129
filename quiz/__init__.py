"""quiz: a terminal quiz and study app."""

__version__ = "0.1.0"
