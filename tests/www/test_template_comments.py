"""A `{# … #}` comment ends on its own line in Django: one spread over two lines is not a
comment at all, and its text (in English, about the code) is printed on the page."""

import re
from pathlib import Path

from django.conf import settings

UNCLOSED_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def test_no_template_opens_a_short_comment_it_does_not_close_on_the_same_line():
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{text.count(chr(10), 0, match.start()) + 1}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for text in [path.read_text(encoding="utf-8")]
        for match in UNCLOSED_COMMENT.finditer(text)
    ]
    assert offenders == []
