"""ACLED and GDELT interoperability: readers and writers of their layouts, and the CLI commands.

Readers turn a file into batches of rows named after the ``event`` table's columns, plus the rows
that could not be read (with file, line, field and value). Writers turn rows of the
``v_events_acled`` / ``v_events_gdelt`` views into ACLED's 31 or GDELT 2.0's 61 columns. Only
``etl.load`` touches the database.
"""
