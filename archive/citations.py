"""How to cite a call or a source: Chicago and APA text, BibTeX, RIS and CSL-JSON, and
the page's metadata for reference managers (Highwire Press ``citation_*``, Dublin Core and
Open Graph meta tags, and COinS), which Zotero's connector saves in one click.

A call is cited as a record of this archive (its permalink, the date of the
contact it documents, the access date). A source is cited as the original
article, with the archive's permalink where it is kept.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .enums import DatePrecision
from .models import Call, Source
from .untrusted import web_url, without_controls

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
    language: str = "en"  # of what is cited: the archive's records are written in English

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

    # -- the page's metadata, for reference managers ---------------------------------

    @property
    def url(self) -> str:
        """The address a citation gives: a source's original where it has one (a web
        address), else the archive's permalink."""
        if self.kind == "source" and self.original_url:
            return self.original_url
        return self.permalink

    @property
    def zotero_type(self) -> str:
        """The Zotero item type the page's metadata describes: a call is a page of this
        archive, a source the article it keeps (as in the RIS and CSL-JSON files)."""
        return "newspaperArticle" if self.kind == "source" else "webpage"

    def _dated(self, separator: str) -> str:
        """The date as far as it is known: 2023/06/10, 2023/06 or 2023 with "/"."""
        parts = self._date_parts()
        if not parts:
            return ""
        return separator.join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])

    def meta_tags(self) -> list[tuple[str, str, str]]:
        """The page's ``<meta>`` tags as (attribute, name, content): Highwire Press
        ``citation_*`` (what Zotero's Embedded Metadata translator reads first: title, date
        as YYYY/MM/DD, publisher, public URL, language), Dublin Core (the item type, and a
        source's outlet as ``DC.source``, which Zotero reads as its publication) and Open
        Graph. The template escapes each value."""
        title = without_controls(self.title)
        publisher = without_controls(self.publisher) if self.kind == "source" else ARCHIVE
        tags = [("name", "citation_title", title)]
        if self._dated("/"):
            tags.append(("name", "citation_date", self._dated("/")))
        if publisher:
            tags.append(("name", "citation_publisher", publisher))
        tags += [
            ("name", "citation_public_url", self.url),
            ("name", "citation_abstract_html_url", self.permalink),
            ("name", "citation_language", self.language),
            ("name", "DC.title", title),
            ("name", "DC.type", self.zotero_type),
        ]
        if self._dated("-"):
            tags.append(("name", "DC.date", self._dated("-")))
        if publisher:
            tags.append(("name", "DC.publisher", publisher))
        if self.kind == "source" and publisher:
            tags.append(("name", "DC.source", publisher))
        tags += [
            ("name", "DC.language", self.language),
            ("property", "og:title", title),
            ("property", "og:type", "article" if self.kind == "source" else "website"),
            ("property", "og:url", self.permalink),
            ("property", "og:site_name", ARCHIVE),
        ]
        return tags

    def coins(self) -> str:
        """The OpenURL ContextObject of a COinS span (``<span class="Z3988" title="...">``),
        in Dublin Core, its values URL-encoded (the template escapes it for HTML)."""
        publisher = without_controls(self.publisher) if self.kind == "source" else ARCHIVE
        pairs = [
            ("ctx_ver", "Z39.88-2004"),
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
            ("rfr_id", f"info:sid/{ARCHIVE.lower()}"),
            ("rft.type", self.zotero_type),
            ("rft.title", without_controls(self.title)),
        ]
        if self._dated("-"):
            pairs.append(("rft.date", self._dated("-")))
        if publisher:
            pairs.append(("rft.publisher", publisher))
        if self.kind == "source" and publisher:
            pairs.append(("rft.source", publisher))
        pairs += [("rft.identifier", self.url), ("rft.language", self.language)]
        # Spaces as %20, not "+": some readers of COinS take a "+" for a space.
        return urlencode(pairs, quote_via=quote)


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
        language=source.language or "en",
    )
