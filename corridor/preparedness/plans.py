"""Contingency plans: each task moves between to do, in progress and done, in any direction (a task done
before a crisis may have to be done again after it); every change is in the audit log."""
from corridor.audit.log import record

from .models import PlanTask


def set_status(task: PlanTask, status: str, user) -> None:
    if status not in PlanTask.Status.values:
        raise ValueError(f"Not a task status: {status}")
    if status == task.status:
        return
    previous, task.status = task.status, status
    task.save(update_fields=["status"])
    record("preparedness.plan_task.status", actor=user, target=task.plan, organisation=task.plan.organisation,
           territory=task.plan.territory, task=task.pk, previous=previous, status=status)


def progress(tasks) -> dict:
    """How many tasks are in each status."""
    counts = dict.fromkeys(PlanTask.Status.values, 0)
    for task in tasks:
        counts[task.status] += 1
    return counts
