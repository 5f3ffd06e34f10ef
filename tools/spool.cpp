#include "spool.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/sendfile.h>
#include <unistd.h>

#include <smime/error.hpp>

#include "io.hpp"

namespace smime::cli {

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw Error(Errc::io, what + ": " + std::strerror(errno));
}

int open_unnamed(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != ENOENT)) {
        return fd;
    }
    std::string path = dir + "/smime-spool-XXXXXX";  // no O_TMPFILE here: unlinked at once
    fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd >= 0) {
        ::unlink(path.c_str());
    }
    return fd;
}

}  // namespace

namespace {
// Products up to this size stay in memory: most mail, spared the making of
// a file (about 2 ms on ext4, as much as the rest of a 1 KiB sign).
constexpr std::size_t k_in_memory = std::size_t{1} << 20;
}  // namespace

Spool::~Spool() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

bool Spool::use_file() {
    if (m_fd >= 0 || m_no_file) {
        return m_fd >= 0;
    }
    const char* tmpdir = std::getenv("TMPDIR");
    std::string dir = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
    m_fd = open_unnamed(dir);
    if (m_fd < 0) {
        m_no_file = true;  // kept in memory, as a small product is
        return false;
    }
    std::string pending = std::move(m_memory);
    m_memory = std::string();
    m_size = 0;
    write_file(pending);
    return true;
}

void Spool::write(std::string_view bytes) {
    if (m_fd < 0 && (m_memory.size() + bytes.size() <= k_in_memory || !use_file())) {
        m_memory.append(bytes);
        m_size += bytes.size();
        return;
    }
    write_file(bytes);
}

void Spool::write_file(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail("writing the temporary file");
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        m_size += static_cast<unsigned long long>(n);
    }
}

bool Spool::take_from(int fd, const std::string& name, unsigned long long limit) {
    while (m_size <= limit) {
        ssize_t n = ::splice(fd, nullptr, m_fd, nullptr, std::size_t{1} << 20, SPLICE_F_MOVE);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EINVAL || errno == ENOSYS)) {
            return read_from(fd, name, limit);  // not a pipe, or a file system without splice
        }
        if (n < 0) {
            fail(name);
        }
        if (n == 0) {
            return true;
        }
        m_size += static_cast<unsigned long long>(n);
    }
    return false;
}

bool Spool::read_from(int fd, const std::string& name, unsigned long long limit) {
    char buffer[1 << 16];
    while (m_size <= limit) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail(name);
        }
        if (n == 0) {
            return true;
        }
        write_file(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
    return false;
}

void Spool::copy_to(int out, const std::string& name) {
    if (m_fd < 0) {
        write_all(out, m_memory, name);
        return;
    }
    off_t offset = 0;
    while (static_cast<unsigned long long>(offset) < m_size) {
        std::size_t left = static_cast<std::size_t>(m_size - static_cast<unsigned long long>(offset));
        ssize_t n = ::sendfile(out, m_fd, &offset, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EINVAL || errno == ENOSYS)) {
            break;  // the descriptor takes no sendfile (e.g. opened with O_APPEND): read and write
        }
        if (n <= 0) {
            fail(name);
        }
    }
    file_chunks(offset, [&](std::string_view chunk, off_t) {
        write_all(out, chunk, name);
        return true;
    });
}

bool Spool::file_chunks(off_t offset, const std::function<bool(std::string_view, off_t)>& each) const {
    char buffer[1 << 16];
    while (static_cast<unsigned long long>(offset) < m_size) {
        ssize_t n = ::pread(m_fd, buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail("reading the temporary file");
        }
        if (!each(std::string_view(buffer, static_cast<std::size_t>(n)), offset)) {
            return false;
        }
        offset += n;
    }
    return true;
}

bool Spool::same_as(std::string_view bytes) const {
    if (m_size != bytes.size()) {
        return false;
    }
    if (m_fd < 0) {
        return m_memory == bytes;
    }
    return file_chunks(0, [&](std::string_view chunk, off_t offset) {
        return bytes.substr(static_cast<std::size_t>(offset), chunk.size()) == chunk;
    });
}

}  // namespace smime::cli
