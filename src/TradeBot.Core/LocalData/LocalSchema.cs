namespace TradeBot.Core.LocalData;

/// <summary>
/// The tables one owner keeps in the <see cref="LocalDatabase"/>. <paramref name="Create"/> declares them as they are
/// now, idempotently (<c>IF NOT EXISTS</c>): it runs at every first open, so a new file gets them and a table dropped
/// behind TradeBot's back is made again. <paramref name="Upgrades"/> bring older files there: upgrade n takes the
/// tables from version n to n + 1. The database records each owner's version and runs only the upgrades a file lacks.
/// </summary>
/// <param name="Owner">The name the owner's version is recorded under.</param>
/// <param name="Table">
/// The owner's main table. An owner without a recorded version whose table exists is at version 1: the file was
/// written before owners had versions. Without the table, the owner is new to the file and starts at its current version.
/// </param>
public sealed record LocalSchema(string Owner, string Table, string Create, IReadOnlyList<string> Upgrades)
{
    public LocalSchema(string owner, string table, string create)
        : this(owner, table, create, [])
    {
    }

    public int Version => Upgrades.Count + 1;
}
