// Which certificate an encryption goes to (SPEC encrypt: newest imported
// certificate for the address that is usable for encryption) and its RecipientId.
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include <smime/keyring.hpp>

#include "cms/recipient_info.hpp"
#include "gnutls/handle.hpp"

namespace smime::cms {

struct RecipientCert {
    KeyringEntry entry;
    gtls::Pubkey pubkey;
    bool is_ec = false;
};

// The newest usable certificate for address, or nullopt with why_not set.
std::optional<RecipientCert> choose_recipient_cert(Keyring& keyring, const std::string& address, std::time_t now,
                                                   bool require_trusted, std::string& why_not);

// Public key of a certificate for encryption; nullopt for key types we cannot encrypt to.
std::optional<RecipientCert> usable_for_encryption(Keyring& keyring, const KeyringEntry& entry, std::time_t now,
                                                   bool require_trusted, std::string& why_not);

RecipientId recipient_id(const CertInfo& cert);

}  // namespace smime::cms
