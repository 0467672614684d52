"""Calls as event data: their CAMEO codes and their PLOVER records.

Analysts join the archive with ICEWS (CAMEO-coded) and POLECAT (PLOVER-coded) event data;
this module says, for each kind of contact the archive holds, the code those ontologies
give it, and writes a call as a PLOVER event record. It codes only what the archive
stores: nothing here guesses a place, a host or an initiator.

**CAMEO** (Conflict and Mediation Event Observations, Gerner, Schrodt and Yilmaz; the
codebook at https://parusanalytics.com/eventdata/cameo.dir/04consult.html, cue category
04 "Consult"):

- 040 "Consult, not specified below": "all consultations and meetings not otherwise
  specified"; its usage note: "not coded except when distinctions among CAMEO 041 through
  044 cannot be made".
- 041 "Discuss by telephone": "talk about, explain an issue by telephone".
- 042 "Make a visit" (travel to another location for a meeting), 043 "Host a visit", 044
  "Meet at a third location": each needs to know where the meeting took place.
- 036 "Express intent to meet or negotiate" (cue category 03) codes an announcement of a
  contact to come; the archive holds contacts that took place, so it gives no call 036.

The archive's kinds map as follows:

- a phone call is 041;
- a video call is 041 too: CAMEO has no code for a video link; it is not a visit (042-044),
  and PLOVER, whose CONSULT modes are "adapted from CAMEO", puts "phone or some other
  remote medium" under the one mode, so 041 is the remote consultation CAMEO has. The
  export keeps ``kind`` ("video") beside the code, so nothing is lost;
- a meeting is 040: the archive stores no place, so visiting, hosting and meeting at a
  third location cannot be told apart, exactly the case the usage note of 040 keeps it
  for. It is never 042, 043 or 044 until the archive records where a meeting was held;
- an "other" contact (a kind the sources did not make clear) is 040 as well: a contact
  between the leaders, not further specified.

**PLOVER** (Political Language Ontology for Verifiable Event Records, Open Event Data
Alliance, draft 0.7b1, https://github.com/openeventdata/PLOVER, PLOVER_MANUAL): every
call is the event ``CONSULT`` ("all consultations and meetings: this includes visiting and
hosting visits, as well as meeting at a neutral location, and consultation by phone or
other media"). Its modes are ``visit``, ``third-party``, ``multilateral`` and ``phone``
("consultation occurs via phone or some other remote medium"): phone and video calls are
``phone``; a meeting has no mode (null), since the archive cannot say whether it was a
visit or at a third party's, and the manual leaves a mode null "if no existing values
seem appropriate".

Actors: PLOVER's ``source`` (required) and ``recipient`` (optional for CONSULT). For a
contact with a host and a visitor the manual codes the visitor as the source; "in CONSULT
events where there is no clear distinction ... all participants are coded as source
actors" and "no recipient is included". Here the leader a source says initiated the
contact is the source and the others are recipients; when no source says who initiated
it, every participant is a source, the recipients are empty and ``direction`` says
"unknown". An actor object has PLOVER's fields ``code`` (its "3-char top-level actor
code (e.g., country)": the ISO 3166-1 alpha-3 code, which CAMEO's country codes follow)
and ``actor_text``; ``country_code`` is the alpha-2 code the archive keeps (PLOVER's
location object has both, as ``country code`` and ``cc3``). The European Union and
Kosovo have no alpha-3 code in ISO 3166-1: their ``code`` is null, never made up.

A record's fields are PLOVER's where PLOVER has one: ``id`` (the call's permalink),
``date`` (null for an undated call, though PLOVER requires one: the archive does not
make one up), ``event`` (PLOVER's list of event types: ``["CONSULT"]``), ``mode``,
``source``, ``recipient`` and ``cite_info`` (a list, one object a source, where PLOVER
has one object a text). The manual invites "named fields beyond those provided"; these
are the archive's: ``date_precision`` (a month or a year is given as its first day),
``cameo_code``, ``kind``, ``direction`` ("initiator known" or "unknown"), an actor's
``country_code`` and ``identifier_url`` (the leader's permalink), and ``codebook``.
"""

from __future__ import annotations

from typing import Any

from .enums import CallKind, ParticipantRole

