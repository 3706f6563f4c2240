"""The reception receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả) handed
to the citizen: dossier number, owner, submitter, procedure, the components received, the
processing time in working days and the appointment date. Printable PDF (ReportLab, Liberation
Serif for the Vietnamese text), written durably into the place the officer chose; the issue is
audited. Also: a guard against receiving the same dossier twice by mistake."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from app.domain.codes import vn_now
from app.domain.errors import OperationFailed
from app.domain.identifiers import mask_id
from app.domain.records import ComponentState, Dossier
from app.domain.workdays import HolidayCalendar, due_date
from app.resources import resource
from app.services.catalogue import load_catalogue
from app.store.blobs import write_durably
from app.store.workspace import Workspace

log = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(minutes=30)


@lru_cache(maxsize=1)
def holiday_calendar() -> HolidayCalendar:
    data = json.loads(resource("holidays.json").read_text(encoding="utf-8"))
    return HolidayCalendar.parse(data.get("fixed", []), data.get("dates", []))


def appointment_date(dossier: Dossier) -> date:
    days = load_catalogue().get(dossier.procedure_code).processing_days
    return due_date(dossier.received_at.date(), days, holiday_calendar())


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    note: str  # how it was received: paper to digitize, from the data warehouse, not provided


@dataclass(frozen=True)
class Receipt:
    dossier_no: str
    agency_name: str
    owner_id: str
    owner_name: str
    submitter_id: str
    submitter_name: str
    delegated: bool
    procedure_code: str
    procedure_name: str
    received_at: datetime
    processing_days: int
    due: date
    officer: str
    fee: int
    lines: list[ReceiptLine] = field(default_factory=list)


def _line_note(state: ComponentState) -> str:
    if state is ComponentState.REUSED:
        return "lấy từ Kho dữ liệu"
    if state is ComponentState.NOT_PROVIDED:
        return "không nộp"
    return "bản giấy"


def receipt_for(ws: Workspace, number: str) -> Receipt:
    # originals loads pikepdf, the PDF builder and the verifier: ~0.5 s the UI's first window
    # (whose Reception screen imports this module) need not pay
    from app.services.originals import receipt_note, specials  # noqa: PLC0415 - start-up cost

    d = ws.dossiers.get(number)
    proc = load_catalogue().get(d.procedure_code)

    special = specials(ws, number)  # fragile originals declined, audio-visual ones received (issue 20)
    lines = [ReceiptLine(c.name, receipt_note(*special[c.component_id]) if c.component_id in special
                         else _line_note(c.state))
             for c in d.components if c.state is not ComponentState.NOT_PROVIDED or c.required
             or c.component_id in special]
    fee = proc.fee + sum(c.fee for c in d.components)
    return Receipt(d.number, ws.settings.agency_name, d.owner.id, d.owner.name, d.submitter.id,
                   d.submitter.name,
                   d.delegated, d.procedure_code, d.procedure_name, d.received_at, proc.processing_days,
                   appointment_date(d), ws.actor, fee, lines)


def write_receipt(ws: Workspace, number: str, out: Path) -> Receipt:
    """Write the receipt as a PDF at ``out`` (durably) and audit its issue."""
    receipt = receipt_for(ws, number)
    try:
        data = render_pdf(receipt)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_durably(out, data)
    except OSError as exc:
        raise OperationFailed(f"Cannot write the receipt to {out}: {exc.strerror or exc}",
                              f"Không ghi được giấy tiếp nhận vào {out}: {exc.strerror or exc}") from exc
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "dossier.receipt", actor=ws.actor, dossier=number,
                        details={"due": receipt.due.isoformat(), "pages": 1})
    log.info("Receipt of %s written (due %s)", number, receipt.due.isoformat())
    return receipt


def recent_duplicate(ws: Workspace, owner: str, procedure: str, *,
                     now: datetime | None = None) -> Dossier | None:
    """A dossier of the same owner and procedure received at this workstation within the last
    half hour: a second reception is most likely a mistake (double Ctrl+Enter, a retyped form)."""
    now = now or vn_now()
    for d in ws.dossiers.list(day=now.date().isoformat(), query=owner):
        if d.owner.id == owner and d.procedure_code == procedure and now - d.received_at <= DUPLICATE_WINDOW:
            return d
    return None


def render_pdf(r: Receipt) -> bytes:
    """One A4 page: the national heading, the agency, the receipt's facts, the components
    received, the appointment, and the two signature places."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    for name, file in (("LiberationSerif", "LiberationSerif-Regular.ttf"),
                       ("LiberationSerif-Bold", "LiberationSerif-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    body = ParagraphStyle("body", fontName="LiberationSerif", fontSize=12, leading=16)
    bold = ParagraphStyle("bold", parent=body, fontName="LiberationSerif-Bold")
    centre = ParagraphStyle("centre", parent=body, alignment=TA_CENTER)
    centre_bold = ParagraphStyle("centre_bold", parent=bold, alignment=TA_CENTER)
    title = ParagraphStyle("title", parent=centre_bold, fontSize=14, leading=19, spaceBefore=6, spaceAfter=6)

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def when(t: datetime) -> str:
        return f"{t:%H} giờ {t:%M} phút, ngày {t:%d/%m/%Y}"

    heading = Table([[Paragraph(esc(r.agency_name.upper()), centre_bold),
                      Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh "
                                "phúc", centre_bold)],
                     [Paragraph("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", centre),
                      Paragraph(f"<i>Ngày {r.received_at:%d} tháng {r.received_at:%m} năm "
                                f"{r.received_at:%Y}</i>", centre)]],
                    colWidths=[75 * mm, 95 * mm])
    heading.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    owner = f"{esc(r.owner_name) or 'Chủ hồ sơ'} (số định danh {esc(r.owner_id)})"
    story: list[object] = [heading, Spacer(1, 6 * mm),
                           Paragraph("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", title),
                           Paragraph(f"Mã hồ sơ: <b>{esc(r.dossier_no)}</b>", centre), Spacer(1, 4 * mm),
                           Paragraph(f"{esc(r.agency_name)} tiếp nhận hồ sơ của: <b>{owner}</b>", body)]
    if r.delegated:
        story.append(Paragraph(f"Người nộp hồ sơ (được ủy quyền): {esc(r.submitter_name) or '—'} "
                               f"(số định danh {esc(r.submitter_id)})", body))
    story += [Paragraph(f"Nội dung yêu cầu giải quyết: {esc(r.procedure_name)} (mã thủ tục "
                        f"{esc(r.procedure_code)})",
                        body),
              Spacer(1, 2 * mm), Paragraph("1. Thành phần hồ sơ:", bold)]
    rows = [[Paragraph("TT", centre_bold), Paragraph("Tên giấy "
                                                     "tờ", centre_bold), Paragraph("Hình thức", centre_bold)]]
    rows += [[Paragraph(str(i), centre), Paragraph(esc(line.name), body), Paragraph(line.note, centre)]
             for i, line in enumerate(r.lines, start=1)]
    table = Table(rows, colWidths=[12 * mm, 118 * mm, 40 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [table, Spacer(1, 2 * mm),
              Paragraph("2. Số lượng hồ sơ: 01 (bộ)", body),
              Paragraph(f"3. Thời gian giải quyết hồ sơ theo quy định: {r.processing_days} ngày làm "
                        "việc", body),
              Paragraph(f"4. Thời gian nhận hồ sơ: {when(r.received_at)}", body),
              Paragraph(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>ngày {r.due:%d/%m/%Y}</b>", body),
              Paragraph(f"6. Phí, lệ phí: {r.fee:,} đồng".replace(",", "."), body),
              Paragraph("Kết quả được trả tại Bộ phận tiếp nhận và trả kết quả; kết quả điện tử được lưu vào "
                        "Kho dữ liệu của công dân.", body),
              Spacer(1, 8 * mm)]
    signs = Table([[Paragraph("NGƯỜI NỘP HỒ SƠ<br/><i>(Ký và ghi rõ họ tên)</i>", centre_bold),
                    Paragraph("NGƯỜI TIẾP NHẬN HỒ SƠ<br/><i>(Ký và ghi rõ họ tên)</i>", centre_bold)],
                   ["", ""],
                   [Paragraph(esc(r.submitter_name or r.owner_name), centre),
                    Paragraph(esc(r.officer), centre)]],
                  colWidths=[85 * mm, 85 * mm], rowHeights=[None, 22 * mm, None])
    story.append(signs)
    buf = BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=f"Giấy tiếp nhận hồ sơ {r.dossier_no}",
                            author=r.agency_name, subject=f"Hẹn trả kết quả hồ sơ {mask_id(r.owner_id)}")
    doc.build(story)
    return buf.getvalue()
