"""The engine stays pure Python and knows no particular person, place or outlet."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "archive" / "extraction"


def test_importing_the_engine_imports_no_django():
    code = (
        "import sys; import archive.extraction as e; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )

    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert out.stdout.strip() == "[]"


#: Third-party packages the engine may use: declared in pyproject.toml, with no Django.
#: rapidfuzz compares spellings of names the knowledge base does not hold.
ENGINE_DEPENDENCIES = {"rapidfuzz"}


def test_the_engine_imports_only_the_standard_library_and_its_declared_dependencies():
    imports = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)

    found = {
        name.split(".")[0]
        for path in PACKAGE.glob("*.py")
        for name in imports.findall(path.read_text(encoding="utf-8"))
        if not name.startswith(".")
    }

    assert found - set(sys.stdlib_module_names) - ENGINE_DEPENDENCIES == set()


def test_product_code_names_no_particular_leader_seat_or_outlet():
    particular = re.compile(
        r"macron|raisi|ra[iï]ssi|putin|jamshidi|elysee|élysée|kremlin|tass\b|reuters|xinhua|"
        r"erdogan|biden|paris|moscow|tehran",
        re.IGNORECASE,
    )
    files = [*PACKAGE.glob("*.py"), ROOT / "bench" / "bench_extraction.py"]

    hits = [
        f"{path.name}:{number}"
        for path in files
        if path.exists()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if particular.search(line)
    ]

    assert hits == []