#: The codebook pages the codes are defined in, linked from every call page.
CAMEO_CODEBOOK = "https://parusanalytics.com/eventdata/cameo.dir/04consult.html"
PLOVER_CODEBOOK = "https://github.com/openeventdata/PLOVER"
#: The version of PLOVER's specification the records follow (its manual's draft).
PLOVER_VERSION = "PLOVER 0.7b1 (draft)"

#: The CAMEO codes the archive gives, with the codebook's names.
CAMEO_NAMES = {
    "040": "Consult, not specified below",
    "041": "Discuss by telephone",
}

#: Each kind of contact: its CAMEO code and its PLOVER CONSULT mode (None: no mode applies).
_CODES: dict[str, tuple[str, str | None]] = {
    CallKind.PHONE: ("041", "phone"),
    CallKind.VIDEO: ("041", "phone"),
    CallKind.MEETING: ("040", None),
    CallKind.OTHER: ("040", None),
}

PLOVER_EVENT = "CONSULT"


def cameo_code(kind: str) -> str:
    """The CAMEO event code of a contact of ``kind`` (a `CallKind` value): "041" or "040"."""
    return _CODES.get(kind, _CODES[CallKind.OTHER])[0]


def cameo_name(kind: str) -> str:
    """The codebook's name for the CAMEO code of ``kind`` ("Discuss by telephone")."""
    return CAMEO_NAMES[cameo_code(kind)]


def plover_mode(kind: str) -> str | None:
    """The PLOVER CONSULT mode of a contact of ``kind``: "phone", or None for a meeting."""
    return _CODES.get(kind, _CODES[CallKind.OTHER])[1]


# ISO 3166-1: each alpha-2 code followed by its alpha-3 code (from the iso-codes data,
# version 4.15, of the 249 assigned codes).
_ALPHA3_TABLE = """
    ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW
    AXALA AZAZE BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN
    BOBOL BQBES BRBRA BSBHS BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG
    CHCHE CICIV CKCOK CLCHL CMCMR CNCHN COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE
    DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST EGEGY EHESH ERERI ESESP ETETH FIFIN
    FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF GGGGY GHGHA GIGIB GLGRL
    GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD HNHND HRHRV
    HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM
    JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO
    LBLBN LCLCA LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE
    MFMAF MGMDG MHMHL MKMKD MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS
    MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL
    NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI
    PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA SASAU SBSLB SCSYC SDSDN
    SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD STSTP SVSLV
    SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON
    TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN
    VGVGB VIVIR VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE
"""
ALPHA3: dict[str, str] = {pair[:2]: pair[2:] for pair in _ALPHA3_TABLE.split()}


def alpha3(code: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of the alpha-2 ``code``; None where ISO assigns none
    (the European Union's "EU", Kosovo's "XK")."""
    return ALPHA3.get((code or "").upper())


def _actor(participant: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": alpha3(participant["country"]),
        "country_code": participant["country"],
        "actor_text": participant["name"],
        "identifier_url": participant["url"],
    }


def plover_record(data: dict[str, Any], participants: list[dict[str, Any]]) -> dict[str, Any]:
    """Call ``data`` (in the export shape of `archive.serialization`) as a PLOVER event
    record. ``participants`` are its leaders, each {"name", "country" (alpha-2), "url"
    (the leader's permalink), "role" (a `ParticipantRole`)}: the initiator is the source
    actor and the others recipients; with no initiator known, every participant is a
    source, there is no recipient, and ``direction`` is "unknown"."""
    source = [p for p in participants if p["role"] == ParticipantRole.INITIATOR]
    if source:
        recipient = [p for p in participants if p["role"] != ParticipantRole.INITIATOR]
        direction = "initiator known"
    else:
        source, recipient, direction = participants, [], "unknown"
    return {
        "id": data["url"],
        "date": data["date"],
        "date_precision": data["date_precision"],
        "event": [PLOVER_EVENT],
        "mode": plover_mode(data["kind"]),
        "cameo_code": cameo_code(data["kind"]),
        "kind": data["kind"],
        "direction": direction,
        "source": [_actor(p) for p in source],
        "recipient": [_actor(p) for p in recipient],
        "cite_info": [
            {
                "title": s["title"],
                "publication": s["publisher"],
                "published": s["published"],
                "url": s["url"],
                "permalink": s["permalink"],
                "role": s["role"],
            }
            for s in data["sources"]
        ],
        "codebook": PLOVER_VERSION,
    }
