from huey.contrib.djhuey import db_task

from . import reporting
from .models import Report


@db_task(retries=1, retry_delay=30)
def generate_report(report_id: int) -> None:
    """Write a requested report (see reporting.generate). A failure is tried once more: most are
    passing (the database busy, the worker restarted), and the report shows the error meanwhile."""
    report = Report.objects.select_related("consultation").filter(pk=report_id).first()
    if report is not None:  # deleted while it waited
        reporting.generate(report)
