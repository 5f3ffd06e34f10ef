// What verify and decrypt write when they cannot do their job at all (a
// broken configuration, a missing keyring, no or a wrong passphrase, a
// message too large to hold, an I/O error): they are mail filters, and a
// filter must never lose the mail. The output is the original message with
// forged X-SMIME-* fields removed and one status field in front:
//
//     X-SMIME-Signature: error; reason="…"      (verify)
//     X-SMIME-Encryption: error; reason="…"     (decrypt)
#pragma once

#include <smime/export.hpp>

#include <string>
#include <string_view>

#include <smime/status.hpp>

namespace smime {

// The status line of such an outcome: op "verify" or "decrypt", status
// error, the reason as its one field.
SMIME_API StatusLine error_status(std::string_view op, std::string reason);

// The whole message passed through: an mbox envelope line stays first,
// then the status field, then the message with every X-SMIME-* field
// removed at any depth (as verify writes a failed message).
SMIME_API std::string passed_through(std::string_view message, const StatusLine& line);

// The first bytes of a message too large to hold, rewritten the same way;
// the caller writes the rest of the message unchanged after them. Only the
// top-level header section can be cleaned here (the part a filter's rules
// match), and only the fields that start within head.
SMIME_API std::string passed_through_head(std::string_view head, const StatusLine& line);

}  // namespace smime
