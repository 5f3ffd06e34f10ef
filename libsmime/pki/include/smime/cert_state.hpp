// The state column of `smime list`: is this certificate usable now, and why not.
#pragma once

#include <smime/export.hpp>

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <smime/keyring.hpp>

namespace smime {

// In SPEC order, which is also the order cert_states returns them in.
enum class CertState { valid, expired, not_yet_valid, revoked, self_signed, untrusted };
SMIME_API std::string_view to_string(CertState state) noexcept;

// Every word that applies, judged at `now` from the keyring's own
// certificates, CRLs and trust anchors, in SPEC order; `valid` only alone:
//   expired, not-yet-valid  the certificate's own dates against now;
//   revoked                 a keyring CRL from its issuer lists it (whatever its dates);
//   self-signed             self-signed and not itself a trust anchor;
//   untrusted               no path (keyring CAs, by issuer name) reaches a trust anchor.
// The path is judged at now clamped into the certificate's own validity, so an
// expired certificate still tells whether it chains. A path that reaches an
// anchor but fails because a CA on it had expired by then adds `expired`
// instead of `untrusted`.
SMIME_API std::vector<CertState> cert_states(Keyring& keyring, const KeyringEntry& entry, std::time_t now);

// The words of cert_states, e.g. {"expired", "untrusted"}.
SMIME_API std::vector<std::string> state_words(const std::vector<CertState>& states);

// Revoked by a CRL of the keyring from any certificate that could have issued
// it (import-crl verified the CRL's signature); `at` only picks which CRLs are
// current, an old CRL still revokes.
SMIME_API bool revoked_by_keyring(Keyring& keyring, const CertInfo& cert, std::time_t at);

}  // namespace smime
