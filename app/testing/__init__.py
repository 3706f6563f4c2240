"""Generators shared by the tests and the demo: synthetic pages, the test PKI, the SoftHSM token.
Nothing here is used in production paths."""
