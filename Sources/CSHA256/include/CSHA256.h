#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The round constants K0...K63 (FIPS 180-4 section 4.2.2): the first 32 bits of the fractional
/// parts of the cube roots of the first 64 primes. 64 words, 16-byte aligned; shared with the Swift
/// rounds so that the table is written once.
const uint32_t *csha256_round_constants(void);

/// 1 if this CPU has the x86 SHA extensions (and SSSE3 and SSE4.1) and `csha256_compress` may be
/// called; 0 otherwise, always 0 on other architectures. Detected with CPUID on the first call.
int csha256_available(void);

/// Applies the SHA-256 compression function (FIPS 180-4 section 6.2.2) to `blockCount` consecutive
/// 64-byte blocks at `blocks` (message words big-endian, any alignment), updating `state`
/// (H0...H7, host order). Only call it when `csha256_available()` returned 1.
void csha256_compress(uint32_t state[8], const void *blocks, size_t blockCount);

#ifdef __cplusplus
}
#endif

#endif
