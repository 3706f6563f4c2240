"""Signing and verification throughput, and bytes per page.

    python bench/sign_batch.py [--docs 50]

1. Sign N one-page PDFs after one login on a SoftHSM token (our batch signer), against
   pyHanko's own CLI signing the same files one process per file in the same run
   (goal: at least 10x faster per document).
2. Verify per document with our verifier against poppler's pdfsig.
3. Bytes per page of the lossless and compact profiles on generated 200-dpi pages, with the
   compact page's SSIM against the lossless one."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
import pikepdf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.sign.appearance import AppearanceKind, AppearanceOptions  # noqa: E402
from app.sign.pdf import PdfOptions, Profile, build_pdf  # noqa: E402
from app.sign.signer import SignOptions, sign_with_token  # noqa: E402
from app.sign.verify import verify_pdf  # noqa: E402
from app.testing.pages import PageSpec, save  # noqa: E402
from app.testing.pki import build_test_pki  # noqa: E402
from app.testing.softhsm import demo_token  # noqa: E402

PIN = "123456"


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.astype(np.float64), b.astype(np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = cv2.GaussianBlur(a, (11, 11), 1.5), cv2.GaussianBlur(b, (11, 11), 1.5)
    sa = cv2.GaussianBlur(a * a, (11, 11), 1.5) - mu_a**2
    sb = cv2.GaussianBlur(b * b, (11, 11), 1.5) - mu_b**2
    sab = cv2.GaussianBlur(a * b, (11, 11), 1.5) - mu_a * mu_b
    return float((((2 * mu_a * mu_b + c1) * (2 * sab + c2))
                  / ((mu_a**2 + mu_b**2 + c1) * (sa + sb + c2))).mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--baseline-docs", type=int, default=10, help="files signed by pyHanko's CLI (one "
                                                                  "process each)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        pki = build_test_pki(d / "pki")
        tok = demo_token(d / "hsm", pin=PIN, pki=pki)
        tok.apply_env()
        page = d / "page.png"
        save(PageSpec(seed=1, dpi=200), page)
        src = d / "src.pdf"
        build_pdf([page], src)
        inputs = []
        for i in range(args.docs):
            p = d / "in" / f"doc{i:03d}.pdf"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(src.read_bytes())
            inputs.append(p)
        opts = SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.OFFICER, signer_title="Cán bộ "
                                                                                                  "một cửa"))
        t = time.perf_counter()
        res = sign_with_token(inputs, d / "out", module=str(tok.module), pin=PIN, key_label="officer",
                              token_label=tok.label, options=opts)
        ours = (time.perf_counter() - t) / len(inputs)
        assert all(r.ok for r in res)
        # pyHanko's CLI, one process per file, same token, key and level.
        cfg = d / "pyhanko.yml"
        cfg.write_text(f"pkcs11-setups:\n  bench:\n    module-path: {tok.module}\n "
                       f"   token-criteria:\n      label: {tok.label}\n"
                       "    cert-label: officer\n    key-label: officer\n    user-pin: "
                       f"'{PIN}'\n", encoding="utf-8")
        base_inputs = inputs[: args.baseline_docs]
        t = time.perf_counter()
        for i, p in enumerate(base_inputs):
            subprocess.run([str(Path(sys.executable).with_name("pyhanko")), "--config", str(cfg), "sign",
                            "addsig", "--field",
                            f"Sig{i}", "pkcs11", "--p11-setup", "bench", str(p), str(d / f"cli{i}.pdf")],
                           check=True, capture_output=True, env={**tok.env, **__import__("os").environ})
        theirs = (time.perf_counter() - t) / len(base_inputs)
        print(f"signing    ours {ours * 1000:.0f} ms/doc ({1 / ours:.1f} "
              f"docs/s, one login for {len(inputs)} docs); "
              f"pyHanko CLI {theirs * 1000:.0f} ms/doc; speed-up x{theirs / ours:.1f} (goal >= x10)")
        signed = sorted((d / "out").iterdir())
        t = time.perf_counter()
        for p in signed[:20]:
            assert verify_pdf(p, trust_dir=pki.trust_dir).status == "VALID"
        v_ours = (time.perf_counter() - t) / min(20, len(signed))
        t = time.perf_counter()
        for p in signed[:20]:
            subprocess.run(["pdfsig", str(p)], capture_output=True, check=False)
        v_pdfsig = (time.perf_counter() - t) / min(20, len(signed))
        print(f"verify     ours {v_ours * 1000:.0f} ms/doc; pdfsig "
              f"{v_pdfsig * 1000:.0f} ms/doc; ratio {v_ours / v_pdfsig:.2f}")
        sizes = {"lossless": [], "compact": []}
        scores = []

        for i in range(5):
            img = d / f"p{i}.png"
            save(PageSpec(seed=10 + i, dpi=200, table=i % 2 == 0, seal=True), img)
            lossless = build_pdf([img], d / f"l{i}.pdf")
            compact = build_pdf([img], d / f"c{i}.pdf", PdfOptions(profile=Profile.COMPACT, jpeg_quality=80))
            sizes["lossless"].append(lossless.size)
            sizes["compact"].append(compact.size)
            with pikepdf.open(d / f"l{i}.pdf") as a, pikepdf.open(d / f"c{i}.pdf") as b:
                ia = np.asarray(pikepdf.PdfImage(next(iter(a.pages[0].get_images().values())))
                                .as_pil_image().convert("L"))
                ib = np.asarray(pikepdf.PdfImage(next(iter(b.pages[0].get_images().values())))
                                .as_pil_image().convert("L"))
                scores.append(ssim(ia, ib))
        ll, cp = statistics.mean(sizes["lossless"]), statistics.mean(sizes["compact"])
        print(f"bytes/page lossless {ll / 1024:.0f} KiB; compact (JPEG q80) {cp / 1024:.0f} KiB "
              f"({cp / ll:.0%} of lossless), SSIM {statistics.mean(scores):.4f}")


if __name__ == "__main__":
    main()
