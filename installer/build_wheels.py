"""Build the three distributions of the project as wheels, offline, from this checkout:

* ``motcua-station``: the workstation (everything under app/ except app/refserver and app/testing);
* ``motcua-server``: the reference provincial server (app/refserver), ``motcua-station[server]``;
* ``motcua-demo``: the demo environment and test helpers with test keys (app/testing), ``[demo]``.

    python installer/build_wheels.py [-o dist/wheels] [--part station --part server --part demo]

Each part is built from a staging copy (the checkout is left clean) with the running Python's
setuptools (no build isolation, so no network). The sibling distributions are defined by
installer/packages/<name>/pyproject.toml.in, whose @VERSION@ is the workstation's version.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = {"station": ("motcua-station", None), "server": ("motcua-server", "app/refserver"),
         "demo": ("motcua-demo", "app/testing")}
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("no version in pyproject.toml")
    return match.group(1)


def stage(part: str, where: Path) -> Path:
    dist, subtree = PARTS[part]
    src = where / dist
    if subtree is None:
        shutil.copytree(ROOT / "app", src / "app", ignore=_IGNORE)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, src / name)
    else:
        shutil.copytree(ROOT / subtree, src / subtree, ignore=_IGNORE)
        template = (ROOT / "installer" / "packages" / dist / "pyproject.toml.in").read_text(encoding="utf-8")
        (src / "pyproject.toml").write_text(template.replace("@VERSION@", version()), encoding="utf-8")
    return src


def build(parts: list[str], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    built: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="motcua-wheels-") as tmp:
        for part in parts:
            src = stage(part, Path(tmp))
            before = set(out.glob("*.whl"))
            # the PEP 517 backend called directly (what `pip wheel --no-build-isolation` does, without pip)
            proc = subprocess.run([sys.executable, "-c", "import sys, setuptools.build_meta as b; b.build_wheel(sys.argv[1])",
                                   str(out)], capture_output=True, text=True, timeout=600, cwd=src)
            if proc.returncode != 0:
                raise SystemExit(f"building {part} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
            dist = PARTS[part][0].replace("-", "_")
            new = sorted(set(out.glob(f"{dist}-{version()}-*.whl")) - before) or sorted(out.glob(f"{dist}-{version()}-*.whl"))
            built.append(new[-1])
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "dist" / "wheels")
    parser.add_argument("--part", action="append", choices=sorted(PARTS), help="build only these (repeatable)")
    args = parser.parse_args(argv)
    for wheel in build(args.part or ["station", "server", "demo"], args.out):
        sys.stdout.write(f"{wheel}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
