"""Migration operations of our own.

AppendOnlyTrigger makes PostgreSQL itself keep an AppendOnlyModel's table
append-only (core/models/append_only.py), whoever writes to it:

- UPDATE is refused;
- a DELETE is refused if any row it removes is younger than `min_age_days`,
  or its retention has not passed: its `retained_until` (with `group_by`,
  the newest row of its group's) is NULL or still to come. The check runs
  once per statement over every removed row (a transition table), so the
  order in which one statement removes a group's rows does not matter.

TRUNCATE is not refused: it is what `manage.py flush` runs (restore_site,
the test suite's transactional tests), and it takes the table owner's
rights, with which a trigger can be dropped anyway. The trigger keeps the
site's code and anyone editing rows by hand from rewriting history; it does
not stand against the database's owner.

On other databases (SQLite in development and tests) it does nothing: the
model's own refusals apply there. Use it in the migration that creates the
model:

    operations = [
        migrations.CreateModel(name="Entry", ...),
        AppendOnlyTrigger("entry", group_by="page_id", min_age_days=183),
    ]

`min_age_days` is a number, not a setting: a migration does the same on
every database it runs on. It is the floor; the configured retention (a
setting, read when a row is written) may keep rows longer."""

from django.db.migrations.operations.base import Operation

REFUSED = "42501"  # insufficient_privilege


class AppendOnlyTrigger(Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, group_by: str | None = None, min_age_days=0):
        self.model_name = model_name
        self.group_by = group_by
        self.min_age_days = int(min_age_days)

    def deconstruct(self):
        kwargs = {"model_name": self.model_name}
        if self.group_by is not None:
            kwargs["group_by"] = self.group_by
        if self.min_age_days:
            kwargs["min_age_days"] = self.min_age_days
        return ("core.migrations_ops.AppendOnlyTrigger", [], kwargs)

    def state_forwards(self, app_label, state):
        pass  # no change to the models, only to the database

    def describe(self):
        return f"Keep {self.model_name} append-only on PostgreSQL"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_append_only"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        for statement in self.install_sql(model, schema_editor.quote_name):
            schema_editor.execute(statement, None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        for statement in self.remove_sql(model, schema_editor.quote_name):
            schema_editor.execute(statement, None)

    @staticmethod
    def names(model) -> dict[str, str]:
        table = model._meta.db_table
        return {
            "table": table,
            "refuse_fn": f"{table}_refuse_change",
            "delete_fn": f"{table}_check_delete",
            "update_trigger": f"{table}_no_update",
            "delete_trigger": f"{table}_retained",
        }

    def install_sql(self, model, quote) -> list[str]:
        n = {key: quote(value) for key, value in self.names(model).items()}
        column = {
            name: quote(model._meta.get_field(name).column)
            for name in ("created_at", "retained_until")
        }
        pk = quote(model._meta.pk.column)
        if self.group_by is None:
            kept_until = f"d.{column['retained_until']}"
        else:
            group = quote(model._meta.get_field(self.group_by).column)
            # The newest row of d's group, among the rows left and removed.
            # Identifiers from the model, quoted by the schema editor; no values.
            kept_until = (
                f"(SELECT g.kept FROM ("  # noqa: S608
                f"SELECT t.{pk} AS id, t.{column['retained_until']} AS kept "
                f"FROM {n['table']} t WHERE t.{group} = d.{group} "
                f"UNION ALL SELECT x.{pk}, x.{column['retained_until']} "
                f"FROM removed x WHERE x.{group} = d.{group}"
                f") g ORDER BY g.id DESC LIMIT 1)"
            )
        # Quoted identifiers and our own numbers only: nothing from outside.
        return [
            f"""
            CREATE OR REPLACE FUNCTION {n["refuse_fn"]}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = '{REFUSED}';
            END
            $$
            """,
            f"""
            CREATE OR REPLACE FUNCTION {n["delete_fn"]}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (
                    SELECT 1 FROM removed d
                    WHERE d.{column["created_at"]} >
                            now() - make_interval(days => {self.min_age_days})
                        OR coalesce({kept_until} > now(), true)
                ) THEN
                    RAISE EXCEPTION
                        '%: a row still within its retention cannot be deleted',
                        TG_TABLE_NAME
                        USING ERRCODE = '{REFUSED}';
                END IF;
                RETURN NULL;
            END
            $$
            """,  # noqa: S608
            f"""
            CREATE TRIGGER {n["update_trigger"]} BEFORE UPDATE ON {n["table"]}
            FOR EACH ROW EXECUTE FUNCTION {n["refuse_fn"]}()
            """,
            f"""
            CREATE TRIGGER {n["delete_trigger"]} AFTER DELETE ON {n["table"]}
            REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION {n["delete_fn"]}()
            """,
        ]

    def remove_sql(self, model, quote) -> list[str]:
        n = {key: quote(value) for key, value in self.names(model).items()}
        return [
            *(
                f"DROP TRIGGER IF EXISTS {n[name]} ON {n['table']}"
                for name in ("update_trigger", "delete_trigger")
            ),
            f"DROP FUNCTION IF EXISTS {n['refuse_fn']}()",
            f"DROP FUNCTION IF EXISTS {n['delete_fn']}()",
        ]
