"""Which key signs which document: the rule, not the token's list order.

A counter officer's token usually holds two keys: the officer's own (cán bộ) and the agency's
(cơ quan). The officer's key signs what the counter digitizes for a dossier; the agency's key
signs only what the agency issues in its own name: certified electronic copies (bản sao y,
Decree 30/2020 art. 25.1.c, the on-request digitization of seed 002) and issued results. The
key is chosen from the document's purpose, never from the order the token lists its objects.

Pure functions over plain values: the signing layer reads the certificate, the services apply
the rule."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.domain.records import DigitizationCategory


class KeyRole(StrEnum):
    OFFICER = "officer"  # khóa của cán bộ
    AGENCY = "agency"  # khóa của cơ quan

    @property
    def name_vi(self) -> str:
        return "cán bộ" if self is KeyRole.OFFICER else "cơ quan"


class DocumentPurpose(StrEnum):
    DIGITIZED_COMPONENT = "digitized_component"  # thành phần hồ sơ số hóa tại bộ phận một cửa
    CERTIFIED_COPY = "certified_copy"  # bản sao y / sao lục / trích sao (ND30 điều 25)
    ISSUED_RESULT = "issued_result"  # kết quả giải quyết do cơ quan ban hành


def purpose_of(category: DigitizationCategory) -> DocumentPurpose:
    """What signing a scanned component makes of it. On-request digitization is a certified
    copy in the agency's name (seed 002, section 3); everything else the counter digitizes for
    the dossier is signed by the officer who digitized it."""
    return DocumentPurpose.CERTIFIED_COPY if category is DigitizationCategory.ON_REQUEST \
        else DocumentPurpose.DIGITIZED_COMPONENT


def required_role(purpose: DocumentPurpose) -> KeyRole:
    return KeyRole.OFFICER if purpose is DocumentPurpose.DIGITIZED_COMPONENT else KeyRole.AGENCY


def role_for_component(category: DigitizationCategory) -> KeyRole:
    return required_role(purpose_of(category))


@dataclass(frozen=True)
class CertificateFacts:
    """What the rule reads of a certificate: the key's label on the token and the subject's
    common name, organisation and UID (Vietnamese CAs put ``CMND:``/``CCCD:`` for a person,
    ``MST:``/``MNS:`` for an organisation there)."""

    label: str
    common_name: str = ""
    organization: str = ""
    uid: str = ""


_AGENCY_LABEL_WORDS = ("agency", "co-quan", "coquan", "co "
                                                      "quan", "to-chuc", "to "
                                                                         "chuc", "organization",
                                                                         "organisation",
                       "don-vi", "don vi")
_OFFICER_LABEL_WORDS = ("officer", "can-bo", "canbo", "can bo", "ca-nhan", "ca nhan", "personal")
_AGENCY_UID = re.compile(r"^\s*(MST|MNS|MSDN|MDV)\s*:", re.IGNORECASE)
_PERSON_UID = re.compile(r"^\s*(CMND|CCCD|HC|PASSPORT|DDCN)\s*:", re.IGNORECASE)


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD",
                                                      text) if unicodedata.category(ch) != "Mn").lower()


def certificate_role(facts: CertificateFacts) -> KeyRole:
    """The role of a key, from the most explicit evidence to the least: the subject's UID
    (a personal ID number or an organisation's tax / budget code), the label the token gives
    it, then an organisation certificate's common name equal to its organisation. A key with
    no evidence is treated as the officer's: it is never picked for an agency signature."""
    if _AGENCY_UID.match(facts.uid):
        return KeyRole.AGENCY
    if _PERSON_UID.match(facts.uid):
        return KeyRole.OFFICER
    label = _fold(facts.label)
    if any(word in label for word in _AGENCY_LABEL_WORDS):
        return KeyRole.AGENCY
    if any(word in label for word in _OFFICER_LABEL_WORDS):
        return KeyRole.OFFICER
    if facts.organization and _fold(facts.common_name).strip() == _fold(facts.organization).strip():
        return KeyRole.AGENCY
    return KeyRole.OFFICER


@dataclass(frozen=True)
class KeyOption:
    """What the choice of a key looks at: its role, whether it may sign now, its expiry."""

    role: KeyRole
    usable: bool
    not_after_ts: float  # POSIX seconds; 0 when unknown
    label: str = ""


def role_to_preselect(waiting: Sequence[KeyRole]) -> KeyRole:
    """The key to offer first: the officer's unless only documents for the agency's key wait."""
    return KeyRole.OFFICER if not waiting or KeyRole.OFFICER in waiting else waiting[0]


def choose_key(options: Sequence[KeyOption], role: KeyRole) -> int | None:
    """Index of the key to preselect for ``role`` (the one rule for the CLI and the Sign
    screen): a key of that role only, never by list order across roles; a usable one before
    an expired or unusable one, then the longest-valid, then by label. None: no key of that role."""
    rows = [i for i, o in enumerate(options) if o.role is role]
    if not rows:
        return None
    return min(rows, key=lambda i: (not options[i].usable, -options[i].not_after_ts, options[i].label, i))

