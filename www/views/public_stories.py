"""The public « belles histoires » (no sign-in): the published stories whose person
agreed to the public site, their page and their printable PDF. A story taken down (its
consent withdrawn, unpublished) answers 404 « cette histoire n'est plus publiée »."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stories import selectors
from stories.models import Story
from stories.pdf import pdf_response

PAGE_SIZE = 12


@require_GET
def public_story_list(request):
    page = Paginator(selectors.public_stories(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "stories/public_list.html",
        {"title": "Belles histoires", "page": page},
    )


def _published(request, slug):
    story = selectors.public_story(slug)
    if story is not None:
        return story, None
    if Story.objects.filter(slug=slug).exclude(slug="").exists():
        # Once public, its address is no secret: say it left, not that it never was.
        gone = render(
            request,
            "stories/public_gone.html",
            {"title": "Cette histoire n'est plus publiée"},
            status=404,
        )
        return None, gone
    raise Http404("Cette histoire n'existe pas.")


@require_GET
def public_story_detail(request, slug):
    story, gone = _published(request, slug)
    if gone:
        return gone
    return render(request, "stories/public_detail.html", {"title": story.title, "story": story})


@require_GET
def public_story_pdf(request, slug):
    story, gone = _published(request, slug)
    return gone or pdf_response(story)
