"""The journal: one SQLite file through sqlite-utils (schema, migrations, rows to dataclasses)."""
