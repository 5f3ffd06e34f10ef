#include <smime/status.hpp>

#include <cerrno>
#include <unistd.h>

#include "util/json.hpp"

namespace smime {

std::string_view to_string(Status status) noexcept {
    switch (status) {
    case Status::ok: return "ok";
    case Status::failed: return "failed";
    case Status::none: return "none";
    case Status::partial: return "partial";
    case Status::not_sent: return "not-sent";
    case Status::error: return "error";
    }
    return "failed";
}

int exit_code(std::span<const StatusLine> lines) noexcept {
    for (const auto& line : lines) {
        if (line.status == Status::error) {
            return 2;
        }
    }
    for (const auto& line : lines) {
        if (line.status == Status::failed || line.status == Status::partial || line.status == Status::not_sent) {
            return 1;
        }
    }
    if (!lines.empty() && lines.front().status == Status::none) {
        return 3;
    }
    return 0;
}

std::string to_json(const StatusLine& line) {
    util::JsonObject object;
    object.add("op", line.op);
    object.add("status", to_string(line.status));
    for (const auto& [key, value] : line.fields) {
        object.add(key, value);
    }
    for (const auto& [key, values] : line.lists) {
        object.add(key, values);
    }
    return object.str();
}

namespace {
// The whole line or as much as the reader takes; a reader that went away
// is not an error here (the exit code still tells).
void write_line(int fd, std::string_view rest) {
    while (!rest.empty()) {
        ssize_t n = ::write(fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        rest.remove_prefix(static_cast<size_t>(n));
    }
}
}  // namespace

void StatusSink::emit(const StatusLine& line) {
    m_lines.push_back(line);
    if (m_fd < 0 && m_report_fd < 0) {
        return;
    }
    std::string text = to_json(line) + "\n";
    if (m_fd >= 0) {
        write_line(m_fd, text);
    }
    if (m_report_fd >= 0) {
        write_line(m_report_fd, text);
    }
}

}  // namespace smime
