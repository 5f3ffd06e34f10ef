// How keyring commands show certificates to people (text or --json).
#pragma once

#include <string>
#include <vector>

#include <smime/cert_state.hpp>
#include <smime/context.hpp>
#include <smime/keyring.hpp>

namespace smime::cli {

// One block per certificate, blank line between (gpgsm --list-keys style).
std::string format_entry_text(const KeyringEntry& entry, CertState state);
// One JSON object per certificate.
std::string format_entry_json(const KeyringEntry& entry, CertState state);

// export/delete/trust: exactly one certificate or a refusal. Prints the
// candidates (full fingerprint then addresses) on stderr when ambiguous.
// Returns nullptr after reporting why there is not exactly one.
const KeyringEntry* exactly_one(const std::vector<KeyringEntry>& found, const std::string& query,
                                const Context& ctx);

}  // namespace smime::cli
