namespace TradeBot.Core.Stores;

/// <summary>Why a store cannot be used; the CLI turns each kind into a documented exit code.</summary>
public enum StoreFailureKind
{
    /// <summary>The store file is damaged, is not a database, is empty, is a folder, or has an unknown schema version.</summary>
    Unusable,

    /// <summary>The store cannot be written: the data folder is read-only or the disk is full.</summary>
    NotWritable,
}
