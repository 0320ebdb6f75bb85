package dev.foldout.internal.catalog;

import dev.foldout.internal.Fixes;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The catalog's versioned schema. Each migration runs once, in order, in one transaction, under an
 * advisory lock so that processes starting together do not race. Append new versions; never edit old ones.
 */
final class Migrations {
    /** Advisory-lock key that serializes migrations across processes. */
    private static final long LOCK_KEY = 0x466f6c646f7574L; // "Foldout"
    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(30);

    private static final List<String> VERSIONS = List.of(
            // 1: snapshots and branches; operations in flight
            """
            create table foldout.refs (
                name        text primary key,
                kind        text not null check (kind in ('SNAPSHOT', 'BRANCH')),
                parent      text not null,
                backend     text not null,
                db_oid      oid not null,
                lsn         pg_lsn not null,
                created_at  timestamptz not null default now(),
                message     text not null default '',
                copy_method text not null,
                copy_micros bigint not null check (copy_micros >= 0),
                copy_note   text not null default ''
            );
            create table foldout.operations (
                id              bigserial primary key,
                kind            text not null,
                source          text not null,
                target          text not null,
                temp_name       text,
                prev_name       text,
                source_allowed  boolean,
                target_allowed  boolean,
                owner_pid       int not null,
                owner_started   timestamptz not null,
                started_at      timestamptz not null default now()
            );
            -- every role that uses Foldout on this cluster shares the catalog
            grant usage on schema foldout to public;
            grant select, insert, update, delete on foldout.refs, foldout.operations to public;
            grant usage on sequence foldout.operations_id_seq to public;
            grant select on foldout.schema_version to public;
            """,
            // 2: instance branches (a whole cluster on its own port); a row exists from the moment one is planned
            """
            create table foldout.instances (
                name           text primary key,
                backend        text not null,
                state          text not null check (state in ('CREATING', 'READY', 'DELETING')),
                parent         text not null,
                parent_branch  text references foldout.instances(name),
                database       text not null,
                location       text not null,
                data_dir       text,
                binaries       text not null,
                os_account     text not null,
                listen_address text not null,
                port           int not null unique check (port between 1 and 65535),
                cut_lsn        pg_lsn,
                owner_pid      int,
                owner_started  timestamptz,
                created_at     timestamptz not null default now()
            );
            grant select, insert, update, delete on foldout.instances to public;
            """,
            // 3: the parent's OID when a copy was made: a diff against a parent replaced since (a restore) must not
            // trust the copy's shared past
            """
            alter table foldout.refs add column parent_oid oid;
            """,
            // 4: a repair acts with the rights of the role that wrote the row, never with the repairer's own: the
            // author is stamped by a trigger (a role cannot forge it), and only superusers write instance rows, whose
            // paths, programs and OS account Foldout acts on outside the database. A superuser's update keeps the
            // author, so marking a weak role's row never makes it trusted; anyone else's update makes it theirs.
            """
            create function foldout.stamp_author() returns trigger language plpgsql as $body$
            begin
                if tg_op = 'UPDATE' and (select rolsuper from pg_roles where rolname = current_user) then
                    new.author := old.author;
                else
                    new.author := current_user;
                end if;
                return new;
            end
            $body$;
            alter table foldout.operations add column author name not null default current_user;
            alter table foldout.instances add column author name not null default current_user;
            create trigger stamp_author before insert or update on foldout.operations
                for each row execute function foldout.stamp_author();
            create trigger stamp_author before insert or update on foldout.instances
                for each row execute function foldout.stamp_author();
            revoke insert, update, delete on foldout.instances from public;
            """,
            // 5: the parent's transactions at the cut of an instance branch, as full transaction IDs [xmin, next) of a
            // snapshot taken between the cut LSN and the copy: only these can have ended differently on the two
            // sides; null when not taken (rows made before, or a backend that does not take it)
            """
            alter table foldout.instances add column cut_xids int8range;
            """,
            // 6: a branch's merge base: a hidden copy of the state both sides started from (the parent's at the branch,
            // or the branch's at its last merge), its OID (a database of that name made by anyone else is not it), the
            // WAL position right after its copy, whose files it was copied from, and what the copy cost
            """
            alter table foldout.refs add column base_name text unique;
            alter table foldout.refs add column base_oid oid;
            alter table foldout.refs add column base_lsn pg_lsn;
            alter table foldout.refs add column base_quiet timestamptz;
            alter table foldout.refs add column base_layout text check (base_layout in ('PARENT', 'BRANCH'));
            alter table foldout.refs add column base_copy_method text;
            alter table foldout.refs add column base_copy_micros bigint;
            alter table foldout.refs add column base_copy_note text;
            """,
            // 7: snapshot and branch entries carry their author, stamped like the journal's and the instances': any role
            // may write an entry, so Foldout acts on one only when its author could have made (and may drop) the database
            // it names. Entries written before: the database's owner when the name and OID still match (what the entry
            // could have been made by), else the author of the instance branch it belongs to, else none (untrusted).
            """
            alter table foldout.refs add column author name;
            update foldout.refs r set author = coalesce(
                (select pg_get_userbyid(d.datdba) from pg_database d where d.datname = r.name and d.oid = r.db_oid),
                (select i.author from foldout.instances i where i.name in (r.name, r.parent) order by i.name = r.name desc limit 1));
            alter table foldout.refs alter column author set default current_user;
            create trigger stamp_author before insert or update on foldout.refs
                for each row execute function foldout.stamp_author();
            """,
            // 8: the first transaction ID not yet given out when the branch was copied (the xmax of a snapshot taken
            // right after the copy, in the source's lock): a row version of the parent with a later xmin was written
            // by the parent after the branch was made, which a two-way diff would undo. Null: not recorded.
            """
            alter table foldout.refs add column branch_xid xid8;
            """,
            // 9: a journal row is changed or deleted only by its author (or a role that may act as it, or a superuser):
            // another role deleting it would leave the author's half-made operation unrepaired, its source closed to
            // connections. The check names catalog objects by OID, so no search_path can stand in for them.
            """
            alter table foldout.operations enable row level security;
            create policy anyone_reads on foldout.operations for select using (true);
            create policy anyone_journals on foldout.operations for insert with check (true);
            create policy author_changes on foldout.operations for update using (
                author = current_user or exists (select 1 from pg_catalog.pg_roles r
                    where r.rolname = author and pg_catalog.pg_has_role(r.oid, 'MEMBER')));
            create policy author_finishes on foldout.operations for delete using (
                author = current_user or exists (select 1 from pg_catalog.pg_roles r
                    where r.rolname = author and pg_catalog.pg_has_role(r.oid, 'MEMBER')));
            """,
            // 10: an instance branch's base records the branch's transactions that may end differently in its snapshot
            """
            alter table foldout.refs add column base_xmin bigint, add column base_next bigint;
            """);

