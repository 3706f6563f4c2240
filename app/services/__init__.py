"""Use cases: the only layer that combines scan, sign, sync and the store. Both the CLI and
the Qt UI call these functions; they take explicit arguments and report progress through
callbacks, never through Qt."""
