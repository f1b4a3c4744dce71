from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0002_identity_key"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("birth_date__isnull", False),
                    ("identity_key__isnull", False),
                    ("merged_into__isnull", True),
                ),
                fields=("identity_key",),
                name="person_unique_identity",
            ),
        ),
    ]
