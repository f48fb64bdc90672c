from django.db import migrations


def install_default_template(apps, schema_editor):
    from corridor.profiles import default_template

    default_template.install(apps.get_model("profiles", "ProfileTemplate"), apps.get_model("profiles", "Section"),
                             apps.get_model("profiles", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(install_default_template, migrations.RunPython.noop)]
