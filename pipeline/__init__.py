"""interview-ie: structured data from filmmaker interviews and profiles."""
__version__ = "0.1.0"
