//! A description of the live schema, in terms both engines share, so a test
//! can prove the SQLite and PostgreSQL migrations build the same database.

use std::collections::BTreeMap;

use sqlx::Row;

use super::{Backend, Db};

/// One column, as far as the application can tell the engines apart.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub name: String,
    /// `integer`, `text`, `real` or `bytes`.
    pub kind: String,
    pub nullable: bool,
    pub primary_key: bool,
}

/// One foreign key: column, referenced table, referenced column.
pub type ForeignKey = (String, String, String);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Each UNIQUE constraint's columns, comma-separated in key order.
    pub unique: Vec<String>,
}

/// Tables by name, ignoring the migration tool's own.
pub async fn describe(db: &Db) -> anyhow::Result<BTreeMap<String, Table>> {
    match db.backend() {
        Backend::Sqlite => describe_sqlite(db).await,
        Backend::Postgres => describe_postgres(db).await,
    }
}

fn kind_of(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let kind = if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") {
        "text"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "real"
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes"
    } else {
        return format!("other:{t}");
    };
    kind.to_owned()
}

async fn describe_sqlite(db: &Db) -> anyhow::Result<BTreeMap<String, Table>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name",
    )
    .fetch_all(db.pool())
    .await?;
    let mut tables = BTreeMap::new();
    for name in names {
        // Table names come from sqlite_master, not from a person.
        let columns = sqlx::query(&format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{name}')"
        ))
        .fetch_all(db.pool())
        .await?;
        let mut table = Table::default();
        for row in columns {
            let pk: i64 = row.try_get(3)?;
            let not_null: i64 = row.try_get(2)?;
            table.columns.push(Column {
                name: row.try_get(0)?,
                kind: kind_of(&row.try_get::<String, _>(1)?),
                // SQLite lets a primary key be NULL unless told otherwise,
                // but an INTEGER PRIMARY KEY is the rowid and never is.
                nullable: not_null == 0 && pk == 0,
                primary_key: pk > 0,
            });
        }
        let keys = sqlx::query(&format!(
            "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('{name}')"
        ))
        .fetch_all(db.pool())
        .await?;
        for row in keys {
            table
                .foreign_keys
                .push((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?));
        }
        let indexes = sqlx::query(&format!(
            "SELECT name FROM pragma_index_list('{name}') WHERE origin = 'u' AND \"unique\" = 1"
        ))
        .fetch_all(db.pool())
        .await?;
        for index in indexes {
            let index: String = index.try_get(0)?;
            let columns: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"
            ))
            .fetch_all(db.pool())
            .await?;
            table.unique.push(columns.join(","));
        }
        table.columns.sort();
        table.foreign_keys.sort();
        table.unique.sort();
        tables.insert(name, table);
    }
    Ok(tables)
}

async fn describe_postgres(db: &Db) -> anyhow::Result<BTreeMap<String, Table>> {
    let columns = sqlx::query(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text, \
                CASE WHEN EXISTS ( \
                    SELECT 1 FROM information_schema.table_constraints tc \
                    JOIN information_schema.key_column_usage k \
                      ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema \
                    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema \
                      AND tc.table_name = c.table_name AND k.column_name = c.column_name \
                ) THEN 1 ELSE 0 END::bigint \
         FROM information_schema.columns c \
         WHERE c.table_schema = current_schema() AND c.table_name NOT LIKE '\\_sqlx%' \
         ORDER BY c.table_name, c.column_name",
    )
    .fetch_all(db.pool())
    .await?;
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for row in columns {
        let table: String = row.try_get(0)?;
        let nullable: String = row.try_get(3)?;
        let pk: i64 = row.try_get(4)?;
        tables.entry(table).or_default().columns.push(Column {
            name: row.try_get(1)?,
            kind: kind_of(&row.try_get::<String, _>(2)?),
            nullable: nullable == "YES",
            primary_key: pk == 1,
        });
    }
    let keys = sqlx::query(
        "SELECT cl.relname::text, a.attname::text, rcl.relname::text, ra.attname::text \
         FROM pg_constraint con \
         JOIN pg_class cl ON cl.oid = con.conrelid \
         JOIN pg_namespace ns ON ns.oid = cl.relnamespace \
         JOIN pg_class rcl ON rcl.oid = con.confrelid \
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1] \
         JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[1] \
         WHERE con.contype = 'f' AND ns.nspname = current_schema()",
    )
    .fetch_all(db.pool())
    .await?;
    for row in keys {
        let table: String = row.try_get(0)?;
        tables.entry(table).or_default().foreign_keys.push((
            row.try_get(1)?,
            row.try_get(2)?,
            row.try_get(3)?,
        ));
    }
    let uniques = sqlx::query(
        "SELECT cl.relname::text, \
                (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                 FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) \
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) \
         FROM pg_constraint con \
         JOIN pg_class cl ON cl.oid = con.conrelid \
         JOIN pg_namespace ns ON ns.oid = cl.relnamespace \
         WHERE con.contype = 'u' AND ns.nspname = current_schema()",
    )
    .fetch_all(db.pool())
    .await?;
    for row in uniques {
        let table: String = row.try_get(0)?;
        tables
            .entry(table)
            .or_default()
            .unique
            .push(row.try_get(1)?);
    }
    for table in tables.values_mut() {
        table.columns.sort();
        table.foreign_keys.sort();
        table.unique.sort();
    }
    Ok(tables)
}
