// Outcomes of operations (the CLI form of a mail client's icons) and the one
// writer of the machine-readable status stream (--status-fd).
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smime {

// error: the command could not do its job at all (configuration, keyring,
// passphrase, size, I/O); verify and decrypt still pass the message through.
enum class Status { ok, failed, none, partial, not_sent, error };

std::string_view to_string(Status status) noexcept;

// Fields of one status line, in output order. Fields are added, never renamed.
using Fields = std::vector<std::pair<std::string, std::string>>;

struct StatusLine {
    std::string op;
    Status status = Status::none;
    Fields fields;  // e.g. {"reason", "…"}, {"signer", "…"}
};

// SPEC "Status": 2 if any status is error; else 1 if any status is failed,
// partial or not-sent; else 3 if the command's own operation (the first
// line) is none; else 0.
int exit_code(std::span<const StatusLine> lines) noexcept;

// One JSON object per line to a file descriptor; does nothing when fd < 0.
class StatusSink {
public:
    explicit StatusSink(int fd = -1) : m_fd(fd) {}
    void emit(const StatusLine& line);
    const std::vector<StatusLine>& lines() const noexcept { return m_lines; }

private:
    int m_fd;
    std::vector<StatusLine> m_lines;  // everything emitted, for the exit code
};

// Renders a line as the JSON object written to --status-fd (no newline).
std::string to_json(const StatusLine& line);

}  // namespace smime
