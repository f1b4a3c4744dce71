"""The structure's story pages: draft one from a pathway, the list (by state), a story's
page (its text, the person's consent, its moves), the review page of the admins, and the
printable PDF. Each view: fetch and authorise (`stories.access`), one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from access.policy import Capability, can
from lib.form_writes import write_if_valid
from pathways.access import pathway_to_manage
from stories import selectors, services
from stories.access import may_review, require_writer, story_to_manage
from stories.forms import ConsentForm, StoryFilterForm, StoryForm, TransitionForm, WithdrawForm
from stories.pdf import pdf_response
from stories.state_machine import EDITABLE, LIFECYCLE, REVIEW_MOVES

PAGE_SIZE = 20


def _story_arguments(form) -> dict:
    return {name: form.cleaned_data[name] for name in StoryForm.base_fields}


@login_required
def story_create(request, person_pk, pathway_pk):
    person, level, pathway = pathway_to_manage(request.user, pathway_pk, person_pk=person_pk)
    require_writer(organization=pathway.organization, user=request.user)
    form = StoryForm(request.POST or None, initial=selectors.draft_facts(pathway))
    if request.method == "POST":
        holder = {}

        def write(data):
            holder["story"] = services.story_create(
                pathway=pathway, user=request.user, **_story_arguments(form)
            )

        if write_if_valid(form, write):
            messages.success(
                request,
                "Le brouillon est enregistré. Recueillez maintenant l'accord de la personne.",
            )
            return redirect("story_detail", story_pk=holder["story"].pk)
    context = {
        "title": f"Rédiger une belle histoire — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "pathway": pathway,
        "form": form,
        "has_a_story": selectors.has_a_story_to_tell(pathway),
    }
    return render(
        request,
        "stories/story_create.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
def story_list(request):
    organization = request.current_organization
    if not can(request.user, Capability.WRITE_STORIES, organization):
        raise PermissionDenied("Les belles histoires sont celles des structures qui accompagnent.")
    form = StoryFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_bound and form.is_valid() else ""
    page = Paginator(selectors.stories_of(organization, state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": "Belles histoires de la structure",
        "organization": organization,
        "form": form,
        "page": page,
        "reviews": can(request.user, Capability.REVIEW_STORIES, organization),
    }
    return render(request, "stories/story_list.html", context)


def _page(request, story, *, bound=None, status=200, template="stories/story_detail.html"):
    bound = bound or {}
    editable = story.state in EDITABLE
    reviewer = may_review(request.user, story)
    moves = [
        (to, word)
        for to, word in LIFECYCLE.options(story.state)
        if to != "withdrawn" and (reviewer or to not in REVIEW_MOVES)
    ]
    initial = {name: getattr(story, name) for name in StoryForm.base_fields if hasattr(story, name)}
    context = {
        "title": f"Belle histoire — {story.title}",
        "story": story,
        "editable": editable,
        "reviewer": reviewer,
        "moves": moves,
        "story_form": bound.get("story") or StoryForm(initial=initial, prefix="story"),
        "consent_form": bound.get("consent")
        or ConsentForm(
            prefix="consent",
            initial={"scope": story.consent_scope or None, "consented_on": story.consented_on},
        ),
        "withdraw_form": bound.get("withdraw") or WithdrawForm(prefix="withdraw"),
        "transition_form": bound.get("transition") or TransitionForm(prefix="move"),
        "transitions": story.transitions.select_related("by"),
    }
    return render(request, template, context, status=status)


@login_required
def story_detail(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    return _page(request, story)


@login_required
def story_review(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    if not may_review(request.user, story):
        raise PermissionDenied("La relecture revient à un·e administrateur·rice de la structure.")
    return _page(request, story, template="stories/story_review.html")


def _done(request, story, message):
    messages.success(request, message)
    return redirect("story_detail", story_pk=story.pk)


@login_required
@require_POST
def story_edit(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    form = StoryForm(request.POST, prefix="story")

    def write(data):
        services.story_update(story=story, user=request.user, **_story_arguments(form))

    if write_if_valid(form, write):
        return _done(request, story, "Le texte est enregistré.")
    return _page(request, story, bound={"story": form}, status=400)


@login_required
@require_POST
def story_consent(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    form = ConsentForm(request.POST, prefix="consent")

    def write(data):
        services.consent_record(
            story=story,
            user=request.user,
            scope=data["scope"],
            method=data["method"],
            consented_on=data["consented_on"],
        )

    if write_if_valid(form, write):
        return _done(request, story, "L'accord de la personne est enregistré.")
    return _page(request, story, bound={"consent": form}, status=400)


@login_required
@require_POST
def story_consent_withdraw(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    form = WithdrawForm(request.POST, prefix="withdraw")

    def write(data):
        services.consent_withdraw(story=story, user=request.user, method=data["method"])

    if write_if_valid(form, write):
        return _done(
            request, story, "L'accord est retiré : l'histoire n'est plus publiée nulle part."
        )
    return _page(request, story, bound={"withdraw": form}, status=400)


@login_required
@require_POST
def story_transition(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    form = TransitionForm(request.POST, prefix="move")

    def write(data):
        services.story_transition(
            story=story, user=request.user, to_state=data["to_state"], comment=data["comment"]
        )

    if write_if_valid(form, write):
        return _done(request, story, f"L'histoire est « {story.get_state_display().lower()} ».")
    template = (
        "stories/story_review.html"
        if may_review(request.user, story) and story.state == "submitted"
        else "stories/story_detail.html"
    )
    return _page(request, story, bound={"transition": form}, status=400, template=template)


@login_required
def story_pdf_view(request, story_pk):
    story = story_to_manage(request.user, story_pk)
    return pdf_response(story)
