"""Packaged dictionaries and code tables (data files; see SOURCES.md)."""
