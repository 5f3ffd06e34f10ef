// Emits an operation's status lines and tells people the reasons on stderr.
#pragma once

#include <string>
#include <vector>

#include <smime/context.hpp>
#include <smime/status.hpp>

namespace smime::cli {

void emit_with_reasons(Context& ctx, const std::vector<StatusLine>& lines);

// A status line for people: "verify: ok; signer=alice@example.org; ...".
std::string summary(const StatusLine& line);

}  // namespace smime::cli
