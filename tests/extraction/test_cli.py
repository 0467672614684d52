"""``python -m archive.extraction`` prints one JSON record per article."""

from __future__ import annotations

import json

from archive.extraction.__main__ import main

from .conftest import COUNTRIES, LEADERS, TOPICS


def test_the_command_line_prints_records_as_json(tmp_path, capsys):
    for name, rows in (("countries", COUNTRIES), ("leaders", LEADERS), ("topics", TOPICS)):
        (tmp_path / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Macron and Scholz spoke by phone on Monday.", encoding="utf-8")

    main([str(article), "--knowledge", str(tmp_path), "--published", "2024-03-06"])

    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert (record["file"], record["published"], len(record["calls"])) == (
        str(article),
        "2024-03-06",
        1,
    )
    assert record["calls"][0]["date"] == "2024-03-04"
