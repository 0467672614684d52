"""Read articles from the command line and print their records as JSON.

python -m archive.extraction ARTICLE.txt [...] [--knowledge fixtures/knowledge]
    [--published YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

from .engine import extract
from .knowledge import KnowledgeBase


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def main(argv: list[str] | None = None) -> None:
    """Print one JSON record per article given on the command line."""
    parser = argparse.ArgumentParser(prog="python -m archive.extraction", description=__doc__)
    parser.add_argument("articles", nargs="+", type=Path)
    parser.add_argument("--knowledge", type=Path, default=Path("fixtures/knowledge"))
    parser.add_argument("--published", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    kb = KnowledgeBase.from_json_dir(args.knowledge)
    for path in args.articles:
        record = extract(path.read_text(encoding="utf-8"), kb, published=args.published)
        data = dataclasses.asdict(record)
        data.pop("text")
        print(json.dumps({"file": str(path), **data}, default=_plain, ensure_ascii=False))


if __name__ == "__main__":
    main()
