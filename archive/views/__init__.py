"""The archive's public pages. Each module holds one family of pages."""

from .api import (
    api_page,
    calls_api,
    countries_api,
    country_json,
    leader_json,
    leaders_api,
    openapi_json,
    source_json,
    sources_api,
    topic_json,
    topics_api,
)
from .calls import call_cite, call_data, call_detail, call_list, call_plover, search_page
from .changes import change_log
from .exports import calls_export, calls_plover
from .home import home
from .leaders import leader_detail, leader_list
from .meta import robots_txt
from .pairs import leader_pair
from .places import country_detail, country_list
from .releases import release_detail, release_file, release_list
from .selection import (
    selection_add,
    selection_adopt,
    selection_cite,
    selection_clear,
    selection_export,
    selection_page,
    selection_remove,
)
from .sources import source_cite, source_detail, source_list
from .topics import topic_detail, topic_list

__all__ = [
    "api_page",
    "call_cite",
    "call_data",
    "call_detail",
    "call_list",
    "call_plover",
    "calls_api",
    "calls_export",
    "calls_plover",
    "change_log",
    "countries_api",
    "country_detail",
    "country_json",
    "country_list",
    "home",
    "leader_detail",
    "leader_json",
    "leader_list",
    "leader_pair",
    "leaders_api",
    "openapi_json",
    "release_detail",
    "release_file",
    "release_list",
    "robots_txt",
    "search_page",
    "selection_add",
    "selection_adopt",
    "selection_cite",
    "selection_clear",
    "selection_export",
    "selection_page",
    "selection_remove",
    "source_cite",
    "source_detail",
    "source_json",
    "source_list",
    "sources_api",
    "topic_detail",
    "topic_json",
    "topic_list",
    "topics_api",
]
