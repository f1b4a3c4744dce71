"""The strings a PDF of the platform draws, for the tests that read one."""

import base64
import re
import zlib


def pdf_text(pdf: bytes) -> str:
    """The strings drawn on the pages, decoded from the standard fonts' WinAnsi."""
    drawn = b""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:  # reportlab writes its streams ASCII85-encoded, then deflated
            content = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
        except (ValueError, zlib.error):
            continue
        for string in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", content, re.S):
            drawn += re.sub(
                rb"\\([0-7]{3}|.)",
                lambda m: bytes([int(m.group(1), 8)]) if len(m.group(1)) == 3 else m.group(1),
                string,
            )
            drawn += b"\n"
    return drawn.decode("cp1252")
