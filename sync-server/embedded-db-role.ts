import type pg from "pg";

/** The role the server and the CLI connect as: it owns the borgerpuls database and nothing else. */
export type AppRole = { user: string; password: string };

/**
 * Makes the application role (login, no superuser, no CREATEDB/CREATEROLE) the owner of the
 * database and of everything in its public schema, so a SQL injection or a stolen app password
 * reaches this database only, never the cluster (no COPY … TO PROGRAM, no other databases, no
 * ALTER SYSTEM). Idempotent: runs on every start, and hands over what a superuser created in an
 * older installation (tables, partitions, sequences, functions).
 */
export async function ensureAppRole(
  superuser: pg.Client,
  database: string,
  role: AppRole,
): Promise<void> {
  const name = superuser.escapeIdentifier(role.user);
  const password = superuser.escapeLiteral(role.password);
  const exists = await superuser.query("select 1 from pg_roles where rolname = $1", [role.user]);
  const verb = exists.rowCount === 0 ? "create" : "alter";
  await superuser.query(
    `${verb} role ${name} login password ${password} nosuperuser nocreatedb nocreaterole noreplication nobypassrls`,
  );
  const db = superuser.escapeIdentifier(database);
  await superuser.query(`alter database ${db} owner to ${name}`);
  // Nobody else may connect to it (PUBLIC has CONNECT by default).
  await superuser.query(`revoke all on database ${db} from public`);
}

/** Run inside the app database as the superuser: hands every object in `public` to the role. */
export async function handOverObjects(superuser: pg.Client, role: AppRole): Promise<void> {
  // DO blocks take no parameters; the name is checked to be a plain identifier instead.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role.user)) throw new Error(`bad role name ${role.user}`);
  const owner = role.user;
  await superuser.query(
    `do $$
     declare item record;
     begin
       alter schema public owner to ${owner};
       for item in
         select format('alter %s %I.%I owner to ${owner}',
                       case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                                      when 'm' then 'materialized view' else 'table' end,
                       n.nspname, c.relname) as statement
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p', 'S', 'v', 'm')
           and pg_get_userbyid(c.relowner) <> '${owner}'
           -- Column-owned sequences follow their table.
           and not (c.relkind = 'S' and exists (
             select 1 from pg_depend d
             where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
       loop
         execute item.statement;
       end loop;
       for item in
         select format('alter function %s owner to ${owner}', p.oid::regprocedure) as statement
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> '${owner}'
       loop
         execute item.statement;
       end loop;
     end $$`,
  );
}
