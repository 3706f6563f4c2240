"""Scanner drivers, scan sessions and the official scan-quality rules. No Qt here."""
