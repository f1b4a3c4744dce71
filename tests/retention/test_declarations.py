"""Every model of the project has decided, for each free-text field, whether it holds a
followed person's data and how anonymisation scrubs it."""

from django.apps import apps
from django.db import models

from persons.models import Person
from retention.registry import UNDECLARED
from retention.scrub import Scrub, personal_models

FREE_TEXT = (models.CharField, models.TextField, models.FileField, models.JSONField)


def _free_text_fields(model) -> set[str]:
    return {
        f.name for f in model._meta.concrete_fields if isinstance(f, FREE_TEXT) and not f.choices
    }


def test_every_free_text_field_is_declared_personal_or_not():
    undecided = []
    for model in apps.get_models():
        label = model._meta.label
        fields = _free_text_fields(model)
        if not fields or label in UNDECLARED:
            continue
        declared = set(getattr(model, "personal_fields", {})) | set(
            getattr(model, "impersonal_fields", ())
        )
        undecided += [f"{label}.{name}" for name in sorted(fields - declared)]
    assert undecided == []


def test_every_model_pointing_at_a_person_says_how_to_reach_them():
    silent = [
        model._meta.label
        for model in apps.get_models()
        if any(f.many_to_one and f.related_model is Person for f in model._meta.concrete_fields)
        and model is not Person
        and not getattr(model, "personal_data_of", None)
    ]
    assert silent == []


def test_the_declarations_name_real_fields_and_real_scrubs():
    for model in personal_models():
        names = {f.name for f in model._meta.concrete_fields}
        assert set(model.personal_fields) <= names, model
        assert set(getattr(model, "impersonal_fields", ())) <= names, model
        assert all(isinstance(scrub, Scrub) for scrub in model.personal_fields.values())
        model.objects.filter(**{f"{model.personal_data_of}__in": []}).exists()


def test_the_registry_names_only_models_that_exist():
    labels = {model._meta.label for model in apps.get_models()}
    assert set(UNDECLARED) <= labels
    assert not {model._meta.label for model in personal_models()} & set(UNDECLARED)


def test_the_people_files_models_are_all_declared():
    labels = {model._meta.label for model in personal_models()}
    assert {
        "persons.Person",
        "persons.Wish",
        "plans.Document",
        "plans.Note",
        "referrals.Referral",
        "offers.Introduction",
        "timeline.TimelineEvent",
        "audit.SensitiveRead",
    } <= labels
