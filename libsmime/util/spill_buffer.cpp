#include <smime/spill_buffer.hpp>

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

#include <smime/error.hpp>
#include <smime/unnamed_file.hpp>

namespace smime {

namespace {
// Up to this size the bytes stay in memory: most mail, spared the making of
// a file (about 2 ms on ext4, as much as the rest of a 1 KiB sign).
constexpr std::size_t k_in_memory = std::size_t{1} << 20;

[[noreturn]] void fail(const char* what) { throw Error(Errc::io, std::string(what) + ": " + std::strerror(errno)); }
}  // namespace

SpillBuffer::~SpillBuffer() {
    if (m_map != nullptr) {
        ::munmap(m_map, static_cast<std::size_t>(m_size));
    }
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

bool SpillBuffer::use_file() {
    if (m_fd >= 0 || m_no_file) {
        return m_fd >= 0;
    }
    m_fd = open_unnamed_file();
    if (m_fd < 0) {
        m_no_file = true;  // kept in memory, as a small product is
        return false;
    }
    std::string pending = std::move(m_memory);
    m_memory = std::string();
    m_size = 0;  // counted again as it goes to the file
    write_file(pending);
    return true;
}

void SpillBuffer::write(std::string_view bytes) {
    if (m_fd < 0 && (m_memory.size() + bytes.size() <= k_in_memory || !use_file())) {
        m_memory.append(bytes);
        m_size += bytes.size();
        return;
    }
    write_file(bytes);
}

void SpillBuffer::write_file(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail("writing a temporary file");
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        m_size += static_cast<unsigned long long>(n);
    }
}

std::string_view SpillBuffer::view() {
    if (m_fd < 0 || m_size == 0) {
        return m_memory;
    }
    if (m_map == nullptr) {
        m_map = ::mmap(nullptr, static_cast<std::size_t>(m_size), PROT_READ, MAP_SHARED, m_fd, 0);
        if (m_map == MAP_FAILED) {
            m_map = nullptr;
            fail("mapping a temporary file");
        }
    }
    return {static_cast<const char*>(m_map), static_cast<std::size_t>(m_size)};
}

}  // namespace smime
