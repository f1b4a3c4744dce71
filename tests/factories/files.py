"""Small but genuine files of the kinds people upload, built in memory: the upload checks
look at the bytes, so a test file must start the way the real format does."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from lib.uploads import DOCX_MIME, ODT_MIME

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


# A fixed date in every member: the same bytes on every run, so the test ids built from
# them agree between test workers.
_WHEN = (2026, 1, 1, 0, 0, 0)


def _member(name: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_WHEN)
    info.compress_type = compress_type
    return info


def docx(*, macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            _member("[Content_Types].xml"), f'<Types><Default ContentType="{DOCX_MIME}"/>'
        )
        archive.writestr(_member("_rels/.rels"), "<Relationships/>")
        archive.writestr(_member("word/document.xml"), "<w:document>CV</w:document>")
        if macros:
            archive.writestr(_member("word/vbaProject.bin"), b"\xd0\xcf\x11\xe0macro")
    return buffer.getvalue()


def odt(*, macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The OpenDocument signature: an uncompressed "mimetype" member, first.
        archive.writestr(_member("mimetype", zipfile.ZIP_STORED), ODT_MIME)
        archive.writestr(
            _member("content.xml"), "<office:document-content>CV</office:document-content>"
        )
        archive.writestr(_member("META-INF/manifest.xml"), "<manifest/>")
        if macros:
            archive.writestr(_member("Basic/Standard/Module1.xml"), "<script>Shell()</script>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_member("photos/carte.jpg"), JPEG)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name: str = "cv.pdf"):
    return upload(name, PDF, "application/pdf")
