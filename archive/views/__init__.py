"""The archive's public pages. Each module holds one family of pages."""

from .calls import call_detail, call_list
from .home import home
from .leaders import leader_detail, leader_list
from .places import country_detail, country_list
from .sources import source_detail, source_list
from .topics import topic_detail, topic_list

__all__ = [
    "call_detail",
    "call_list",
    "country_detail",
    "country_list",
    "home",
    "leader_detail",
    "leader_list",
    "source_detail",
    "source_list",
    "topic_detail",
    "topic_list",
]
