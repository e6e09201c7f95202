// SHA-256 from OpenSSL's libcrypto (already loaded: libzip links it). The one-shot digest
// calls of OpenSSL 3 fetch their algorithm from a provider first, which costs more than
// hashing a template's parts; the low-level calls, deprecated but kept, do not.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <stddef.h>
#include <openssl/sha.h>

/// The SHA-256 of `first` followed by `second`.
static inline void tender_sha256(const void *first, size_t firstCount, const void *second, size_t secondCount,
                                 unsigned char digest[32]) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, first, firstCount);
    SHA256_Update(&context, second, secondCount);
    SHA256_Final(digest, &context);
}
