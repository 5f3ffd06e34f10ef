// How keyring commands show certificates to people (text or --json).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <smime/cert_state.hpp>
#include <smime/context.hpp>
#include <smime/keyring.hpp>

namespace smime::cli {

// One block per certificate, blank line between (gpgsm --list-keys style);
// the state line lists every word, comma-separated ("state: expired, untrusted").
std::string format_entry_text(const KeyringEntry& entry, const std::vector<CertState>& states);
// One JSON object per certificate: "state" is the first word (what it was
// before a certificate could have several), "states" all of them.
std::string format_entry_json(const KeyringEntry& entry, const std::vector<CertState>& states);

// The QUERY argument of export, delete and trust.
void add_query_argument(CLI::App& sub, std::string& query);

// export/delete/trust: the one certificate QUERY names, or a refusal. Prints
// the candidates (full fingerprint then addresses) on stderr when ambiguous.
// Returns nullopt after saying why there is not exactly one: on stderr, and
// in a `failed` status line for op with the reason and a `candidates` list.
std::optional<KeyringEntry> exactly_one(Keyring& keyring, const std::string& query, std::string_view op, Context& ctx);

// sign --from, encrypt --to/--from: the library refuses a fingerprint prefix
// that matches several certificates; this names them on stderr as
// exactly_one does. Nothing for an address or a unique fingerprint.
void list_fingerprint_candidates(Keyring& keyring, const std::string& address_or_fingerprint);

}  // namespace smime::cli
