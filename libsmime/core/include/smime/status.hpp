// Outcomes of operations (the CLI form of a mail client's icons) and the one
// writer of the machine-readable status stream (--status-fd).
#pragma once

#include <smime/export.hpp>

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

SMIME_API std::string_view to_string(Status status) noexcept;

// Fields of one status line, in output order. Fields are added, never renamed.
using Fields = std::vector<std::pair<std::string, std::string>>;
// Fields whose value is a list (JSON arrays), written after Fields.
using ListFields = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct SMIME_API StatusLine {
    std::string op;
    Status status = Status::none;
    Fields fields;  // e.g. {"reason", "…"}, {"signer", "…"}
    ListFields lists = {};  // e.g. {"emails", {…}}
};

// SPEC "Status": 2 if any status is error; else 1 if any status is failed,
// partial or not-sent; else 3 if the command's own operation (the first
// line) is none; else 0.
SMIME_API int exit_code(std::span<const StatusLine> lines) noexcept;

// One JSON object per line to a file descriptor (--status-fd), and with
// --json the same lines as the command's report on report_fd (stdout, or
// stderr when stdout carries a message); a descriptor < 0 is not written.
class SMIME_API StatusSink {
public:
    explicit StatusSink(int fd = -1, int report_fd = -1) : m_fd(fd), m_report_fd(report_fd) {}
    void emit(const StatusLine& line);
    const std::vector<StatusLine>& lines() const noexcept { return m_lines; }
    // The --json report goes somewhere: human text need not repeat it.
    bool reports_json() const noexcept { return m_report_fd >= 0; }

private:
    int m_fd;
    int m_report_fd;
    std::vector<StatusLine> m_lines;  // everything emitted, for the exit code
};

// Renders a line as the JSON object written to --status-fd (no newline).
SMIME_API std::string to_json(const StatusLine& line);

}  // namespace smime
