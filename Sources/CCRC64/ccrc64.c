// CRC-64/XZ folding with carry-less multiplication, after the method in Intel's
// "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ" (2009).
//
// In the reflected domain a 16-byte block loaded little-endian holds the polynomial's high
// 64 coefficients in its low quadword. Folding a block forward by N bits multiplies its
// low quadword by reflect64(x^(N+63) mod P) and its high quadword by
// reflect64(x^(N-1) mod P) (one less than the plain exponents, because a carry-less product
// of two reflected 64-bit values comes out shifted by one bit).

#include "ccrc64.h"

#if defined(__x86_64__)
#include <immintrin.h>

// reflect64(x^e mod P) for P = x^64 + 0x42F0E1EBA9EA3693.
#define K_191 0xe05dd497ca393ae4ULL  // folds by 128 bits: low quadword
#define K_127 0xdabe95afc7875f40ULL  // folds by 128 bits: high quadword
#define K_575 0x6ae3efbb9dd441f3ULL  // folds by 512 bits: low quadword
#define K_511 0x081f6054a7842df4ULL  // folds by 512 bits: high quadword

int ossd_crc64_fold_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

__attribute__((target("pclmul,sse4.1")))
static inline __m128i fold(__m128i x, __m128i k) {
    return _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11));
}

__attribute__((target("pclmul,sse4.1")))
size_t ossd_crc64_fold(uint64_t state, const uint8_t *data, size_t length, uint8_t out[16]) {
    const __m128i k128 = _mm_set_epi64x((long long)K_127, (long long)K_191);
    const __m128i k512 = _mm_set_epi64x((long long)K_511, (long long)K_575);
    __m128i x0 = _mm_xor_si128(_mm_loadu_si128((const __m128i *)data), _mm_cvtsi64_si128((long long)state));
    __m128i x1 = _mm_loadu_si128((const __m128i *)(data + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(data + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(data + 48));
    size_t pos = 64;
    while (length - pos >= 64) {
        const uint8_t *p = data + pos;
        x0 = _mm_xor_si128(fold(x0, k512), _mm_loadu_si128((const __m128i *)p));
        x1 = _mm_xor_si128(fold(x1, k512), _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = _mm_xor_si128(fold(x2, k512), _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = _mm_xor_si128(fold(x3, k512), _mm_loadu_si128((const __m128i *)(p + 48)));
        pos += 64;
    }
    __m128i x = _mm_xor_si128(fold(x0, k128), x1);
    x = _mm_xor_si128(fold(x, k128), x2);
    x = _mm_xor_si128(fold(x, k128), x3);
    while (length - pos >= 16) {
        x = _mm_xor_si128(fold(x, k128), _mm_loadu_si128((const __m128i *)(data + pos)));
        pos += 16;
    }
    _mm_storeu_si128((__m128i *)out, x);
    return pos;
}

#else

int ossd_crc64_fold_available(void) { return 0; }

size_t ossd_crc64_fold(uint64_t state, const uint8_t *data, size_t length, uint8_t out[16]) {
    (void)state; (void)data; (void)length; (void)out;
    return 0;
}

#endif
