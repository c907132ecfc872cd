using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

using Npgsql;

using NpgsqlTypes;

namespace HealthLinks.Bench.Screening;

/// <summary>
/// Writes a <see cref="SyntheticRegion"/> into an empty, migrated database: the directory and patients through the
/// model (EF Core), and the tens of millions of encounters and conditions with each database's own bulk path
/// (prepared inserts on SQLite, binary COPY on PostgreSQL), indexes dropped during the load and made again after.
/// The rows are exactly what the model would have written.
/// </summary>
internal static class BulkLoad
{
    /// <summary>Fills the database unless it already holds this region; returns false when it was already there.</summary>
    public static async Task<bool> Fill(IDbContextFactory<HealthLinksDb> dbs, DatabaseProvider provider, SyntheticRegion region, Action<string> say, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        var existing = await db.Patients.CountAsync(ct);
        if (existing == region.Patients && await db.Encounters.AnyAsync(ct))
        {
            return false;
        }

        if (existing > 0)
        {
            throw new InvalidOperationException($"The {provider} database holds {existing:N0} patients, not {region.Patients:N0}; give an empty one.");
        }

        var clock = Stopwatch.StartNew();
        await Directory(db, ct);
        var patientColumns = Columns(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        if (provider == DatabaseProvider.Sqlite)
        {
            await SqliteRows((SqliteConnection)connection, region, patientColumns, say, ct);
        }
        else
        {
            await PostgresRows((NpgsqlConnection)connection, region, patientColumns, say, ct);
        }

        // The load went around the model, so the population stamp is renewed here, as a save through the model would.
        db.DataStamps.Add(new DataStamp(DataStamp.Population, Guid.NewGuid()));
        await db.SaveChangesAsync(ct);
        say($"  loaded in {clock.Elapsed.TotalSeconds:F0} s");
        return true;
    }

    private static async Task Directory(HealthLinksDb db, CancellationToken ct)
    {
        var region = WithId(new Region("Bench Region"), SyntheticRegion.Region);
        db.Regions.Add(region);
        db.HealthLinks.Add(WithId(new HealthLink(region.Id, "Bench Health Link"), SyntheticRegion.HealthLink));
        foreach (var (id, name, kind) in SyntheticRegion.Facilities())
        {
            db.Organizations.Add(WithId(new Organization(region.Id, name, kind), id));
        }

        for (var n = 0; n < SyntheticRegion.Providers; n++)
        {
            var profession = n % 10 == 0 ? Profession.RegisteredNurse : Profession.FamilyPhysician;
            db.Providers.Add(WithId(new Provider(SyntheticRegion.Facility(SyntheticRegion.Hospitals + (n % SyntheticRegion.Clinics)), "Bench", $"Provider {n}", profession), new ProviderId(SyntheticRegion.Provider(n))));
        }

        await db.SaveChangesAsync(ct);
    }

    private static Patient PatientAt(SyntheticRegion region, int n)
    {
        var row = region.PatientAt(n);
        var details = new PatientDetails
        {
            GivenName = "Bench",
            FamilyName = $"Patient {n}",
            DateOfBirth = row.Born,
            Sex = row.Female ? AdministrativeSex.Female : AdministrativeSex.Male,
            Province = "ON",
        };
        return WithId(new Patient(SyntheticRegion.HealthLink, details, SyntheticRegion.AsOf), new PatientId(row.Id));
    }

    /// <summary>A patient's columns and values as the model maps them (converters applied), so the bulk path writes what EF Core would.</summary>
    private static List<(string Column, Func<object, object?> Value)> Columns(HealthLinksDb db)
    {
        var entity = db.Model.FindEntityType(typeof(Patient))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        static object? Stored(IProperty p, object? v) => v is null ? null : p.GetTypeMapping().Converter is { } c ? c.ConvertToProvider(v) : v;
        return entity.GetProperties().Select(p => (p.GetColumnName(table)!, (Func<object, object?>)(e => Stored(p, p.GetGetter().GetClrValue(e)))))
            .Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()).Select(p =>
                (p.GetColumnName(table)!, (Func<object, object?>)(e => Stored(p, p.GetGetter().GetClrValueUsingContainingEntity(e))))))
            .ToList();
    }

    private static async Task SqliteRows(SqliteConnection connection, SyntheticRegion region, List<(string Column, Func<object, object?> Value)> patientColumns, Action<string> say, CancellationToken ct)
    {
        await Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;", ct);
        var indexes = await Strings(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Encounters', 'Conditions')", ct);
        foreach (var index in indexes)
        {
            await Execute(connection, "DROP INDEX " + index.Split(' ')[2], ct);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $"INSERT INTO \"Patients\" ({string.Join(", ", patientColumns.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", patientColumns.Select((_, i) => $"${i + 1}"))})";
            var p = patientColumns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"${i + 1}", null))).ToArray();
            long rows = 0;
            await Batches(connection, insert, region, (n) =>
            {
                var patient = PatientAt(region, n);
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = patientColumns[i].Value(patient) switch
                    {
                        null => DBNull.Value,
                        Guid g => Text(g),
                        DateTime t => Text(t),
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        var v => v,
                    };
                }

                insert.ExecuteNonQuery();
                rows++;
            }, "patients", () => rows, say, ct);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """INSERT INTO "Encounters" ("Id", "PatientId", "Kind", "Start", "End", "FacilityId", "ProviderId", "Source", "Reason") VALUES ($1, $2, $3, $4, $5, $6, $7, 'bench', $8)""";
            var p = Enumerable.Range(1, 8).Select(i => insert.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
            long rows = 0;
            await Batches(connection, insert, region, (n) =>
            {
                foreach (var e in region.EncountersOf(n))
                {
                    (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (Text(e.Id), Text(e.Patient), e.Kind.ToString(), Text(e.Start));
                    (p[4].Value, p[5].Value, p[6].Value, p[7].Value) = (Text(e.End), Text(e.Facility), Text(e.Provider), (object?)e.Reason ?? DBNull.Value);
                    insert.ExecuteNonQuery();
                    rows++;
                }
            }, "encounters", () => rows, say, ct);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """INSERT INTO "Conditions" ("Id", "PatientId", "System", "Code", "Display", "Onset", "Status", "Source") VALUES ($1, $2, $3, $4, $5, $6, $7, 'bench')""";
            var p = Enumerable.Range(1, 7).Select(i => insert.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
            long rows = 0;
            await Batches(connection, insert, region, (n) =>
            {
                foreach (var c in region.ConditionsOf(n))
                {
                    (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (Text(c.Id), Text(c.Patient), c.System.ToString(), c.Code);
                    (p[4].Value, p[5].Value, p[6].Value) = (c.Display, c.Onset is { } onset ? onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value, c.Status.ToString());
                    insert.ExecuteNonQuery();
                    rows++;
                }
            }, "conditions", () => rows, say, ct);
        }

        foreach (var index in indexes)
        {
            say($"  {index}");
            await Execute(connection, index, ct);
        }

        await Execute(connection, "ANALYZE; PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON;", ct);
    }

    private static async Task Batches(SqliteConnection connection, SqliteCommand insert, SyntheticRegion region, Action<int> write, string what, Func<long> rows, Action<string> say, CancellationToken ct)
    {
        const int patientsPerTransaction = 20_000;
        for (var from = 0; from < region.Patients; from += patientsPerTransaction)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            insert.Transaction = transaction;
            for (var n = from; n < Math.Min(from + patientsPerTransaction, region.Patients); n++)
            {
                write(n);
            }

            await transaction.CommitAsync(ct);
            if (from % 200_000 == 0)
            {
                say($"  {what}: {rows():N0}");
            }
        }
    }

    private static async Task PostgresRows(NpgsqlConnection connection, SyntheticRegion region, List<(string Column, Func<object, object?> Value)> patientColumns, Action<string> say, CancellationToken ct)
    {
        // Indexes and foreign keys are made again after the load: one pass over sorted data instead of 30 million lookups.
        var indexes = await Strings(connection, """SELECT indexdef FROM pg_indexes WHERE tablename IN ('Encounters', 'Conditions') AND indexname NOT LIKE 'PK_%'""", ct);
        var keys = await Strings(connection, """SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('"Encounters"', '"Conditions"')""", ct);
        var names = await Strings(connection, """SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass::text, conname) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('"Encounters"', '"Conditions"')""", ct);
        foreach (var drop in names.Concat(indexes.Select(i => "DROP INDEX " + i.Split(' ')[2])))
        {
            await Execute(connection, drop, ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"Patients\" ({string.Join(", ", patientColumns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < region.Patients; n++)
            {
                var patient = PatientAt(region, n);
                await copy.StartRowAsync(ct);
                foreach (var (_, value) in patientColumns)
                {
                    await (value(patient) is { } v ? copy.WriteAsync(v, ct) : copy.WriteNullAsync(ct));
                }
            }

            await copy.CompleteAsync(ct);
        }

        say("  patients written");
        long rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Encounters" ("Id", "PatientId", "Kind", "Start", "End", "FacilityId", "ProviderId", "Source", "Reason") FROM STDIN (FORMAT BINARY)""", ct))
        {
            for (var n = 0; n < region.Patients; n++)
            {
                foreach (var e in region.EncountersOf(n))
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(e.Patient, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(e.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(e.Start, NpgsqlDbType.TimestampTz, ct);
                    await Nullable(copy, e.End, NpgsqlDbType.TimestampTz, ct);
                    await Nullable(copy, e.Facility, NpgsqlDbType.Uuid, ct);
                    await Nullable(copy, e.Provider, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar, ct);
                    await Nullable(copy, e.Reason, NpgsqlDbType.Varchar, ct);
                    rows++;
                }

                if (n % 200_000 == 0)
                {
                    say($"  encounters: {rows:N0}");
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Conditions" ("Id", "PatientId", "System", "Code", "Display", "Onset", "Status", "Source") FROM STDIN (FORMAT BINARY)""", ct))
        {
            for (var n = 0; n < region.Patients; n++)
            {
                foreach (var c in region.ConditionsOf(n))
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(c.Patient, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(c.System.ToString(), NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(c.Code, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(c.Display, NpgsqlDbType.Varchar, ct);
                    await Nullable(copy, c.Onset, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        foreach (var statement in indexes.Concat(keys))
        {
            say($"  {statement}");
            await Execute(connection, statement, ct);
        }

        await Execute(connection, "ANALYZE", ct);
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct => value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task Nullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    /// <summary>How EF Core writes these types to SQLite: upper-case GUIDs, and times without a fraction when there is none.</summary>
    private static object Text(Guid? id) => id is { } v ? v.ToString().ToUpperInvariant() : DBNull.Value;

    private static object Text(DateTime? time) => time is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : DBNull.Value;

    private static async Task Execute(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<string>> Strings(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The bench's ids are fixed by the region, so both databases hold the same rows; the domain makes its own, so they are set here.</summary>
    private static T WithId<T>(T entity, object id)
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }
}
