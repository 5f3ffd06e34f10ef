// Emits an operation's status lines and tells people the reasons on stderr.
#pragma once

#include <vector>

#include <smime/context.hpp>
#include <smime/status.hpp>

namespace smime::cli {

void emit_with_reasons(Context& ctx, const std::vector<StatusLine>& lines);

}  // namespace smime::cli
