"""Reading the QR code printed on a chip ID card (CCCD).

The card's QR text is ``ID|oldID|name|DDMMYYYY|sex|address|issueDDMMYYYY``. Decoding uses
zxing-cpp on the scanned card image; parsing is a pure function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageOps

from app.domain.errors import InvalidInput, OperationFailed


@dataclass(frozen=True)
class CardData:
    id_number: str
    old_id: str
    name: str
    birth_date: date | None
    sex: str
    address: str
    issued: date | None


def _ddmmyyyy(text: str) -> date | None:
    text = text.strip()
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def parse_cccd_qr(text: str) -> CardData:
    parts = (text or "").strip().split("|")
    if len(parts) < 4 or not parts[0].strip().isdigit():
        raise InvalidInput(
            "The QR code is not the QR of a chip ID card",
            "Mã QR không phải mã QR của thẻ Căn cước công dân gắn chip",
        )
    parts += [""] * (7 - len(parts))
    return CardData(
        id_number=parts[0].strip(), old_id=parts[1].strip(), name=parts[2].strip(),
        birth_date=_ddmmyyyy(parts[3]), sex=parts[4].strip(), address=parts[5].strip(),
        issued=_ddmmyyyy(parts[6]),
    )


def decode_card_image(path: Path) -> CardData:
    """Find the QR code on a scanned ID card image and parse it."""
    import zxingcpp  # noqa: PLC0415 - native QR decoder, loaded on the first ID card read, not at start-up

    try:
        with Image.open(path) as img:
            img.load()
            gray = ImageOps.grayscale(img)
    except OSError as exc:
        raise InvalidInput(f"Cannot open image {path.name}: "
                           f"{exc}", f"Không mở được ảnh {path.name}: {exc}") from exc
    for candidate in (gray, ImageOps.autocontrast(gray)):
        for result in zxingcpp.read_barcodes(candidate):
            if result.valid and "QR" in str(result.format):
                return parse_cccd_qr(result.text)
    raise OperationFailed(
        f"No QR code found in {path.name}",
        f"Không tìm thấy mã QR trên ảnh {path.name}; hãy quét lại mặt trước thẻ, rõ nét, không bị lóa",
    )
