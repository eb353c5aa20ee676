// The structural scan of a CSV buffer: where the delimiters, quotes and line breaks are. The reader
// (Sources/CaseSampling/Input/RecordScanner+Fast.swift) walks these positions to split quote-free
// records into fields; Swift has no portable way to turn a vector comparison into a bit mask, which
// this scan is made of (the scalar loop at the end is the reference: every path gives its result).
#include "CScan.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

static int cscan_has_avx2(void) {
    static int known = -1;
    if (known >= 0) return known;
    unsigned int eax, ebx, ecx, edx;
    int osxsave = 0, avx = 0, avx2 = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        osxsave = (ecx >> 27) & 1;
        avx = (ecx >> 28) & 1;
    }
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) avx2 = (ebx >> 5) & 1;
    int usable = 0;
    if (osxsave && avx && avx2) {
        unsigned int lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        usable = (lo & 0x6) == 0x6;  // the OS saves XMM and YMM state
    }
    known = usable;
    return known;
}

__attribute__((target("avx2,bmi")))
static size_t cscan_positions_avx2(const uint8_t *bytes, size_t count, uint8_t delimiter, uint32_t *positions, size_t *done) {
    const __m256i d = _mm256_set1_epi8((char)delimiter), q = _mm256_set1_epi8('"');
    const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    size_t written = 0, i = 0;
    for (; i + 64 <= count; i += 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(bytes + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(bytes + i + 32));
        __m256i ma = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(a, d), _mm256_cmpeq_epi8(a, q)),
                                     _mm256_or_si256(_mm256_cmpeq_epi8(a, lf), _mm256_cmpeq_epi8(a, cr)));
        __m256i mb = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(b, d), _mm256_cmpeq_epi8(b, q)),
                                     _mm256_or_si256(_mm256_cmpeq_epi8(b, lf), _mm256_cmpeq_epi8(b, cr)));
        uint64_t mask = (uint64_t)(uint32_t)_mm256_movemask_epi8(ma) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(mb) << 32);
        while (mask) {
            positions[written++] = (uint32_t)(i + (size_t)__builtin_ctzll(mask));
            mask &= mask - 1;
        }
    }
    *done = i;
    return written;
}

static size_t cscan_positions_sse2(const uint8_t *bytes, size_t count, uint8_t delimiter, uint32_t *positions, size_t *done) {
    const __m128i d = _mm_set1_epi8((char)delimiter), q = _mm_set1_epi8('"');
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    size_t written = 0, i = 0;
    for (; i + 16 <= count; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(bytes + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, d), _mm_cmpeq_epi8(a, q)),
                                 _mm_or_si128(_mm_cmpeq_epi8(a, lf), _mm_cmpeq_epi8(a, cr)));
        unsigned int mask = (unsigned int)_mm_movemask_epi8(m);
        while (mask) {
            positions[written++] = (uint32_t)(i + (size_t)__builtin_ctz(mask));
            mask &= mask - 1;
        }
    }
    *done = i;
    return written;
}
#endif

size_t cscan_special_positions(const uint8_t *bytes, size_t count, uint8_t delimiter, uint32_t *positions) {
    size_t written = 0, i = 0;
#if defined(__x86_64__)
    written = cscan_has_avx2() ? cscan_positions_avx2(bytes, count, delimiter, positions, &i)
                               : cscan_positions_sse2(bytes, count, delimiter, positions, &i);
#endif
    for (; i < count; i++) {
        uint8_t c = bytes[i];
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') positions[written++] = (uint32_t)i;
    }
    return written;
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cscan_return_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
