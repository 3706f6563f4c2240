"""Thumbnails with QC badges, made off the GUI thread (QImage and QPainter on a QImage are safe
in worker threads; QPixmap is made on the GUI thread from the finished QImage)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPen, QTransform

from app.services.scan_view import PageInfo

THUMB = QSize(240, 320)  # drawn at this size; the grid shows them smaller or as large as this
BADGE_COLOURS = {"error": QColor("#c62828"), "warning": QColor("#ef6c00"), "ok": QColor("#2e7d32"),
                 "overridden": QColor("#6a1b9a")}


def load_scaled(path: Path, size: QSize = THUMB, rotation: int = 0) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    src = reader.size()
    if src.isValid():
        reader.setScaledSize(src.scaled(size if rotation % 180 == 0 else size.transposed(),
                                        Qt.AspectRatioMode.KeepAspectRatio))
    img = reader.read()
    if img.isNull():
        img = QImage(size, QImage.Format.Format_RGB32)
        img.fill(QColor("#dddddd"))
    if rotation % 360:
        img = img.transformed(QTransform().rotate(rotation), Qt.TransformationMode.SmoothTransformation)
    return img


def badge_thumbnail(path: Path, position: int, severity: str, *, rotation: int = 0,
                    size: QSize = THUMB) -> QImage:
    """The page image scaled into ``size`` with its number and a coloured QC badge."""
    page = load_scaled(path, size, rotation)
    out = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(QColor("#f4f4f4"))
    p = QPainter(out)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = (size.width() - page.width()) // 2
        y = (size.height() - page.height()) // 2
        p.drawImage(x, y, page)
        p.setPen(QPen(QColor("#888888"), 1))
        p.drawRect(x, y, page.width() - 1, page.height() - 1)
        colour = BADGE_COLOURS.get(severity, BADGE_COLOURS["ok"])
        r = QRectF(size.width() - 34, 4, 30, 30)
        p.setBrush(colour)
        p.setPen(QPen(QColor("white"), 2))
        p.drawEllipse(r)
        f = QFont()
        f.setBold(True)
        f.setPixelSize(18)
        p.setFont(f)
        mark = {"error": "!", "warning": "?", "overridden": "✓", "ok": "✓"}.get(severity, "✓")
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, mark)
        tag = QRectF(4, size.height() - 26, 40, 22)
        p.setBrush(QColor(0, 0, 0, 150))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(tag, 4, 4)
        p.setPen(QColor("white"))
        f.setPixelSize(14)
        p.setFont(f)
        p.drawText(tag, Qt.AlignmentFlag.AlignCenter, str(position))
    finally:
        p.end()
    return out


def page_thumbnail(page: PageInfo) -> QImage:
    """A scanned page's thumbnail with its QC badge (the Scan screen draws it on the worker thread)."""
    return badge_thumbnail(page.image_path, page.position, page.severity)
