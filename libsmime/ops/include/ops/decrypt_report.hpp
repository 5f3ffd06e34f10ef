// The messages decrypt writes (SPEC decrypt, Status): the X-SMIME-Encryption
// header, a message passed through with it, and the failure message that
// carries the original as message/rfc822.
#pragma once

#include <string>
#include <string_view>

#include <smime/sink.hpp>
#include <smime/status.hpp>

#include "mime/entity.hpp"

namespace smime::cms {

// "ok; recipient=\"…\"; cipher=\"…\"" from a status line's fields (reason quoted too).
std::string encryption_header_value(const StatusLine& line);

// The header fields of msg that stay on the outside: all but Content-*,
// MIME-Version and X-SMIME-* (forged ones are dropped), as written.
std::string outer_headers(const mime::Entity& msg);

// message to out with one field added at the end of its top-level header;
// removed first: every X-SMIME-* field at any depth (strip_all) or only
// top-level fields of that name. The body is written a few MiB at a time.
void write_with_header(Sink& out, std::string_view message, std::string_view name, std::string_view value,
                       bool strip_all = true);

// SPEC: original headers, text "Could not decrypt message" plus the reason,
// the original attached unchanged as message/rfc822.
void write_failure_message(Sink& out, std::string_view original, const StatusLine& line);

}  // namespace smime::cms
