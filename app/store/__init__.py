"""The journal: one SQLite file on sqlite3, migrated with sqlite-utils (schema, migrations, rows to dataclasses)."""
