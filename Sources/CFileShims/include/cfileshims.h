#ifndef OSSD_CFILESHIMS_H
#define OSSD_CFILESHIMS_H

#include <stdint.h>

/// Asks the kernel to start writing back the dirty pages of `fd` in
/// [offset, offset + length) without waiting (Linux `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`). A hint only: returns 0, or -1 with errno where unsupported.
/// Durability still comes from fsync.
int ossd_start_writeback(int fd, int64_t offset, int64_t length);

#endif
