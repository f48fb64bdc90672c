from corridor.core.jobs import durable_task

from . import reporting
from .models import Report


def _report_failed(report_id: int, error: str) -> None:
    """The last attempt ended without a report (its worker died): say so rather than 'being generated'."""
    Report.objects.filter(pk=report_id, status__in=[Report.Status.QUEUED, Report.Status.RUNNING]).update(
        status=Report.Status.FAILED, error=error)


@durable_task(max_attempts=2, retry_delay=30, on_failure=_report_failed)
def generate_report(report_id: int) -> None:
    """Write a requested report (see reporting.generate). A failure is tried once more: most are
    passing (the database busy, the worker restarted), and the report shows the error meanwhile.
    Running it again replaces what an interrupted run wrote (reporting.generate is idempotent)."""
    report = Report.objects.select_related("consultation").filter(pk=report_id).first()
    if report is not None:  # deleted while it waited
        reporting.generate(report)