    private Migrations() {
    }

    /** The newest schema version this code knows. */
    static int latest() {
        return VERSIONS.size();
    }

    private static boolean upToDate(Connection c) throws SQLException {
        boolean exists = Jdbc.queryOne(c, "select to_regclass('foldout.schema_version') is not null", rs -> rs.getBoolean(1))
                .orElse(false);
        return exists && Integer.parseInt(Jdbc.string(c, "select coalesce(max(version), 0)::text from foldout.schema_version"))
                >= latest();
    }

    /** Takes the migration lock in this transaction, waiting at most {@link #LOCK_WAIT}; the error names its holder. */
    private static void lockOrSayWho(Connection c) throws SQLException {
        String previous = Jdbc.string(c, "select current_setting('lock_timeout')");
        Jdbc.queryOne(c, "select set_config('lock_timeout', ?, true)", rs -> null, LOCK_WAIT.toMillis() + "ms");
        java.sql.Savepoint before = c.setSavepoint();
        try {
            Jdbc.queryOne(c, "select pg_advisory_xact_lock(?)", rs -> null, LOCK_KEY);
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            throw new dev.foldout.FoldoutException("migrating Foldout's catalog waited for more than "
                    + LOCK_WAIT.toSeconds() + " s: its lock is held by " + dev.foldout.internal.sql.AdvisoryLocks
                    .holder(c, LOCK_KEY).orElse("a session that has just ended") + "; run again when it is done", e);
        }
        Jdbc.queryOne(c, "select set_config('lock_timeout', ?, true)", rs -> null, previous);
    }

    /** Brings the catalog schema up to {@link #latest()}; returns how many migrations ran. */
    static int migrate(Connection c) throws SQLException {
        if (upToDate(c)) {
            return 0;
        }
        boolean asOwner = CatalogOwner.mayActAsOwner(c);
        if (!asOwner && !CatalogOwner.superuser(c)) {
            String role = Jdbc.string(c, "select current_user::text");
            throw new dev.foldout.PermissionDeniedException("Foldout's catalog needs migrating to version " + latest()
                    + ", which role '" + role + "' may not do: run " + Fixes.INIT + " as a superuser");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (asOwner && CatalogOwner.ownedByRole(c)) {
                // what a migration makes belongs to the catalog's owner, never to the role that happened to run it
                Jdbc.execute(c, "set local role " + dev.foldout.Identifiers.quote(CatalogOwner.ROLE));
            }
            lockOrSayWho(c);
            Jdbc.execute(c, "create schema if not exists foldout");
            Jdbc.execute(c, "create table if not exists foldout.schema_version ("
                    + "version int primary key, applied_at timestamptz not null default now())");
            int current = Integer.parseInt(Jdbc.string(c, "select coalesce(max(version), 0)::text from foldout.schema_version"));
            if (current > latest()) {
                throw new SQLException("the Foldout catalog has schema version " + current + ", newer than this Foldout ("
                        + latest() + "): upgrade Foldout", "55000");
            }
            for (int v = current + 1; v <= latest(); v++) {
                Jdbc.execute(c, VERSIONS.get(v - 1));
                Jdbc.update(c, "insert into foldout.schema_version(version) values (?)", v);
            }
            c.commit();
            return latest() - current;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
