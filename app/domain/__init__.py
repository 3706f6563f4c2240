"""Pure data and rules: no I/O, no Qt, no database. Every other layer builds on this."""
