// The state column of `smime list`: is this certificate usable now, and why not.
#pragma once

#include <ctime>
#include <string_view>

#include <smime/keyring.hpp>

namespace smime {

enum class CertState { valid, expired, not_yet_valid, revoked, self_signed, untrusted };
std::string_view to_string(CertState state) noexcept;

// Judged at `now` against the keyring's trust anchors and CRLs; the chain is
// built from the keyring by issuer name.
CertState cert_state(Keyring& keyring, const KeyringEntry& entry, std::time_t now);

}  // namespace smime
