"""Book-keeping of the reference data load. The data itself lives in the domain apps
(`territories`, `jobs`); this app only remembers which version of each file is loaded."""

from django.db import models


class LoadedFile(models.Model):
    """The last successful load of one reference file. `make run` loads the data on every
    start: the checksum lets it skip what has not changed, in about a second."""

    name = models.CharField("fichier", max_length=100, primary_key=True)
    sha256 = models.CharField(max_length=64)
    # Rows of the target table after the load: if they no longer match (table emptied by
    # hand), the file is loaded again even with an unchanged checksum.
    table_rows = models.PositiveIntegerField()
    loaded_at = models.DateTimeField("chargé le", auto_now=True)

    class Meta:
        verbose_name = "fichier de référence chargé"
        verbose_name_plural = "fichiers de référence chargés"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
