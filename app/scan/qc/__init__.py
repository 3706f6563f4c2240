"""Quality control: ``measures`` (pure image measurements) and ``rules`` (the official rules of
seed 002 as pure functions over measurements and session facts)."""
