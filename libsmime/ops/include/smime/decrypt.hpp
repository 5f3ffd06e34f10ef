// smime decrypt: open EnvelopedData / AuthEnvelopedData with a keyring key.
#pragma once

#include <smime/export.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <smime/context.hpp>
#include <smime/keyring.hpp>
#include <smime/status.hpp>
#include <smime/verify.hpp>

namespace smime {

struct SMIME_API DecryptResult {
    std::vector<StatusLine> status;  // "decrypt", then "verify" when the content is signed
    std::string output;              // always a whole message (SPEC: nothing is lost)
};

SMIME_API DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const VerifyParams& verify_params);

}  // namespace smime
