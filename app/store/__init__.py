"""The local workspace: SQLite (WAL, per-area migrations), durable content-addressed files and
the hash-chained audit log. Everything that must survive a crash goes through here."""
