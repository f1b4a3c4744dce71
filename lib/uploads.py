"""What an uploaded file really is, judged from its bytes rather than from its name.

People bring identity papers, CVs and certificates: scans and photos (PDF, JPEG, PNG) and
word-processor files (DOCX, ODT). Anything else, or a file whose content disagrees with its
extension (a program renamed `cv.pdf`, a web page named `cv.html.pdf`), is refused before it
is stored, with a message in French. Only the first bytes are read, and the size is checked
first: a big file is refused without being read.

The legacy binary formats (DOC, XLS) and macro-enabled documents are refused: they are how
office macros travel, and any word processor saves as DOCX, ODT or PDF.
"""

import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.core.exceptions import ValidationError

# filetype finds the members of an OOXML archive by scanning its first kilobytes.
_HEAD_BYTES = 32 * 1024
_MB = 1024 * 1024

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_MIME = "application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class Kind:
    label: str
    mime: str
    extensions: tuple[str, ...]


PDF = Kind("PDF", "application/pdf", ("pdf",))
JPEG = Kind("JPG", "image/jpeg", ("jpg", "jpeg"))
PNG = Kind("PNG", "image/png", ("png",))
DOCX = Kind("DOCX", DOCX_MIME, ("docx",))
ODT = Kind("ODT", ODT_MIME, ("odt",))

# The documents of a person's file: ID, CV, certificates, payslips.
DOCUMENT_KINDS = (PDF, JPEG, PNG, DOCX, ODT)
DOCUMENT_MAX_BYTES = 5 * _MB

# Archive members that carry macros: VBA projects (DOCM renamed DOCX) and Basic libraries
# (OpenDocument).
_MACRO_MARKERS = ("vbaproject.bin", "basic/", "scripts/")


def accepted_extensions(kinds=DOCUMENT_KINDS) -> tuple[str, ...]:
    return tuple(extension for kind in kinds for extension in kind.extensions)


def accept_attribute(kinds=DOCUMENT_KINDS) -> str:
    """The `accept` attribute of a file input: the browser offers only these files."""
    return ",".join(
        [f".{extension}" for extension in accepted_extensions(kinds)]
        + sorted({kind.mime for kind in kinds})
    )


def _labels(kinds) -> str:
    labels = [kind.label for kind in kinds]
    return ", ".join(labels[:-1]) + " ou " + labels[-1] if len(labels) > 1 else labels[0]


def _megabytes(size: int) -> str:
    # Rounded up: a file just over the limit must not read as "5 Mo : la limite est de 5 Mo".
    return f"{math.ceil(size * 10 / _MB) / 10:.1f}".replace(".", ",").removesuffix(",0") + " Mo"


def _read_head(file) -> bytes:
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    return head


def _zip_names(file) -> list[str] | None:
    """The member names of a ZIP file (read from its central directory, nothing is
    decompressed), or None when it is not a readable archive."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return [name.lower() for name in archive.namelist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)


def _is_sound_archive(file, kind: Kind) -> bool:
    names = _zip_names(file)
    if names is None:
        return False
    if any(marker in name for name in names for marker in _MACRO_MARKERS):
        return False
    if kind is DOCX:
        return "[content_types].xml" in names and "word/document.xml" in names
    return "mimetype" in names and "content.xml" in names


def check_upload(file, *, kinds=DOCUMENT_KINDS, max_bytes: int = DOCUMENT_MAX_BYTES) -> Kind:
    """The kind of `file` (a Django uploaded file), or a ValidationError in French saying
    what is wrong: the extension, the size, or content that is not what the name says."""
    name = Path(file.name or "").name
    extension = Path(name).suffix.lower().lstrip(".")
    by_extension = {ext: kind for kind in kinds for ext in kind.extensions}
    if extension not in by_extension:
        raise ValidationError(
            f"Format non accepté ({extension or 'sans extension'}) : "
            f"envoyez un fichier {_labels(kinds)}.",
            code="extension",
        )
    if file.size > max_bytes:
        raise ValidationError(
            f"Le fichier pèse {_megabytes(file.size)} : la limite est de {_megabytes(max_bytes)}.",
            code="size",
        )
    if file.size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    expected = by_extension[extension]
    found = filetype.guess_mime(_read_head(file))
    sound = found == expected.mime
    if sound and expected in (DOCX, ODT):
        sound = _is_sound_archive(file, expected)
    if not sound:
        raise ValidationError(
            f"Le contenu de « {name} » n'est pas un fichier {expected.label} valide : "
            "enregistrez-le de nouveau au bon format (PDF, par exemple) puis réessayez.",
            code="content",
        )
    return expected
