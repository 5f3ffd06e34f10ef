// smime verify: check the outermost S/MIME signature of a message.
#pragma once

#include <smime/export.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <smime/context.hpp>
#include <smime/keyring.hpp>
#include <smime/status.hpp>

namespace smime {

struct SMIME_API VerifyParams {
    bool learn = false;                  // store signer cert, chain and capabilities on ok
    std::optional<bool> system_trust;    // else config, else false
    bool sender_check = true;            // --no-sender-check turns it off
    std::optional<bool> require_crl;     // else config, else false
    std::optional<std::time_t> at;       // --at: judge validity as of this time
};

struct SMIME_API VerifyResult {
    StatusLine status;   // op "verify"
    std::string output;  // SPEC: unwrapped message on ok, original plus header otherwise
};

SMIME_API VerifyResult verify_message(Context& ctx, Keyring& keyring, std::string_view message,
                            const VerifyParams& params);

}  // namespace smime
