#ifndef OSSD_CSQLITETUNING_H
#define OSSD_CSQLITETUNING_H

/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`), which otherwise take
/// one process-wide mutex around every allocation and free SQLite makes: connections on
/// different threads then queue on it at every statement. Effective only before SQLite
/// initialises (before the first connection opens); later it is a no-op. Returns SQLite's
/// result code (`SQLITE_OK`, or `SQLITE_MISUSE` when too late).
///
/// A C function because `sqlite3_config` is variadic, which Swift cannot call.
int ossd_sqlite_disable_memstatus(void);

#endif
