// What the three import commands share: going through every file even when
// one of them cannot be read or parsed.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <smime/context.hpp>

namespace smime::cli {

// Calls import(file, bytes) for each file. A file that cannot be read or
// parsed (smime::Error) is reported on stderr and as an `error` status line
// of op, and skipped, so the others are still imported; the exit code is
// that of the status lines (2 after such a file).
int import_each(const std::string& op, const std::vector<std::string>& files, Context& ctx,
                const std::function<void(const std::string& file, std::span<const std::uint8_t> data)>& import);

}  // namespace smime::cli
