// smime decrypt: open EnvelopedData / AuthEnvelopedData with a keyring key.
#pragma once

#include <smime/export.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <smime/context.hpp>
#include <smime/keyring.hpp>
#include <smime/sink.hpp>
#include <smime/status.hpp>
#include <smime/verify.hpp>

namespace smime {

struct SMIME_API DecryptResult {
    std::vector<StatusLine> status;  // "decrypt", then "verify" when the content is signed
    std::string output;              // always a whole message (SPEC: nothing is lost); not with a Sink
};

SMIME_API DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const VerifyParams& verify_params);

// The same, the message written to out (output stays empty). The encrypted
// DER and the plaintext pass through unnamed temporary files, so memory
// stays bounded at any size when message is the file mapping
// ctx.input_mapping() names; nothing is written before the plaintext was
// found whole and authentic. On an exception out holds no whole message:
// a filter keeps out to itself until the call returns (smime spools it).
SMIME_API DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                                        const VerifyParams& verify_params, Sink& out);

}  // namespace smime
