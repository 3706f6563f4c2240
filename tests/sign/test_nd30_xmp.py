"""ND30 Appendix VI metadata in XMP, declared by a PDF/A extension schema, filled from the dossier
when a component's PDF is built, read back and checked by `motcua pdf meta`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf

from app.domain import nd30
from app.sign.pdf import PdfOptions, build_pdf, read_xmp
from app.sign.xmp import extension_schema_problems, pdfa_problems, read_nd30, with_nd30
from app.store.workspace import Workspace
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import page_image

DOC = {"FileCode": "000.87.34.H08-240109-0015", "DocOrdinal": "2", "TypeName": "Giấy khai sinh",
       "CodeNumber": "001502", "IssuedDate": "2024-01-09", "OrganName": "UBND xã Phước Hưng",
       "Subject": "Bản số hóa giấy khai sinh", "Language": "Tiếng Việt", "PageAmount": "1",
       "SignerInfoPosition": "Cán bộ một cửa", "SignerInfoFullName": "Nguyễn Văn An"}
DOSSIER = {"FileCode": "000.87.34.H08-240109-0015", "Title": "Hồ sơ đăng ký kết "
                                                             "hôn", "Maintenance": "Vĩnh viễn",
           "Rights": "Hạn chế", "Creator": "UBND xã", "Language": "Tiếng Việt", "StartDate": "2024-01-09",
           "DocTotal": "3", "PageTotal": "5"}


def test_pdfa_2b_carries_the_nd30_fields_with_an_extension_schema(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    build_pdf([page_image(tmp_path / "p.png", dpi=100)], out,
              PdfOptions(pdfa=True, title="Giấy khai "
                                          "sinh", metadata={**DOC, "AuditHead": "abc"},
                                          dossier_metadata=DOSSIER))
    xmp = read_xmp(out)
    assert xmp is not None
    found = read_nd30(xmp)
    assert found.document == DOC and found.dossier == DOSSIER and found.extra == {"AuditHead": "abc"}
    assert extension_schema_problems(xmp) == []
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B" and "/OutputIntents" in pdf.Root
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    assert nd30.check_fields(found.document, found.dossier).complete
    # The schema check is not a formality: a property nobody declared, or a bad value type, is caught.
    undeclared = xmp.replace(b"<nd30:Subject>", b"<nd30:Subjectx>").replace(b"</nd30:Subject>",
                                                                            b"</nd30:Subjectx>")
    assert any("Subjectx" in p for p in extension_schema_problems(undeclared))
    bad_type = xmp.replace(b"<pdfaProperty:valueType>Integer<", b"<pdfaProperty:valueType>Number<", 1)
    assert any("unknown value type" in p for p in extension_schema_problems(bad_type))


def test_pdfa_2b_metadata_rules_checkable_without_a_validator(tmp_path: Path) -> None:
    """What ISO 19005-2 (6.6) asks of the metadata that can be checked without veraPDF: the
    identification, the packet header, the extension schema's containers, prefixes and value
    forms, and an unfiltered metadata stream. Each rule is shown to catch its fault."""
    out = tmp_path / "a.pdf"
    build_pdf([page_image(tmp_path / "p.png", dpi=100)], out,
              PdfOptions(pdfa=True, title="Giấy khai sinh", metadata=DOC, dossier_metadata=DOSSIER))
    xmp = read_xmp(out)
    assert xmp is not None and pdfa_problems(xmp) == []
    with pikepdf.open(out) as pdf:
        assert "/Filter" not in pdf.Root.Metadata  # 6.6.2.1: the metadata stream is not filtered
    faults = {
        "pdfaid:part": xmp.replace(b"<pdfaid:part>2</pdfaid:part>", b""),
        "pdfaid:conformance": xmp.replace(b"<pdfaid:conformance>B<", b"<pdfaid:conformance>b<"),
        "xpacket "
        "header": xmp.replace(b'id="W5M0MpCehiHzreSzNTczkc9d"',
                              b'id="W5M0MpCehiHzreSzNTczkc9d" encoding="UTF-8"'),
        "prefix "
        "'nd3x'": xmp.replace(b"<nd30:", b"<nd3x:").replace(b"</nd30:", b"</nd3x:").replace(b"xmlns:nd30=",
                                                                                                b"xmlns:nd3x="),
        "is not a valid Integer": xmp.replace(b"<nd30:DocOrdinal>2<", b"<nd30:DocOrdinal>hai<"),
        "is not a valid Date": xmp.replace(b"<nd30:IssuedDate>2024-01-09<", b"<nd30:IssuedDate>09/01/2024<"),
        "ends with '/' or "
        "'#'": xmp.replace(b"http://motcua.vn/ns/nd30/1.0/", b"http://motcua.vn/ns/nd30/1.0"),
    }
    for expected, bad in faults.items():
        assert bad != xmp, expected
        assert any(expected in p for p in pdfa_problems(bad)), (expected, pdfa_problems(bad))


def test_writing_again_replaces_rather_than_duplicates(tmp_path: Path) -> None:
    once = with_nd30(None, DOC, DOSSIER)
    twice = with_nd30(once, {**DOC, "Subject": "Đã sửa"}, {})
    assert twice.count(b"ND30/2020 Appendix VI: document") == 1 and b"Appendix VI: dossier" not in twice
    assert read_nd30(twice).document["Subject"] == "Đã sửa" and read_nd30(twice).dossier == {}
    assert extension_schema_problems(twice) == []


def test_built_component_is_complete_and_the_cli_lists_what_is_missing(workspace: Workspace, cli: CliRunner,
                                                                       tmp_path: Path) -> None:
    from app.domain.codes import code_problems
    from app.services.metadata import check_document
    from app.services.reception import ReceptionRequest, open_dossier
    from app.services.signing import build_component_pdf

    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    doc, built = build_component_pdf(workspace, d.number, "to_khai",
                                     pages=[page_image(tmp_path / "p.png", dpi=100)])
    check = check_document(workspace, doc)
    assert check.complete, check.problems
    f = check.fields
    assert f["FileCode"] == d.number and f["DocOrdinal"] == str(doc.ordinal) and f["PageAmount"] == "1"
    assert f["OrganName"] == workspace.settings.agency_name and f["IssuedDate"]
    assert f["SignerInfo"] == {"Position": workspace.settings.officer_title, "FullName": workspace.actor}
    assert f["Dossier"]["StartDate"] == f"{d.received_at:%Y-%m-%d}" and f["Dossier"]["DocTotal"] == "1"  # type: ignore[index]
    # The electronic document code is issued, recorded and written as the document's notation.
    assert doc.code and f["CodeNotation"] == doc.code and f["CodeNumber"] == doc.code.split(".")[3]
    assert code_problems(doc.code, owner_id="052090000495", doc_type=doc.type_code) == []
    assert extension_schema_problems(read_xmp(built) or b"") == []

    res = cli("pdf", "meta", built, "--json")
    data = cli_json(res)
    assert res.returncode == 0 and data["missing"] == [] and data["malformed"] == []
    assert data["fields"]["TypeName"] and data["fields"]["Dossier"]["Title"]
    bare = tmp_path / "bare.pdf"
    build_pdf([page_image(tmp_path / "q.png", dpi=100)], bare,
              PdfOptions(metadata={"TypeName": "Tờ khai", "IssuedDate": "9/1/2024"}))
    res = cli("pdf", "meta", bare, "--json")
    data = cli_json(res)
    assert res.returncode == 1 and "CodeNumber" in data["missing"] and "Dossier.Title" in data["missing"]
    assert data["malformed"] == ["IssuedDate"] and data["fields"]["TypeName"] == "Tờ khai"
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    res = cli("pdf", "meta", junk)
    assert res.returncode == 2 and "junk.pdf" in res.stderr and "Traceback" not in res.stderr
