#include "io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

namespace smime::cli {

namespace {
std::string read_fd(int fd, const std::string& name, std::uint64_t limit = UINT64_MAX) {
    std::string data;
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw Error(Errc::io, name + ": " + std::strerror(errno));
        }
        if (n == 0) {
            return data;
        }
        data.append(buffer, static_cast<size_t>(n));
        if (data.size() > limit) {
            throw Error(Errc::io, name + ": the message is larger than max-message-size (" + std::to_string(limit) +
                                      " bytes)");
        }
    }
}
}  // namespace

std::string read_input(const std::string& path, std::uint64_t limit) {
    if (path.empty() || path == "-") {
        return read_fd(STDIN_FILENO, "standard input", limit);
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error(Errc::io, path + ": " + std::strerror(errno));
    }
    try {
        std::string data = read_fd(fd, path, limit);
        ::close(fd);
        return data;
    } catch (...) {
        ::close(fd);
        throw;
    }
}

void write_output(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(STDOUT_FILENO, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw Error(Errc::io, std::string("standard output: ") + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

InputMessage::InputMessage(const std::string& path, std::uint64_t limit, Reading reading) {
    if (!path.empty() && path != "-") {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw Error(Errc::io, path + ": " + std::strerror(errno));
        }
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
            // MAP_POPULATE: one batch of page-table work instead of a fault per page.
            int flags = reading == Reading::whole ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE;
            void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, flags, fd, 0);
            if (map != MAP_FAILED) {
                m_map = map;
                m_size = static_cast<size_t>(st.st_size);
            }
        }
        ::close(fd);  // the mapping keeps the file
        if (m_map != nullptr) {
            return;
        }
    }
    m_copy = read_input(path, limit);
}

InputMessage::~InputMessage() {
    if (m_map != nullptr) {
        ::munmap(m_map, m_size);
    }
}

std::string_view InputMessage::view() const noexcept {
    return m_map != nullptr ? std::string_view(static_cast<const char*>(m_map), m_size) : std::string_view(m_copy);
}

std::string_view InputMessage::mapping() const noexcept {
    return m_map != nullptr ? view() : std::string_view();
}

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace smime::cli
