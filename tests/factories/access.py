import factory

from access import ledger


class KeepsAccessTrue(factory.django.DjangoModelFactory):
    """A factory of a fact that says who sees a person (a record's creator, a pathway, a
    seat on a team) writes the table of who sees whom as the services do, so that tests
    read people the way the product does."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        instance = super()._create(model_class, *args, **kwargs)
        ledger.refresh([cls.person_id_of(instance)])
        return instance

    @staticmethod
    def person_id_of(instance) -> int:
        raise NotImplementedError
