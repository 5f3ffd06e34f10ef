#include "status_output.hpp"

namespace smime::cli {

void emit_with_reasons(Context& ctx, const std::vector<StatusLine>& lines) {
    for (const auto& line : lines) {
        ctx.status().emit(line);
        for (const auto& [name, value] : line.fields) {
            if (name == "reason") {
                ctx.report().error(line.op + ": " + std::string(to_string(line.status)) + ": " + value);
            }
        }
    }
}

std::string summary(const StatusLine& line) {
    std::string text = line.op + ": " + std::string(to_string(line.status));
    for (const auto& [key, value] : line.fields) {
        text += "; " + key + "=" + value;
    }
    return text;
}

}  // namespace smime::cli
