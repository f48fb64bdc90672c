from django.core.management.base import BaseCommand, CommandError

from corridor.learning import markdown_import


class Command(BaseCommand):
    help = ("Import a learning module from a folder of Markdown files (module.md and one file per topic, "
            "translations beside them) or a zip archive of it. Nothing is written if any file is wrong; a module "
            "imported again is updated, keeping its learners' answers.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder, or a .zip archive")

    def handle(self, *args, path, **options):
        try:
            if path.lower().endswith(".zip"):
                with open(path, "rb") as archive:
                    files = markdown_import.read_zip(archive)
            else:
                files = markdown_import.read_directory(path)
            module = markdown_import.import_files(files)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except markdown_import.InvalidModule as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(invalid.problems)} problem(s); nothing was imported.") from invalid
        self.stdout.write(self.style.SUCCESS(
            f"Imported “{module.title}” ({module.slug}): {module.topics.count()} topics, "
            f"{module.reflection.questions.count()} points for reflection, status {module.status}."))
