// CMS EnvelopedData / AuthEnvelopedData decoding up to the recipient search.
#include <cstdint>
#include <vector>

#include <smime/error.hpp>

#include "ops/decrypt_envelope.hpp"
#include "fuzz_context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 16) {
        return 0;
    }
    auto& fuzz = FuzzContext::get();
    std::vector<std::uint8_t> der(data, data + size);  // decrypted in place
    try {
        (void)smime::cms::open_envelope(fuzz.ctx, *fuzz.keyring, der);
    } catch (const smime::Error&) {
    }
    return 0;
}
