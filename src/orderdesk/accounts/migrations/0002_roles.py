"""The staff roles as Django groups, with the permissions of core.roles.ROLE_PERMISSIONS.

Intake is not a group: it exists for API keys only, which are checked against the table directly.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from orderdesk.core.roles import ROLE_PERMISSIONS, STAFF_ROLES


def sync_role_groups(apps, schema_editor):
    # Custom permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in STAFF_ROLES:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = ROLE_PERMISSIONS[role]
        permissions = []
        for perm in wanted:
            app_label, codename = perm.value.split(".", 1)
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("orders", "0001_initial"),
        ("consultations", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
