// A message of a Maildir rewritten by --batch, by the Maildir rules
// (cr.yp.to/proto/maildir.html): the new message is written into tmp/
// under a new unique name, fsync'd, linked into the subdirectory the old
// one is in (new/ stays new/, cur/ keeps its ":2,FLAGS"), and only then is
// the old name unlinked. A crash in between leaves the message twice,
// never not at all; a reader never sees half of it.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

#include "outcome.hpp"

namespace smime::cli {

// time.M<usec>P<pid>Q<seq>.<host>, host with "/" and ":" written as \057
// and \072 (they cannot stand in a Maildir name).
std::string maildir_unique_name(std::time_t seconds, long usec, long pid, unsigned long seq, std::string_view host);

// The name of the rewritten message: unique, then ",S=<size>" when the old
// name carried a size (Dovecot reads it instead of stat'ing the file),
// then the old name's info (":2,FLAGS"). Dovecot's other fields (",W="
// the size with CRLF line ends, ...) are dropped: they describe the old
// bytes, and Dovecot works them out when they are missing.
std::string maildir_renamed(std::string_view old_name, std::string_view unique, std::uint64_t size);

// Writes product as the new form of the Maildir message at path (in the
// Maildir's new/ or cur/), with the old file's permission bits and
// modification time (Dovecot's received date), and unlinks path. Returns
// the new path. Throws Error{Errc::io}: path is then untouched and
// nothing is left in tmp/.
std::string maildir_write_back(const std::string& path, const Product& product);

}  // namespace smime::cli
