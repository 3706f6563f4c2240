"""The compact PDF profiles side by side: lossless, JPEG ``compact`` and MRC ``mrc``.

    python -m bench.mrc_profile [--pages 6] [--dpi 200] [--seed 1] [--no-ocr]

Content pages from both generators (``app.testing.pages`` and ``app.testing.pages2``, the pages
we did not draw) are built into one-page PDFs with each profile through ``build_pdf``, then
rendered back with poppler (``pdftoppm``) at the scan's resolution, as a reader shows them.
Printed per page and as medians: bytes, ratio to lossless, SSIM (grey) against the scan, the
ink colour error (mean RGB distance on the inside of ink strokes), and the character error
rate (in points, i.e. percent) of Tesseract's text on each rendered page against the text the
generator printed. The CER matches lines regardless of reading order
(``app.testing.textcompare.line_error_rate``): Tesseract orders blocks differently on tiny
changes, which is no misread character; text OCR reads that the generator did not record
(seal lettering, notes) counts as insertions for every profile alike. The goal is the MRC CER
minus the lossless CER. Time is ``build_pdf`` per page.
Every MRC PDF is checked with ``qpdf --check``; one with ``--pdfa`` is built too.

Goals (issue 19): MRC <= 120 KiB a page median on 200-dpi colour A4; CER within 0.5 points.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from app.sign import mrc
from app.sign.pdf import PdfOptions, Profile, build_pdf
from app.testing.pages import PageSpec, render
from app.testing.pages2 import Kind, random_spec2, render2
from app.testing.textcompare import line_error_rate, tesseract_text
from bench.sign_batch import ssim

PROFILES = (Profile.LOSSLESS, Profile.COMPACT, Profile.MRC)
GOAL_KIB = 120.0
GOAL_CER_POINTS = 0.5


Page = tuple[str, np.ndarray, str]  # name, RGB, the printed text


def pages_first(n: int, dpi: int, seed: int) -> list[Page]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        spec = PageSpec(dpi=dpi, seed=seed * 100 + i, table=i % 2 == 0, seal=rng.random() < 0.6,
                        signature=rng.random() < 0.6, page_number=(i + 1, n),
                        sticky_note=rng.choice([None, None, "yellow", "pink"]))
        img, truth = render(spec)
        out.append((f"g1-{i}", np.asarray(img.convert("RGB")),
                    "\n".join(truth.extra["text"])))  # type: ignore[arg-type]
    return out


def pages_second(n: int, dpi: int, seed: int) -> list[Page]:
    rng = random.Random(seed + 1000)
    out: list[Page] = []
    k = 0
    while len(out) < n:
        spec = random_spec2(rng, seed * 1000 + k)
        k += 1
        if spec.kind is not Kind.CONTENT:
            continue
        bgr, truth = render2(replace(spec, dpi=dpi))
        out.append((f"g2-{len(out)}", np.ascontiguousarray(bgr[..., ::-1]),
                    "\n".join(truth.extra["text"])))  # type: ignore[arg-type]
    return out


def _render(pdf: Path, dpi: int, out: Path) -> np.ndarray:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(out.with_suffix(""))],
                   check=True, capture_output=True)
    with Image.open(out) as im:
        return np.asarray(im.convert("RGB"))


def measure_page(name: str, rgb: np.ndarray, truth: str, dpi: int, work: Path, ocr: bool) -> dict[str,
                                                                                                  dict[str,
                                                                                                       float]]:
    src = work / f"{name}.png"
    Image.fromarray(rgb).save(src, dpi=(dpi, dpi))
    # The inside of strokes (not their anti-aliased rim), where the colour of the ink is.
    ink = cv2.erode(mrc.ink_mask(rgb, dpi).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    gray = np.asarray(Image.fromarray(rgb).convert("L"))
    row: dict[str, dict[str, float]] = {}
    for profile in PROFILES:
        pdf = work / f"{name}.{profile.value}.pdf"
        t = time.perf_counter()
        built = build_pdf([src], pdf, PdfOptions(profile=profile, jpeg_quality=80))
        seconds = time.perf_counter() - t
        shown = _render(pdf, dpi, work / f"{name}.{profile.value}.png")
        if shown.shape != rgb.shape:  # rounding of the page size in points
            shown = np.asarray(Image.fromarray(shown).resize((rgb.shape[1], rgb.shape[0])))
        cell = {"bytes": float(built.size), "seconds": seconds,
                "ssim": ssim(gray, np.asarray(Image.fromarray(shown).convert("L"))),
                "ink_err": float(np.linalg.norm(shown[ink].astype(np.float32) - rgb[ink], axis=1).mean())
                if ink.any() else 0.0}
        if ocr:
            text = tesseract_text(work / f"{name}.{profile.value}.png", dpi)
            cell["cer"] = 100.0 * line_error_rate(truth, text)
        if profile is Profile.MRC:
            check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
            cell["qpdf_ok"] = float(check.returncode == 0)
        row[profile.value] = cell
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=6, help="content pages from each generator")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-ocr", action="store_true", help="skip Tesseract (sizes, SSIM and time only)")
    args = ap.parse_args()
    ocr = not args.no_ocr
    all_rows: list[dict[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="mrc-bench-") as tmp:
        work = Path(tmp)
        for label, pages in (("first generator "
                              "(app.testing.pages)", pages_first(args.pages, args.dpi, args.seed)),
                             ("second generator "
                              "(app.testing.pages2)", pages_second(args.pages, args.dpi, args.seed))):
            print(f"\n== {label}, {args.dpi} dpi colour A4")
            print(f"{'page':<7}{'lossless KiB':>13}{'JPEG KiB':>10}{'MRC KiB':>9}{'MRC/lossl':>10}"
                  f"{'SSIM jpeg':>10}{'SSIM mrc':>9}{'ink err jpeg/mrc':>17}"
                  + (f"{'CER lossl':>10}{'jpeg':>6}{'mrc':>6}" if ocr else "") + f"{'MRC s':>7}")
            rows = []
            for name, rgb, truth in pages:
                r = measure_page(name, rgb, truth, args.dpi, work, ocr)
                rows.append(r)
                ll, jp, mr = r["lossless"], r["compact"], r["mrc"]
                print(f"{name:<7}{ll['bytes'] / 1024:>13.0f}"
                      f"{jp['bytes'] / 1024:>10.0f}{mr['bytes'] / 1024:>9.0f}"
                      f"{mr['bytes'] / ll['bytes']:>10.1%}{jp['ssim']:>10.3f}{mr['ssim']:>9.3f}"
                      f"{jp['ink_err']:>9.1f} /{mr['ink_err']:>5.1f}"
                      + (f"{ll['cer']:>10.2f}{jp['cer']:>6.2f}{mr['cer']:>6.2f}" if ocr else "")
                      + f"{mr['seconds']:>7.2f}")
            _summary(rows, ocr)
            all_rows += rows
        print("\n== both generators")
        _summary(all_rows, ocr)
        pdfa = work / "pdfa.pdf"
        build_pdf([work / "g2-0.png"], pdfa, PdfOptions(profile=Profile.MRC, pdfa=True))
        qpdf_ok = all(r["mrc"]["qpdf_ok"] for r in all_rows)
        print(f"qpdf --check on every MRC PDF: {'ok' if qpdf_ok else 'FAILED'}; PDF/A-2b MRC build "
              f"(pikepdf validator): ok, {pdfa.stat().st_size / 1024:.0f} KiB")


def _summary(rows: list[dict[str, dict[str, float]]], ocr: bool) -> None:
    med = {p.value: statistics.median(r[p.value]["bytes"] for r in rows) / 1024 for p in PROFILES}
    ll = med["lossless"]
    print(f"median KiB/page: lossless {ll:.0f}; JPEG compact {med['compact']:.0f} "
          f"({med['compact'] / ll:.1%}); "
          f"MRC {med['mrc']:.0f} ({med['mrc'] / ll:.1%}, {med['mrc'] / med['compact']:.0%} of JPEG) "
          f"[goal <= {GOAL_KIB:.0f}: {'met' if med['mrc'] <= GOAL_KIB else 'NOT met'}]")
    print(f"max MRC KiB/page {max(r['mrc']['bytes'] for r in rows) / 1024:.0f}; "
          f"mean SSIM JPEG {statistics.mean(r['compact']['ssim'] for r in rows):.3f}, "
          f"MRC {statistics.mean(r['mrc']['ssim'] for r in rows):.3f}; "
          f"mean ink colour error JPEG {statistics.mean(r['compact']['ink_err'] for r in rows):.1f}, "
          f"MRC {statistics.mean(r['mrc']['ink_err'] for r in rows):.1f}; "
          f"MRC build {statistics.median(r['mrc']['seconds'] for r in rows):.2f} s/page median "
          f"(lossless {statistics.median(r['lossless']['seconds'] for r in rows):.2f})")
    if ocr:
        cl, cj, cm = ([r[p.value]["cer"] for r in rows] for p in PROFILES)
        dj = [j - lo for j, lo in zip(cj, cl, strict=True)]
        dm = [m - lo for m, lo in zip(cm, cl, strict=True)]
        diff = statistics.mean(cm) - statistics.mean(cl)
        print(f"CER against the printed text (points, mean): lossless {statistics.mean(cl):.2f}, "
              f"JPEG {statistics.mean(cj):.2f}, MRC {statistics.mean(cm):.2f}; "
              f"MRC - lossless {diff:+.2f} (per page worst {max(dm):+.2f}; JPEG - lossless "
              f"{statistics.mean(dj):+.2f}, worst {max(dj):+.2f}) "
              f"[goal <= {GOAL_CER_POINTS}: {'met' if diff <= GOAL_CER_POINTS else 'NOT met'}]")


if __name__ == "__main__":
    main()
