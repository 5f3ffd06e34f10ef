// smime sign: wrap a whole MIME message in an S/MIME signature.
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string>
#include <string_view>

#include <smime/context.hpp>
#include <smime/digest.hpp>
#include <smime/keyring.hpp>
#include <smime/sink.hpp>
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
    StatusLine status;      // op "sign"
    std::string output;     // the message to write (not with a Sink); empty when nothing is to be written
    bool produced = false;  // a message was written (to output, or to the Sink)
};

SMIME_API SignResult sign_message(Context& ctx, Keyring& keyring, std::string_view message,
                        const SignParams& params);

// The same, the message written to out as it is made (bounded memory for
// any size when message is a file mapping named by ctx.input_mapping()).
// Nothing is written before the signature is made (or, with no key and no
// require, before the message is passed through unchanged): a failed status
// or an exception thrown by anything but out leaves out untouched, so out
// may be the final destination.
SMIME_API SignResult sign_message(Context& ctx, Keyring& keyring, std::string_view message,
                                  const SignParams& params, Sink& out);

}  // namespace smime
