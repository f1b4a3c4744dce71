"""The ROME referential of France Travail: job families, the job titles people and offers
name, the close families a person can move to, and labour-market figures per family."""

from django.db import models


class RomeFamily(models.Model):
    code = models.CharField(max_length=5, primary_key=True)
    name = models.CharField("intitulé", max_length=200)
    # The name's words for search (`lib.stemming.indexed`), written with the name by the
    # reference data loader; a trigram index on PostgreSQL (migration 0002).
    search_words = models.TextField(default="", blank=True, editable=False)
    close_families = models.ManyToManyField(
        "self", symmetrical=False, through="RomeMobility", related_name="+", blank=True
    )

    class Meta:
        verbose_name = "fiche ROME"
        verbose_name_plural = "fiches ROME"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Appellation(models.Model):
    code = models.CharField(max_length=6, primary_key=True)
    name = models.CharField("intitulé", max_length=255)
    search_name = models.CharField(max_length=255, db_index=True)
    # The name's words for search (`lib.stemming.indexed`): as written and reduced
    # (plural, feminine); a trigram index on PostgreSQL (migration 0002).
    search_words = models.TextField(default="", blank=True, editable=False)
    rome = models.ForeignKey(RomeFamily, on_delete=models.PROTECT, related_name="appellations")

    class Meta:
        verbose_name = "appellation"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RomeMobility(models.Model):
    """An official « mobilité professionnelle »: from one family to a close one."""

    rome = models.ForeignKey(RomeFamily, on_delete=models.CASCADE, related_name="mobilities")
    close_rome = models.ForeignKey(RomeFamily, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rome", "close_rome"], name="unique_rome_mobility")
        ]

    def __str__(self) -> str:
        return f"{self.rome_id} → {self.close_rome_id}"


class SectorHiring(models.Model):
    """Observed hires for a ROME family in a company sector (NAF code)."""

    rome = models.ForeignKey(RomeFamily, on_delete=models.CASCADE, related_name="sector_hirings")
    naf_code = models.CharField("code NAF", max_length=5, db_index=True)
    naf_label = models.CharField("secteur", max_length=255)
    hirings = models.PositiveIntegerField("embauches")

    class Meta:
        ordering = ["rome", "-hirings"]
        constraints = [
            models.UniqueConstraint(fields=["rome", "naf_code"], name="unique_sector_hiring")
        ]

    def __str__(self) -> str:
        return f"{self.rome_id} — {self.naf_label} : {self.hirings} embauches"


class ShortageRate(models.Model):
    """Share of recruitments judged difficult (BMO survey) for a job family (FAP) that
    covers a ROME family; one ROME family can fall in several FAP."""

    rome = models.ForeignKey(RomeFamily, on_delete=models.CASCADE, related_name="shortages")
    fap_code = models.CharField(max_length=5)
    fap_label = models.CharField(max_length=255)
    tension_pct = models.FloatField("part des recrutements difficiles (%)")

    class Meta:
        ordering = ["rome", "fap_code"]
        constraints = [
            models.UniqueConstraint(fields=["rome", "fap_code"], name="unique_shortage_rate")
        ]

    def __str__(self) -> str:
        return f"{self.rome_id} — {self.fap_label} : {self.tension_pct} %"
