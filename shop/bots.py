"""Known robots, told apart by what they call themselves.

Page views are counted for people: crawlers, link previews, page checkers
and scripts that fetch a page say so in their User-Agent.
"""

import re

KNOWN_BOTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|"
    r"preview|lighthouse|pingdom|uptime|monitor|curl/|wget/|python-|httpx|"
    r"go-http-client|okhttp|java/|libwww|scrapy|headless(?!chrome)",
    re.IGNORECASE,
)


def is_bot(request) -> bool:
    return bool(KNOWN_BOTS.search(request.headers.get("User-Agent", "")))
