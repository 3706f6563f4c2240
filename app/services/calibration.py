"""Scanner calibration per scanner per day: the check of a scan of the chart is recorded (and
audited); a scanner whose latest check is out of tolerance, or that has none today, gets a
warning the scan screen shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.codes import vn_now, vn_today
from app.scan.calibration import CalibrationResult, check_image
from app.scan.devices import describe
from app.store.workspace import Workspace


@dataclass(frozen=True)
class ScannerCalibration:
    scanner: str
    day: str
    verdict: str
    result: dict[str, Any]
    at: str


def check_and_record(ws: Workspace, image: Path, scanner: str, *,
                     dpi: float | None = None) -> CalibrationResult:
    result = check_image(image, dpi=dpi)
    if scanner:
        now = vn_now().isoformat(timespec="seconds")
        with ws.db.transaction() as conn:
            conn.execute("INSERT INTO calibration_checks(scanner, day, "
                         "verdict, result, actor, at) VALUES (?,?,?,?,?,?)",
                         (scanner, vn_today().isoformat(), result.verdict, json.dumps(result.as_dict()),
                          ws.actor, now))
            ws.audit.append(conn, "calibration.check", actor=ws.actor,
                            details={"scanner": scanner, "verdict": result.verdict,
                                     "problems": result.problems})
    return result


def latest(ws: Workspace, scanner: str | None = None) -> list[ScannerCalibration]:
    """The latest check of each scanner (or of one)."""
    sql = ("SELECT c.* FROM calibration_checks c JOIN (SELECT scanner, MAX(id) AS id FROM calibration_checks "
           "GROUP BY scanner) m ON m.id = c.id")
    params: tuple[str, ...] = ()
    if scanner:
        sql += " WHERE c.scanner = ?"
        params = (scanner,)
    with ws.db.read() as conn:
        rows = conn.execute(sql + " ORDER BY c.scanner", params).fetchall()
    return [ScannerCalibration(r["scanner"], r["day"], r["verdict"], json.loads(r["result"]),
                               r["at"]) for r in rows]


def warning(ws: Workspace, scanner: str) -> tuple[str, str] | None:
    """(English, Vietnamese) warning for the scan screen, or None when today's check passed."""
    last = latest(ws, scanner)
    name = describe(scanner)  # "Máy quét thư mục (demo)", not folder:/tmp/...
    if not last:
        return (f"{name.en} has never been calibrated", f"{name.vi} chưa được hiệu chuẩn")
    c = last[0]
    if c.verdict != "pass":
        problems = ", ".join(c.result.get("problems", []))
        problems_vi = ", ".join(c.result.get("problems_vi") or c.result.get("problems", []))
        return (f"{name.en} is out of tolerance ({c.day}): {problems}",
                f"{name.vi} sai lệch quá mức cho phép (kiểm tra ngày {c.day}): {problems_vi}")
    if c.day != vn_today().isoformat():
        return (f"{name.en} was last calibrated on {c.day}", f"{name.vi} chưa hiệu chuẩn hôm nay "
                f"(lần gần nhất: {c.day})")
    return None
