// What one message came to, whichever way it was given (a FILE, standard
// input, or one of a --batch): the status lines, the exit code a run on it
// alone returns, and the product that run writes on standard output. The
// single-message commands and batch_run share it, so both write the same.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <smime/status.hpp>

#include "spool.hpp"

namespace smime::cli {

// A whole message, from an operation that returns a string (verify,
// decrypt) or one spooled as it was made (sign, encrypt); or nothing.
class Product {
public:
    Product() = default;  // nothing to write
    explicit Product(std::string text) : m_text(std::move(text)), m_present(true) {}
    explicit Product(std::unique_ptr<Spool> spool) : m_spool(std::move(spool)), m_present(true) {}

    bool present() const noexcept { return m_present; }
    unsigned long long size() const noexcept { return m_spool ? m_spool->size() : m_text.size(); }
    // The whole of it to fd (name: what an error calls it). Throws Error{Errc::io}.
    void write_to(int fd, const std::string& name) const;
    // Byte for byte the input: writing it back would change nothing.
    bool same_as(std::string_view message) const;

private:
    std::string m_text;
    std::unique_ptr<Spool> m_spool;
    bool m_present = false;
};

struct Outcome {
    std::vector<StatusLine> lines;  // in the order they are emitted
    int exit_code = 3;
    Product product;

    // The operation could not run (a status error line).
    bool error() const noexcept;
};

}  // namespace smime::cli
