"""The job consumer (manage.py run_huey) of the fault tests: `python -m tests.faults.worker [--stall-report FILE]`.
With --stall-report, the report's analysis writes FILE and then waits forever, so that the test kills the
worker at a known point in the middle of the job."""
import argparse
import os
import time
from pathlib import Path

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stall-report", type=Path)
    arguments = parser.parse_args()
    django.setup()
    if arguments.stall_report:
        from corridor.consultations import reporting

        def stall(consultation, parameters=None):
            arguments.stall_report.write_text(str(os.getpid()))
            time.sleep(3600)

        reporting.build_report_data = stall
    from django.core.management import call_command

    call_command("run_huey")


if __name__ == "__main__":
    main()
