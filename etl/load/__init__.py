"""The only package that writes to PostgreSQL."""
