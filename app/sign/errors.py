"""Precise error types of the signing layer, each with a message for the officer (vi) and the
logs (en). PINs never appear in any message."""

from __future__ import annotations

from app.domain.errors import InvalidInput, OperationFailed


class TokenError(OperationFailed):
    """The token or its module cannot be used."""


class TokenNotFound(TokenError):
    pass


class TokenRemoved(TokenError):
    pass


class WrongPin(TokenError):
    exit_code = 2

    def __init__(self, message_en: str, message_vi: str, *, final_try: bool = False,
                 count_low: bool = False) -> None:
        super().__init__(message_en, message_vi)
        self.final_try = final_try
        self.count_low = count_low


class PinLocked(TokenError):
    pass


class CertificateRejected(InvalidInput):
    """The certificate may not sign: expired, not yet valid, or without a signing key usage."""


class TimestampFailed(OperationFailed):
    pass


class SigningCancelled(OperationFailed):
    pass


class RevocationUnavailable(OperationFailed):
    """Level B-LT: the revocation info named in the certificates could not be fetched."""


class CertificateRevoked(OperationFailed):
    """The revocation info fetched for level B-LT says the signing certificate is revoked."""
