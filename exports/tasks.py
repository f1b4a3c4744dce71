from django_tasks import task

from exports import services


@task()
def run_export(*, export_id: int) -> int:
    """Write a large export's file (see `exports.services.export_run`)."""
    return services.export_run(export_id=export_id)
