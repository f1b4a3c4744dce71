"""The one test that loads the real shipped files (about 5 s): it proves they load and
that nothing was lost on the way. Everything else uses the tiny fixture files."""

import pytest

from jobs.models import Appellation, RomeFamily, RomeMobility, SectorHiring, ShortageRate
from reference.loading import DEFAULT_DATA_DIR
from territories.models import EPCI, Commune, Department, Region


@pytest.mark.slow
@pytest.mark.xdist_group("full_reference_data")
@pytest.mark.django_db
def test_it_loads_the_full_shipped_data_with_the_published_counts(load):
    load(DEFAULT_DATA_DIR)

    assert Commune.objects.count() == 35_094
    assert Appellation.objects.count() == 11_061
    assert RomeFamily.objects.count() == 532
    assert Department.objects.count() == 109
    assert Region.objects.count() == 26
    assert EPCI.objects.count() == 1_255
    assert RomeMobility.objects.count() == 1_781
    assert SectorHiring.objects.count() == 5_071
    assert ShortageRate.objects.count() == 701
    assert load(DEFAULT_DATA_DIR).count("inchangé depuis le dernier chargement") == 9
