#ifndef CSCAN_H
#define CSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes to `positions` the offset of every byte in `bytes[0..<count]` that is `delimiter`, `"`,
/// LF or CR, in ascending order, and returns how many it wrote. `positions` must hold `count`
/// entries (every byte may be one of them). Uses AVX2 when the CPU has it, else SSE2 on x86-64, else
/// one byte at a time; all give the same result.
size_t cscan_special_positions(const uint8_t *bytes, size_t count, uint8_t delimiter, uint32_t *positions);

/// Hands the memory malloc holds free (what the reader's chunk buffers left behind) back to the
/// system: glibc's `malloc_trim(0)`; does nothing with another C library.
void cscan_return_free_memory(void);

#ifdef __cplusplus
}
#endif

#endif
