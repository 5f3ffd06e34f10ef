// smime sign: wrap a whole MIME message in an S/MIME signature.
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string>
#include <string_view>

#include <smime/context.hpp>
#include <smime/digest.hpp>
#include <smime/keyring.hpp>
#include <smime/status.hpp>

namespace smime {

struct SMIME_API SignParams {
    std::optional<std::string> from;  // signer address; else the message's From:
    bool opaque = false;              // application/pkcs7-mime signed-data
    bool require = false;             // no key: failed instead of none
    std::optional<Digest> digest;     // else config "digest", else sha256
    bool pss = false;                 // RSA-PSS for RSA keys
};

struct SMIME_API SignResult {
    StatusLine status;   // op "sign"
    std::string output;  // the message to write; empty when nothing is to be written
};

SMIME_API SignResult sign_message(Context& ctx, Keyring& keyring, std::string_view message,
                        const SignParams& params);

}  // namespace smime
