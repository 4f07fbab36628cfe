"""Scheduled incremental sources: news feeds, GDELT's 15-minute files and the ACLED API.

Nothing here imports Dagster; the sensors in ``dagster_project/defs/sources.py`` call these
functions and keep their cursors. Only :mod:`etl.load` writes to the database.
"""
