from django.core.management.base import BaseCommand

from barriers import referential
from barriers.models import BarrierItem, BarrierTheme


class Command(BaseCommand):
    help = "Crée ou met à jour le référentiel des freins (thèmes et freins) ; idempotent."

    def handle(self, *args, **options):
        themes, items = referential.load(BarrierTheme, BarrierItem)
        self.stdout.write(f"Référentiel des freins : {themes} thèmes, {items} freins.")
