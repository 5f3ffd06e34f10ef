// Finding certificates by what a user types: list's search, the single
// certificate that export, delete and trust act on, and a certificate that
// sign --from or encrypt --to names by fingerprint.
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <smime/keyring.hpp>

namespace smime {

// A fingerprint as people paste it: upper or lower case, digits separated
// by ':' or whitespace (gpgsm, openssl x509 -fingerprint, a mail). Returns
// the lowercase hex digits without separators, or nullopt when text is not
// only hex digits, ':' and whitespace (or has no digit at all). The one
// place fingerprint spellings are normalised.
SMIME_API std::optional<std::string> normalize_fingerprint(std::string_view text);

// list QUERY: empty → everything; a whole address → the certificates of that
// address (index lookup, ASCII case-insensitive); otherwise a case-insensitive
// substring of an address or the common name, a SHA-256 fingerprint prefix
// or a whole SHA-1 fingerprint, in any spelling normalize_fingerprint takes.
SMIME_API std::vector<KeyringEntry> search_certificates(Keyring& keyring, std::string_view query);

// export/delete/trust QUERY: an address, a whole SHA-256 fingerprint, a
// whole SHA-1 fingerprint (40 digits, also tried as a SHA-256 prefix), or a
// SHA-256 prefix of at least 8 hex digits, in any spelling
// normalize_fingerprint takes. Returns every match (the caller refuses
// anything but exactly one). A malformed QUERY throws Error{Errc::usage}.
SMIME_API std::vector<KeyringEntry> select_certificates(Keyring& keyring, std::string_view query);

// sign --from, encrypt --to: true when text names a certificate by
// fingerprint (select_certificates finds it) rather than an address.
SMIME_API bool names_fingerprint(std::string_view text);

// The certificates an --from or --to names: those of an address (newest
// first), or those a fingerprint matches (callers refuse more than one).
SMIME_API std::vector<KeyringEntry> named_certificates(Keyring& keyring, std::string_view address_or_fingerprint);

// The refusal when a fingerprint given to --from or --to matched several
// certificates ("fingerprint … is ambiguous (N certificates)"); nullopt for
// an address or a unique match. A fingerprint names one certificate, never
// a choice among several.
SMIME_API std::optional<std::string> fingerprint_ambiguity(std::string_view named, std::size_t matches);

}  // namespace smime
