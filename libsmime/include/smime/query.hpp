// Finding certificates by what a user types: list's search and the single
// certificate that export, delete and trust act on.
#pragma once

#include <string_view>
#include <vector>

#include <smime/keyring.hpp>

namespace smime {

// list QUERY: empty → everything; a whole address → the certificates of that
// address (index lookup, ASCII case-insensitive); otherwise a case-insensitive
// substring of an address or the common name, or a fingerprint prefix.
std::vector<KeyringEntry> search_certificates(Keyring& keyring, std::string_view query);

// export/delete/trust QUERY: a full fingerprint, a fingerprint prefix of at
// least 8 hex digits, or an address. Returns every match (the caller refuses
// anything but exactly one). A malformed QUERY throws Error{Errc::usage}.
std::vector<KeyringEntry> select_certificates(Keyring& keyring, std::string_view query);

}  // namespace smime
