"""How to cite a call or a source: Chicago and APA text, BibTeX, RIS and CSL-JSON.

A call is cited as a record of this archive (its permalink, the date of the
contact it documents, the access date). A source is cited as the original
article, with the archive's permalink where it is kept.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from .enums import DatePrecision
from .models import Call, Source
from .untrusted import web_url

ARCHIVE = "Diplo"


@dataclass(frozen=True)
class Citation:
    key: str  # "diplo-call-12"
    title: str
    permalink: str  # absolute
    accessed: datetime.date
    issued: datetime.date | None = None
    precision: str = DatePrecision.DAY  # how much of ``issued`` is known
    publisher: str = ""  # sources: who published the original
    original_url: str = ""  # sources: where the original was published
    kind: str = "call"  # "call" or "source"

    # -- dates -------------------------------------------------------------------

    def _long_date(self, day: datetime.date) -> str:
        """November 23, 2026 (Chicago, APA retrieval dates)."""
        return f"{day.strftime('%B')} {day.day}, {day.year}"

    def _issued_chicago(self) -> str:
        if self.issued is None or self.precision == DatePrecision.UNKNOWN:
            return "n.d."
        if self.precision == DatePrecision.YEAR:
            return str(self.issued.year)
        if self.precision == DatePrecision.MONTH:
            return f"{self.issued.strftime('%B')} {self.issued.year}"
        return self._long_date(self.issued)

    def _issued_apa(self) -> str:
        if self.issued is None or self.precision == DatePrecision.UNKNOWN:
            return "n.d."
        if self.precision == DatePrecision.YEAR:
            return str(self.issued.year)
        if self.precision == DatePrecision.MONTH:
            return f"{self.issued.year}, {self.issued.strftime('%B')}"
        return f"{self.issued.year}, {self.issued.strftime('%B')} {self.issued.day}"

    def _date_parts(self) -> list[int] | None:
        if self.issued is None or self.precision == DatePrecision.UNKNOWN:
            return None
        parts = [self.issued.year, self.issued.month, self.issued.day]
        return parts[: {"year": 1, "month": 2}.get(self.precision, 3)]

    @staticmethod
    def _closed(text: str) -> str:
        """Text ending in a full stop (unless it already ends in one, ? or !)."""
        return text if text.endswith((".", "?", "!")) else text + "."

    # -- text styles ---------------------------------------------------------------

    def chicago(self) -> str:
        """Chicago Manual of Style (17th ed.), bibliography entry."""
        if self.kind == "source":
            parts = [f"“{self._closed(self.title)}”"]
            if self.publisher:
                parts.append(self._closed(f"{self.publisher}, {self._issued_chicago()}"))
            else:
                parts.append(self._closed(self._issued_chicago()))
            if self.original_url:
                parts.append(f"{self.original_url}.")
            parts.append(
                f"Archived in {ARCHIVE}. Accessed {self._long_date(self.accessed)}."
                f" {self.permalink}."
            )
            return " ".join(parts)
        return (
            f"“{self._closed(self.title)}” {ARCHIVE}. "
            f"Accessed {self._long_date(self.accessed)}. {self.permalink}."
        )

    def apa(self) -> str:
        """APA (7th ed.) reference."""
        retrieved = f"Retrieved {self._long_date(self.accessed)}, from {self.permalink}"
        if self.kind == "source":
            author = self.publisher or ARCHIVE
            original = f" {self.original_url}." if self.original_url else ""
            return (
                f"{self._closed(author)} ({self._issued_apa()}). {self._closed(self.title)}"
                f"{original} Archived in {ARCHIVE}. {retrieved}"
            )
        return f"{ARCHIVE}. ({self._issued_apa()}). {self.title} [Archival record]. {retrieved}"

    # -- files -------------------------------------------------------------------

    def bibtex(self) -> str:
        fields = [("title", "{" + _bibtex_escape(self.title) + "}")]
        if self.kind == "source" and self.publisher:
            fields.append(("howpublished", _bibtex_escape(self.publisher)))
        else:
            fields.append(("howpublished", ARCHIVE))
        parts = self._date_parts()
        if parts:
            fields.append(("year", str(parts[0])))
            if len(parts) > 1:
                fields.append(("month", self.issued.strftime("%b").lower()))
            fields.append(("date", "-".join(f"{p:02d}" for p in parts)))
        url = self.original_url if self.kind == "source" and self.original_url else self.permalink
        fields.append(("url", _bibtex_url(url)))
        fields.append(("urldate", self.accessed.isoformat()))
        note = f"Accessed {self.accessed.isoformat()}"
        if url != self.permalink:
            note = f"Archived in {ARCHIVE}: \\url{{{_bibtex_url(self.permalink)}}}. {note}"
        fields.append(("note", note))
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def ris(self) -> str:
        lines = [("TY", "NEWS" if self.kind == "source" else "ELEC"), ("ID", self.key)]
        lines.append(("TI", self.title))
        if self.kind == "source":
            if self.publisher:
                lines += [("T2", self.publisher), ("PB", self.publisher)]
        else:
            lines += [("T2", ARCHIVE), ("PB", ARCHIVE)]
        parts = self._date_parts()
        if parts:
            lines.append(("PY", str(parts[0])))
            padded = [f"{p:02d}" for p in parts] + [""] * (3 - len(parts))
            lines.append(("DA", "/".join(padded) + "/"))
        if self.kind == "source" and self.original_url:
            lines.append(("UR", self.original_url))
            lines.append(("N1", f"Archived in {ARCHIVE}: {self.permalink}"))
        lines.append(("UR", self.permalink))
        lines.append(("Y2", self.accessed.strftime("%Y/%m/%d/")))
        lines.append(("DB", ARCHIVE))
        lines.append(("ER", ""))
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)

    def csl(self) -> list[dict]:
        item: dict = {
            "id": self.key,
            "type": "article-newspaper" if self.kind == "source" else "webpage",
            "title": self.title,
            "URL": self.original_url
            if self.kind == "source" and self.original_url
            else self.permalink,
            "accessed": {
                "date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]
            },
        }
        if self.kind == "source":
            if self.publisher:
                item["container-title"] = self.publisher
                item["publisher"] = self.publisher
            item["archive"] = ARCHIVE
            item["archive_location"] = self.permalink
        else:
            item["container-title"] = ARCHIVE
            item["publisher"] = ARCHIVE
        parts = self._date_parts()
        if parts:
            item["issued"] = {"date-parts": [parts]}
        return [item]

    def csl_json(self) -> str:
        return json.dumps(self.csl(), ensure_ascii=False, indent=2)


def _bibtex_escape(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}")
    text = re.sub(r"([{}&%$#_])", r"\\\1", text)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _bibtex_url(url: str) -> str:
    return re.sub(r"([{}%#])", r"\\\1", url)


def cite_call(call: Call, permalink: str, accessed: datetime.date) -> Citation:
    """The citation of ``call``; ``permalink`` is its absolute URL."""
    return Citation(
        key=f"diplo-call-{call.pk}",
        title=call.title,
        permalink=permalink,
        accessed=accessed,
        issued=call.date,
        precision=call.date_precision if call.date else DatePrecision.UNKNOWN,
    )


def cite_source(source: Source, permalink: str, accessed: datetime.date) -> Citation:
    return Citation(
        key=f"diplo-source-{source.pk}",
        title=str(source),
        permalink=permalink,
        accessed=accessed,
        issued=source.published,
        precision=DatePrecision.DAY if source.published else DatePrecision.UNKNOWN,
        publisher=source.publisher,
        # Only a web address is a citation's URL (a record's "javascript:..." is not).
        original_url=web_url(source.url),
        kind="source",
    )
