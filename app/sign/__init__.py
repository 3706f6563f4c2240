"""PDF building, PKCS#11 tokens, signature appearances, signing and verification.
Typed options in, typed results out; no Qt, no knowledge of scanning or syncing."""
