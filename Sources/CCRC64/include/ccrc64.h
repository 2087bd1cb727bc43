#ifndef OSSD_CCRC64_H
#define OSSD_CCRC64_H

#include <stddef.h>
#include <stdint.h>

/// Non-zero when this CPU has carry-less multiplication (x86-64 PCLMULQDQ), so that
/// ossd_crc64_fold may be called.
int ossd_crc64_fold_available(void);

/// Folds the leading whole 16-byte blocks of `data` for CRC-64/XZ (reflected polynomial
/// 0xC96C5795D7870F42) with carry-less multiplication.
///
/// `state` is the running CRC register (not inverted) before `data`; `length` must be at
/// least 64. Writes to `out` 16 bytes whose CRC register, computed from a zero register,
/// equals the register after the consumed bytes; returns the number of bytes consumed
/// (`length` rounded down to a multiple of 16). The caller finishes with its table-driven
/// update over `out` and the remaining bytes.
size_t ossd_crc64_fold(uint64_t state, const uint8_t *data, size_t length, uint8_t out[16]);

#endif
