"""The version, on its own so that any module (stages included) can read it without importing the API."""

__version__ = "0.1.0"
