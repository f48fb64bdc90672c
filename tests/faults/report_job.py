"""Ask for a consultation's report in a site of its own: `python -m tests.faults.report_job`. Prints, as JSON,
the report and job ids and what the settings picked for the queue and the cache (having stored a key in it)."""
import json

import django


def main():
    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from huey.contrib.djhuey import HUEY

    from corridor.consultations import reporting
    from corridor.consultations.tests.fixtures_report import load_e_discussion
    from corridor.core.models import Job

    report = reporting.request_report(load_e_discussion())
    cache.set("fault-test", "kept", 300)
    print(json.dumps({"report": report.pk, "job": Job.objects.get().pk, "queue": type(HUEY).__name__,
                      "queue_storage": type(HUEY.storage).__name__, "queued": HUEY.pending_count(),
                      "cache": settings.CACHES["default"]["BACKEND"]}))


if __name__ == "__main__":
    main()
