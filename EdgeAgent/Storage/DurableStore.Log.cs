using Microsoft.Extensions.Logging;

namespace EdgeAgent.Storage;

public sealed partial class DurableStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Store {Path} opened in {ElapsedMs:0.0} ms")]
        public static partial void Opened(ILogger logger, string path, double elapsedMs);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Store {Path} closed: {Stats}")]
        public static partial void Closed(ILogger logger, string path, StoreStats stats);

        [LoggerMessage(EventId = 3, Level = LogLevel.Trace, Message = "Committed and fsynced a group of {Count} changes in {ElapsedMs:0.00} ms")]
        public static partial void GroupCommitted(ILogger logger, int count, double elapsedMs);

        [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "A change in a group of {Count} threw; rolled back, re-running each change alone")]
        public static partial void GroupRolledBack(ILogger logger, int count, Exception error);

        [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "A change threw and was rolled back; its caller gets the exception")]
        public static partial void ChangeFailed(ILogger logger, Exception error);

        [LoggerMessage(EventId = 6, Level = LogLevel.Critical, Message = "fsync of store {Path} failed after {Commits} commits; their callers were not acknowledged, and the store accepts no more writes: restart the agent so it re-reads what is on disk")]
        public static partial void FsyncFailed(ILogger logger, string path, int commits, Exception error);

        [LoggerMessage(EventId = 7, Level = LogLevel.Critical, Message = "Store writer for {Path} stopped on an unexpected error; the store accepts no more writes")]
        public static partial void WriterFaulted(ILogger logger, string path, Exception error);

        [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "Store {Path} is damaged and was left in place; the agent will not start empty over it")]
        public static partial void StoreDamaged(ILogger logger, string path, Exception error);

        [LoggerMessage(EventId = 10, Level = LogLevel.Critical, Message = "Store {Path} is damaged; its files are kept in {KeptIn} and the agent refuses to start: {Findings}")]
        public static partial void StoreDamaged(ILogger logger, string path, string keptIn, string findings);

        [LoggerMessage(EventId = 11, Level = LogLevel.Critical, Message = "Store {Path} was damaged and was recovered from what could be read; the damaged files are kept in {KeptIn}. Lost or damaged: {Findings}")]
        public static partial void StoreRecovered(ILogger logger, string path, string keptIn, string findings);

        [LoggerMessage(EventId = 12, Level = LogLevel.Critical, Message = "A read of store {Path} hit a damaged page; the store stops until a restart, whose open checks the file")]
        public static partial void ReadHitDamage(ILogger logger, string path, Exception error);

        [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Could not write the page digest of store {Path} at close; the next open checks it by reading every document instead")]
        public static partial void DigestFailed(ILogger logger, string path, Exception error);

        [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Store {Path} was stopped cleanly: {Pages} pages checked against their checksums and the acknowledgements against the store in {ElapsedMs:0.0} ms, without copying the file or reading its documents")]
        public static partial void CleanStopChecked(ILogger logger, string path, long pages, double elapsedMs);

        [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Store {Path} needs the full check at open (a copy, every document read back): {Reason}")]
        public static partial void FullCheck(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Closing the unreadable store {Path} failed")]
        public static partial void CloseFailed(ILogger logger, string path, Exception error);

        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Store {Path} migrated to format {Format}: {Description}")]
        public static partial void Migrated(ILogger logger, string path, int format, string description);
    }
}
