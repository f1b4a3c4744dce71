from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate

from barriers import referential


def _load_referential(sender, apps=None, **kwargs):
    """The referential is loaded by a data migration; a database flush (as a transactional
    test ends) empties it without undoing the migration, and Django sends post_migrate
    after a flush, so it is loaded again here. `load` is idempotent."""
    apps = apps or global_apps  # a flush sends the signal without the historical apps
    referential.load(
        apps.get_model("barriers", "BarrierTheme"), apps.get_model("barriers", "BarrierItem")
    )


class BarriersConfig(AppConfig):
    name = "barriers"
    verbose_name = "Freins"

    def ready(self):
        post_migrate.connect(_load_referential, sender=self)
