// The S/MIME classification and unwrapping path: whole messages through
// verify and decrypt (empty keyring), which must always give a result.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <smime/decrypt.hpp>
#include <smime/error.hpp>
#include <smime/verify.hpp>

#include "fuzz_context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 16) {
        return 0;
    }
    auto& fuzz = FuzzContext::get();
    std::string_view message(reinterpret_cast<const char*>(data), size);
    try {
        auto verified = smime::verify_message(fuzz.ctx, *fuzz.keyring, message, {});
        if (verified.status.status == smime::Status::ok) {
            std::abort();  // nothing can be validly signed without a trust anchor
        }
    } catch (const smime::Error&) {
    }
    try {
        auto decrypted = smime::decrypt_message(fuzz.ctx, *fuzz.keyring, message, {});
        if (decrypted.output.empty()) {
            std::abort();  // SPEC: decrypt always writes a whole message
        }
    } catch (const smime::Error&) {
    }
    return 0;
}
