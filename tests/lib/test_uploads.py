import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from lib.uploads import DOCX, JPEG, ODT, PDF, PNG, accept_attribute, check_upload
from tests.factories import files


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("cv.pdf", files.PDF, PDF),
        ("CNI recto.JPG", files.JPEG, JPEG),
        ("carte-vitale.jpeg", files.JPEG, JPEG),
        ("attestation.png", files.PNG, PNG),
        ("cv.docx", files.docx(), DOCX),
        ("lettre.odt", files.odt(), ODT),
    ],
)
def test_it_accepts_the_documents_people_bring(name, content, kind):
    assert check_upload(files.upload(name, content)) is kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("facture.pdf", files.EXE),  # a program renamed
        ("cv.html.pdf", files.HTML),  # a web page that a browser would run
        ("photo.png", files.JPEG),  # a real image, but not what the name says
        ("cv.docx", files.docx(macros=True)),  # a macro-enabled document renamed
        ("cv.odt", files.odt(macros=True)),
        ("cv.docx", files.odt()),
        ("cv.odt", files.docx()),
        ("cv.docx", files.plain_zip()),
        ("cv.pdf", files.docx()),
    ],
)
def test_it_refuses_content_that_is_not_what_the_name_says(name, content):
    with pytest.raises(ValidationError, match="n'est pas un fichier .* valide") as refused:
        check_upload(files.upload(name, content))
    assert refused.value.code == "content"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("virus.exe", "exe"),
        ("page.html", "html"),
        ("cv.doc", "doc"),
        ("sans-nom", "sans extension"),
    ],
)
def test_it_refuses_other_formats_and_says_which_are_accepted(name, shown):
    with pytest.raises(ValidationError) as refused:
        check_upload(files.upload(name, files.PDF))
    assert refused.value.messages == [
        f"Format non accepté ({shown}) : envoyez un fichier PDF, JPG, PNG, DOCX ou ODT."
    ]


class _Unreadable(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("a file over the limit must not be read")


def test_it_refuses_a_big_file_without_reading_it():
    big = _Unreadable("cv.pdf", b"")
    big.size = 50 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        check_upload(big)
    assert refused.value.messages == ["Le fichier pèse 50 Mo : la limite est de 5 Mo."]


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError, match="Le fichier est vide"):
        check_upload(files.upload("cv.pdf", b""))


def test_it_leaves_the_file_ready_to_be_stored_from_its_start():
    upload = files.upload("cv.docx", files.docx())
    check_upload(upload)
    assert upload.read() == files.docx()


@given(st.binary(min_size=1, max_size=512).filter(lambda data: not data.startswith(b"%PDF")))
def test_bytes_that_do_not_start_like_a_pdf_are_never_a_pdf(content):
    with pytest.raises(ValidationError):
        check_upload(files.upload("cv.pdf", content))


def test_the_browser_is_told_which_files_to_offer():
    accept = accept_attribute().split(",")
    assert {".pdf", ".jpg", ".png", ".docx", ".odt", "application/pdf"} <= set(accept)
    assert ".doc" not in accept


def test_a_file_just_over_the_limit_reads_as_over_it():
    big = _Unreadable("cv.pdf", b"")
    big.size = 5 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as refused:
        check_upload(big)
    assert refused.value.messages == ["Le fichier pèse 5,1 Mo : la limite est de 5 Mo."]
