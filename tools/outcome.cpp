#include "outcome.hpp"

#include "io.hpp"

namespace smime::cli {

void Product::write_to(int fd, const std::string& name) const {
    if (m_spool) {
        m_spool->copy_to(fd, name);
    } else {
        write_all(fd, m_text, name);
    }
}

bool Product::same_as(std::string_view message) const {
    return m_spool ? m_spool->same_as(message) : m_text == message;
}

bool Outcome::error() const noexcept {
    for (const auto& line : lines) {
        if (line.status == Status::error) {
            return true;
        }
    }
    return false;
}

}  // namespace smime::cli
