namespace CrmCadenceSync.Storage.Options;

public enum StorageProvider
{
    /// <summary>A single file under data/: one worker instance.</summary>
    Sqlite,

    /// <summary>Several worker instances sharing one database.</summary>
    Postgres,
}
