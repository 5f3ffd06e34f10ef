// CMS EnvelopedData / AuthEnvelopedData decoding up to the recipient search.
#include <cstdint>

#include <smime/error.hpp>

#include "ops/decrypt_envelope.hpp"
#include "fuzz_context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 16) {
        return 0;
    }
    auto& fuzz = FuzzContext::get();
    smime::SpillBuffer plaintext;
    try {
        (void)smime::cms::open_envelope(fuzz.ctx, *fuzz.keyring, {data, size}, plaintext);
    } catch (const smime::Error&) {
    }
    return 0;
}
