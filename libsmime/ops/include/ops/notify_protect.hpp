// Signs and/or encrypts one composed notification through the library's
// sign_message / encrypt_message, so the rules for signer keys and recipient
// certificates live in one place (sign/encrypt), not here.
#pragma once

#include <optional>
#include <string>

#include <smime/context.hpp>
#include <smime/encrypt.hpp>
#include <smime/keyring.hpp>
#include <smime/notify.hpp>

namespace smime::notify {

struct ProtectParams {
    std::string sender;
    std::string recipient;
    NotifyEncryption encryption = NotifyEncryption::none;
    std::optional<Cipher> cipher;
    bool sign = false;  // the sender has a certificate with a key
};

struct Protected {
    std::optional<std::string> message;  // nullopt: this recipient gets nothing
    bool is_signed = false;
    bool is_encrypted = false;
    std::string reason;  // why not sent; or, when sent unencrypted under if-possible, why
};

Protected protect(Context& ctx, Keyring& keyring, const std::string& plain, const ProtectParams& params);

// True when the keyring holds a certificate for the address, valid now, with
// a private key: then every notification is signed.
bool sender_can_sign(Context& ctx, Keyring& keyring, const std::string& sender);

}  // namespace smime::notify
