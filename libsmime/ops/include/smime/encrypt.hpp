// smime encrypt: CMS EnvelopedData / AuthEnvelopedData for one recipient.
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <smime/cipher.hpp>
#include <smime/context.hpp>
#include <smime/keyring.hpp>
#include <smime/sign.hpp>
#include <smime/sink.hpp>
#include <smime/status.hpp>

namespace smime {

enum class EncryptPolicy { required, if_possible };

struct SMIME_API EncryptParams {
    std::vector<std::string> to;          // --to; empty: To, Cc and Bcc of the message
    std::optional<Cipher> cipher;
    EncryptPolicy policy = EncryptPolicy::required;
    bool oaep = false;
    bool sign = false;
    bool require_sign = false;
    SignParams sign_params;
    bool require_trusted = false;
    bool protect_headers = false;
};

struct SMIME_API EncryptResult {
    std::vector<StatusLine> status;  // "encrypt", preceded by "sign" when signing was asked
    std::string output;              // (not with a Sink) empty when nothing is to be written
    bool produced = false;           // a message was written (to output, or to the Sink)
};

SMIME_API EncryptResult encrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const EncryptParams& params);

// The same, the message written to out as it is made (bounded memory when
// message is the file mapping ctx.input_mapping() names and --sign is not
// asked). out holds a whole message only when produced is true.
SMIME_API EncryptResult encrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                                        const EncryptParams& params, Sink& out);

}  // namespace smime
