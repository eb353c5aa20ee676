// SHA-256 compression with the x86 SHA extensions (sha256rnds2, sha256msg1, sha256msg2), after the
// scheme of Gulley et al., "Intel SHA Extensions" (Intel, 2013). The functions that use the
// instructions carry a `target` attribute, so no compiler flags are needed; which path runs is
// decided at run time with CPUID.

#include "CSHA256.h"

/// K0...K63 of FIPS 180-4 section 4.2.2.
static const uint32_t roundConstants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const uint32_t *csha256_round_constants(void) { return roundConstants; }

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>

/// -1 until the first call of `csha256_available`, then its answer.
static _Atomic int detected = -1;

int csha256_available(void) {
    int answer = atomic_load_explicit(&detected, memory_order_relaxed);
    if (answer >= 0) return answer;
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    int ssse3AndSSE41 = 0, sha = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        ssse3AndSSE41 = (ecx & bit_SSSE3) && (ecx & bit_SSE4_1);
    }
    // Leaf 7, subleaf 0: EBX bit 29 is SHA. __get_cpuid_count checks the maximum leaf first.
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        sha = (ebx >> 29) & 1;
    }
    answer = ssse3AndSSE41 && sha;
    atomic_store_explicit(&detected, answer, memory_order_relaxed);
    return answer;
}

#define CSHA256_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/// Four rounds: adds K(4i...4i+3) to the schedule words in `words`, then two rounds with the low
/// pair and two with the high pair. `abef` and `cdgh` are the working variables packed as the
/// instruction wants them (A in the highest lane of `abef`, H in the lowest of `cdgh`).
static inline CSHA256_TARGET void fourRounds(__m128i *abef, __m128i *cdgh, __m128i words, int i) {
    __m128i wk = _mm_add_epi32(words, _mm_load_si128((const __m128i *)&roundConstants[4 * i]));
    // sha256rnds2 returns the new A,B,E,F; the old A,B,E,F become the new C,D,G,H.
    *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);
    wk = _mm_shuffle_epi32(wk, 0x0E); // the two upper words to the bottom
    *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, wk);
}

/// W(t)...W(t+3) from the four previous groups: `w16` = W(t-16...t-13), `w12` = W(t-12...),
/// `w8` = W(t-8...), `w4` = W(t-4...). sha256msg1 gives W(t-16) + σ0(W(t-15)) for each lane;
/// alignr supplies W(t-7...t-4); sha256msg2 adds σ1(W(t-2)), using the words it has just made for
/// the upper two lanes.
static inline CSHA256_TARGET __m128i nextWords(__m128i w16, __m128i w12, __m128i w8, __m128i w4) {
    __m128i partial = _mm_add_epi32(_mm_sha256msg1_epu32(w16, w12), _mm_alignr_epi8(w4, w8, 4));
    return _mm_sha256msg2_epu32(partial, w4);
}

static CSHA256_TARGET void compressWithSHAExtensions(uint32_t state[8], const void *blocks, size_t blockCount) {
    // Byte order within each 32-bit lane reversed: the message words are big-endian.
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // state = A B C D | E F G H (lane 0 first) into ABEF = (F, E, B, A) and CDGH = (H, G, D, C).
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i badc = _mm_shuffle_epi32(abcd, 0xB1); // (B, A, D, C)
    __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B); // (H, G, F, E)
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8); // (F, E, B, A)
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0); // (H, G, D, C)

    for (size_t block = 0; block < blockCount; block++) {
        const uint8_t *bytes = (const uint8_t *)blocks + 64 * block;
        const __m128i savedABEF = abef, savedCDGH = cdgh;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(bytes + 0)), byteSwap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(bytes + 16)), byteSwap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(bytes + 32)), byteSwap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(bytes + 48)), byteSwap);

        fourRounds(&abef, &cdgh, w0, 0);
        fourRounds(&abef, &cdgh, w1, 1);
        fourRounds(&abef, &cdgh, w2, 2);
        fourRounds(&abef, &cdgh, w3, 3);
        // Rounds 16...63: each group of four schedule words replaces the one sixteen words back.
        for (int i = 4; i < 16; i += 4) {
            w0 = nextWords(w0, w1, w2, w3);
            fourRounds(&abef, &cdgh, w0, i);
            w1 = nextWords(w1, w2, w3, w0);
            fourRounds(&abef, &cdgh, w1, i + 1);
            w2 = nextWords(w2, w3, w0, w1);
            fourRounds(&abef, &cdgh, w2, i + 2);
            w3 = nextWords(w3, w0, w1, w2);
            fourRounds(&abef, &cdgh, w3, i + 3);
        }

        abef = _mm_add_epi32(abef, savedABEF);
        cdgh = _mm_add_epi32(cdgh, savedCDGH);
    }

    // Back to A B C D | E F G H.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B); // (A, B, E, F)
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1); // (G, H, C, D)
    abcd = _mm_blend_epi16(feba, dchg, 0xF0); // (A, B, C, D)
    efgh = _mm_alignr_epi8(dchg, feba, 8); // (E, F, G, H)
    _mm_storeu_si128((__m128i *)&state[0], abcd);
    _mm_storeu_si128((__m128i *)&state[4], efgh);
}

void csha256_compress(uint32_t state[8], const void *blocks, size_t blockCount) {
    if (blockCount == 0) return;
    compressWithSHAExtensions(state, blocks, blockCount);
}

#else

int csha256_available(void) { return 0; }

void csha256_compress(uint32_t state[8], const void *blocks, size_t blockCount) {
    (void)state;
    (void)blocks;
    (void)blockCount;
    __builtin_trap(); // never called: csha256_available() is 0 here
}

#endif
