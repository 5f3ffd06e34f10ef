// smime verify: check the outermost S/MIME signature of a message.
#pragma once

#include <smime/export.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <smime/context.hpp>
#include <smime/keyring.hpp>
#include <smime/sink.hpp>
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
    std::string output;  // SPEC: unwrapped message on ok, original plus header otherwise (not with a Sink)
};

SMIME_API VerifyResult verify_message(Context& ctx, Keyring& keyring, std::string_view message,
                            const VerifyParams& params);

// The same, the message written to out as it is made: a detached signature's
// content is hashed and written a few MiB at a time (bounded memory at any
// size when message is the file mapping ctx.input_mapping() names). The
// verdict is reached before the first byte is written; on an exception out
// holds no whole message, so a filter that must never pass on half a message
// keeps out to itself until the call returns (smime spools it).
SMIME_API VerifyResult verify_message(Context& ctx, Keyring& keyring, std::string_view message,
                                      const VerifyParams& params, Sink& out);

}  // namespace smime
