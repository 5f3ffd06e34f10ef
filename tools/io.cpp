#include "io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

#include "spool.hpp"

namespace smime::cli {

namespace {
constexpr std::size_t k_chunk = 1 << 16;
// A message from a pipe stays in memory up to this size, and is spooled to
// an unnamed temporary file beyond it (then mapped like a named file).
constexpr std::size_t k_in_memory = std::size_t{1} << 20;

// One read(2), retried on EINTR; 0 at the end. Throws Error{Errc::io}.
std::size_t read_some(int fd, const std::string& name, char* buffer, std::size_t size) {
    for (;;) {
        ssize_t n = ::read(fd, buffer, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw Error(Errc::io, name + ": " + std::strerror(errno));
        }
        return static_cast<std::size_t>(n);
    }
}

// Appends fd to data until its end (true) or until data holds more than
// limit bytes (false: the rest is still unread).
bool read_upto(int fd, const std::string& name, std::uint64_t limit, ReadBuffer& data) {
    for (;;) {
        constexpr std::size_t k_read = std::size_t{1} << 20;
        std::size_t n = read_some(fd, name, data.reserve_tail(k_read), k_read);
        if (n == 0) {
            return true;
        }
        data.grew(n);
        if (data.size() > limit) {
            return false;
        }
    }
}

std::string too_large(const std::string& name, std::uint64_t limit) {
    return name + ": the message is larger than max-message-size (" + std::to_string(limit) + " bytes)";
}

std::string read_fd(int fd, const std::string& name, std::uint64_t limit = UINT64_MAX) {
    ReadBuffer data;
    if (!read_upto(fd, name, limit, data)) {
        throw Error(Errc::io, too_large(name, limit));
    }
    return std::string(data.view());
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

void write_output(std::string_view bytes) { write_all(STDOUT_FILENO, bytes, "standard output"); }

void write_all(int fd, std::string_view bytes, const std::string& name) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw Error(Errc::io, name + ": " + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

namespace {
// A read-only mapping of the regular file open on fd, or nullptr (empty,
// a FIFO, or the mapping failed).
void* map_regular_file(int fd, InputMessage::Reading reading, std::size_t& size) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        return nullptr;
    }
    // MAP_POPULATE: one batch of page-table work instead of a fault per page.
    int flags = reading == InputMessage::Reading::whole ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE;
    void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, flags, fd, 0);
    if (map == MAP_FAILED) {
        return nullptr;
    }
    size = static_cast<size_t>(st.st_size);
    return map;
}
}  // namespace

InputMessage::InputMessage(const std::string& path, std::uint64_t limit, Reading reading, Oversize oversize) {
    bool from_stdin = path.empty() || path == "-";
    if (!from_stdin) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw Error(Errc::io, path + ": " + std::strerror(errno));
        }
        m_map = map_regular_file(fd, reading, m_size);
        if (m_map != nullptr) {
            ::close(fd);  // the mapping keeps the file
            return;
        }
        m_rest_fd = fd;  // not mappable (empty, a FIFO, ...): read it like a stream
    } else {
        // Standard input redirected from a file (smime sign < msg) is mapped
        // like a named file, from where its offset stands.
        off_t offset = ::lseek(STDIN_FILENO, 0, SEEK_CUR);
        if (offset >= 0) {
            m_map = map_regular_file(STDIN_FILENO, reading, m_size);
        }
        // (Beyond limit it is read as a stream, as a pipe would be: the
        // filters pass an oversized message on as it streams.)
        if (m_map != nullptr && static_cast<std::uint64_t>(offset) < m_size &&
            m_size - static_cast<std::uint64_t>(offset) <= limit) {
            m_offset = static_cast<std::size_t>(offset);
            return;
        }
        if (m_map != nullptr) {
            ::munmap(m_map, m_size);
            m_map = nullptr;
            m_size = 0;
        }
        m_rest_fd = STDIN_FILENO;
        // A pipe of 1 MiB instead of 64 KiB: the writer (procmail, cat) and
        // smime take turns 16 times less often. Advice only: it may refuse.
        ::fcntl(STDIN_FILENO, F_SETPIPE_SZ, 1 << 20);
    }
    std::string name = from_stdin ? "standard input" : path;
    try {
        bool complete = read_upto(m_rest_fd, name, std::min<std::uint64_t>(limit, k_in_memory), m_copy);
        if (!complete && limit > k_in_memory) {
            complete = spill_to_file(name, limit);
        }
        if (!complete && oversize == Oversize::refuse) {
            throw Error(Errc::io, too_large(name, limit));
        }
        if (complete) {
            release_rest();
        }
    } catch (...) {
        release_rest();
        throw;
    }
}

bool InputMessage::spill_to_file(const std::string& name, std::uint64_t limit) {
    Spool spill;
    if (!spill.use_file()) {  // no temporary file to be had: all of it in memory, as it was
        return read_upto(m_rest_fd, name, limit, m_copy);
    }
    spill.write(m_copy.view());
    m_copy.reset();
    bool complete = spill.take_from(m_rest_fd, name, limit);
    void* map = ::mmap(nullptr, spill.size(), PROT_READ, MAP_PRIVATE, spill.fd(), 0);
    if (map == MAP_FAILED) {
        throw Error(Errc::io, name + ": cannot map the temporary file: " + std::strerror(errno));
    }
    m_map = map;  // the mapping keeps the unnamed file once spill closes it
    m_size = static_cast<std::size_t>(spill.size());
    return complete;
}

void InputMessage::release_rest() noexcept {
    if (m_rest_fd >= 0 && m_rest_fd != STDIN_FILENO) {
        ::close(m_rest_fd);  // a file we opened; standard input is not ours
    }
    m_rest_fd = -1;
}

void InputMessage::copy_rest_to_stdout() {
    if (m_rest_fd < 0) {
        return;
    }
    char buffer[k_chunk];
    while (std::size_t n = read_some(m_rest_fd, "the rest of the message", buffer, sizeof buffer)) {
        write_output(std::string_view(buffer, n));
    }
    release_rest();
}

InputMessage::~InputMessage() {
    if (m_map != nullptr) {
        ::munmap(m_map, m_size);
    }
    release_rest();
}

std::string_view InputMessage::view() const noexcept {
    if (m_map == nullptr) {
        return m_copy.view();
    }
    return std::string_view(static_cast<const char*>(m_map), m_size).substr(m_offset);
}

std::string_view InputMessage::mapping() const noexcept {
    return m_map != nullptr ? std::string_view(static_cast<const char*>(m_map), m_size) : std::string_view();
}

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace smime::cli
