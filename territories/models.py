"""Administrative geography of France (INSEE COG): the reference data every address,
organization territory and radius search stands on. Loaded by `load_reference_data`."""

from django.db import models


class Region(models.Model):
    code = models.CharField(max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class EPCI(models.Model):
    class Type(models.TextChoices):
        CC = "CC", "Communauté de communes"
        CA = "CA", "Communauté d'agglomération"
        CU = "CU", "Communauté urbaine"
        METRO = "METRO", "Métropole"
        MET69 = "MET69", "Métropole de Lyon"

    code = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    type = models.CharField(max_length=5, choices=Type.choices)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    # Lower case, no accents, hyphens and apostrophes as spaces: what autocomplete matches.
    search_name = models.CharField(max_length=100, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(
        EPCI, null=True, blank=True, on_delete=models.PROTECT, related_name="communes"
    )
    # "|"-separated, as published; a commune can have several postal codes.
    post_codes = models.CharField("codes postaux", max_length=200, blank=True)
    population = models.PositiveIntegerField(default=0)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name", "code"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.department_id})"

    @property
    def post_code_list(self) -> list[str]:
        return [p for p in self.post_codes.split("|") if p]

    @property
    def main_post_code(self) -> str:
        codes = self.post_code_list
        return codes[0] if codes else ""
