"""Demo data for the reference server: an officer account, a workstation client, owners with
national-portal accounts, and warehouse documents that are real PDFs signed with the test
agency key (one deliberately damaged so that its signature does not verify)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.refserver.auth import hash_secret
from app.refserver.db import PostgresDb, ServerDb
from app.resources import resource
from app.sign.appearance import AppearanceKind, AppearanceOptions
from app.sign.pdf import PdfOptions, build_pdf
from app.sign.signer import SignOptions, sign_with_key_file
from app.testing.pki import build_test_pki

log = logging.getLogger(__name__)

DEMO_OWNER = "052090000495"
DEMO_USER, DEMO_PASSWORD = "demo", "demo"  # documented in the README: a demo login, not a secret
DEMO_CLIENT, DEMO_CLIENT_SECRET = "workstation-demo", "workstation-demo-secret"
DEMO_AGENCY, OTHER_AGENCY, PROVINCE = "000.87.34.H08", "000.87.35.H08", "000.00.00.H08"
# the README's demo accounts: (username = password, roles, agency, scopes narrowed to, or "" for all
# the roles give)
DEMO_ACCOUNTS = [
    (DEMO_USER, "officer", DEMO_AGENCY, ""),
    ("giamsat", "supervisor", DEMO_AGENCY, ""),
    ("canbo2", "officer", OTHER_AGENCY, ""),
    ("quantri", "agency_admin", DEMO_AGENCY, ""),
    ("tinh", "province_admin", PROVINCE, ""),  # the province's processing (statuses 4/5/6/8/9)
    # a read-only account of the warehouse (tests check that its token is refused on every write)
    ("reader", "officer", DEMO_AGENCY, "warehouse:read"),
]

DOCS = [
    # code, type, type name, issuer, issued, title, valid
    ("052090000495.KQ.GKS.000101.12031990", "GKS", "Giấy khai sinh", "UBND xã Phước Hưng", "1990-03-12",
     "Giấy khai sinh (bản chính điện tử)", True),
    ("052090000495.KQ.GKS.000214.05062023", "GKS", "Giấy khai sinh", "UBND xã Phước Hưng", "2023-06-05",
     "Giấy khai sinh (cấp lại)", True),
    ("052090000495.KQ.G15.000021.02022024", "G15", "Bản sao được chứng thực từ bản chính",
     "UBND xã Phước Hưng", "2024-02-02", "Bản sao chứng thực Thẻ căn cước công dân", True),
    ("052090000495.KQ.GXNHN.000033.10012024", "GXNHN", "Giấy xác nhận tình trạng hôn nhân",
     "UBND xã Phước Hưng", "2024-01-10", "Giấy xác nhận tình trạng hôn nhân", False),
]


# decision number and abstract (trích yếu) of each seeded document, searched by the counter
DOC_DETAILS = {
    "052090000495.KQ.GKS.000101.12031990": ("101/1990/KS", "Đăng ký khai sinh cho Nguyễn Văn Bình"),
    "052090000495.KQ.GKS.000214.05062023": ("214/2023/TLKS", "Cấp lại bản chính giấy khai sinh do bị mất"),
    "052090000495.KQ.G15.000021.02022024": ("21/2024/SCT-BS",
                                            "Chứng thực bản sao từ bản chính Thẻ căn cước công dân"),
    "052090000495.KQ.GXNHN.000033.10012024": ("33/2024/XNHN", "Xác nhận tình trạng hôn nhân để kết hôn"),
}


def _document_pdf(path: Path, title: str, code: str, work: Path) -> None:
    dpi = 150
    img = Image.new("RGB", (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)), (252, 252, 250))
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(str(resource("fonts", "LiberationSerif-Bold.ttf")), 30)
    small = ImageFont.truetype(str(resource("fonts", "LiberationSerif-Regular.ttf")), 22)
    d.text((120, 120), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=big, fill=(10, 10, 10))
    d.text((120, 200), title.upper(), font=big, fill=(10, 10, 10))
    d.text((120, 280), f"Mã giấy tờ: {code}", font=small, fill=(10, 10, 10))
    png = work / f"{code}.png"
    img.save(png, dpi=(dpi, dpi))
    build_pdf([png], path, PdfOptions(title=title, metadata={"CodeNumber": code, "TypeName": title}))
    png.unlink()


def signed_demo_documents(data_dir: Path) -> dict[str, Path]:
    """The demo warehouse documents, signed with the demo PKI's agency key, by code. Made once per
    data directory (``seed-cache/``), so a directory prepared beforehand (the tests copy one) starts
    without signing anything."""
    pki = build_test_pki(data_dir / "pki")
    cache = data_dir / "seed-cache"
    cache.mkdir(exist_ok=True)
    out: dict[str, Path] = {}
    for code, _dtype, _type_name, issuer, _issued, title, _valid in DOCS:
        signed = cache / f"{code}.pdf"
        if not signed.is_file():
            unsigned, partial = cache / f"{code}.unsigned.pdf", cache / f"{code}.partial"
            _document_pdf(unsigned, title, code, cache)
            sign_with_key_file(unsigned, partial, pki.agency, SignOptions(appearance=AppearanceOptions(
                kind=AppearanceKind.COPY, agency_name=issuer)))
            partial.replace(signed)
            unsigned.unlink(missing_ok=True)
        out[code] = signed
    return out


def seed_demo(db: ServerDb | PostgresDb, data_dir: Path) -> None:
    """Idempotent: re-seeding an existing data directory changes nothing."""
    pki = build_test_pki(data_dir / "pki")
    with db.tx() as c:
        for user, roles, agency, scopes in DEMO_ACCOUNTS:
            if c.execute("SELECT 1 FROM users WHERE username = ?", (user,)).fetchone() is None:
                c.execute("INSERT INTO users(username, legacy_sha256, secret_hash, scopes, roles, agency, "
                          "disabled) VALUES (?,'',?,?,?,?,0)",
                          (user, hash_secret(user), scopes, roles, agency))
        if c.execute("SELECT 1 FROM clients WHERE client_id = ?", (DEMO_CLIENT,)).fetchone() is None:
            c.execute("INSERT INTO clients(client_id, legacy_sha256, secret_hash, scopes, roles, agency, "
                      "disabled) VALUES (?,'',?,'','workstation',?,0)",
                      (DEMO_CLIENT, hash_secret(DEMO_CLIENT_SECRET), DEMO_AGENCY))
        for owner, state, name in ((DEMO_OWNER, "linked", "Nguyễn Văn Bình"),
                                   ("079200000001", "not_linked", "Trần Thị Mai"),
                                   ("0100109106", "linked", "Tổng công ty Viễn thông Quân đội")):
            c.execute("INSERT INTO accounts(owner_id, state, name) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                      (owner, state, name))
    cache = signed_demo_documents(data_dir)
    for code, dtype, type_name, issuer, issued, title, valid in DOCS:
        if db.conn().execute("SELECT 1 FROM warehouse WHERE code = ?", (code,)).fetchone():
            continue
        data = cache[code].read_bytes()
        if not valid:  # damage a byte inside the signed range: the signature no longer verifies
            pos = data.find(b"/Producer")
            data = data[:pos + 3] + bytes([data[pos + 3] ^ 0x01]) + data[pos + 4:]
        sha = hashlib.sha256(data).hexdigest()
        file_id = f"f-{sha[:24]}"
        (data_dir / "files" / file_id).write_bytes(data)
        with db.tx() as c:
            c.execute("INSERT INTO files(id, name, sha256, size) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                      (file_id, f"{code}.pdf", sha, len(data)))
            decision_no, abstract = DOC_DETAILS.get(code, ("", ""))
            c.execute("INSERT INTO warehouse(code, owner, type, type_name, issuer, issued, file_id, title, "
                      "decision_no, abstract) VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (code, code.split(".")[0], dtype, type_name, issuer, issued, file_id, title,
                       decision_no, abstract))
    log.info("Demo data seeded in %s (trust anchors: %s)", data_dir, pki.trust_dir)
