#include "spool.hpp"

#include <cerrno>
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

}  // namespace

bool Spool::take_from(int fd, const std::string& name, unsigned long long limit) {
    while (size() <= limit) {
        ssize_t n = ::splice(fd, nullptr, this->fd(), nullptr, std::size_t{1} << 20, SPLICE_F_MOVE);
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
        add_to_size(static_cast<unsigned long long>(n));
    }
    return false;
}

bool Spool::read_from(int fd, const std::string& name, unsigned long long limit) {
    char buffer[1 << 16];
    while (size() <= limit) {
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
    if (fd() < 0) {
        write_all(out, memory(), name);
        return;
    }
    off_t offset = 0;
    while (static_cast<unsigned long long>(offset) < size()) {
        std::size_t left = static_cast<std::size_t>(size() - static_cast<unsigned long long>(offset));
        ssize_t n = ::sendfile(out, fd(), &offset, left);
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
    while (static_cast<unsigned long long>(offset) < size()) {
        ssize_t n = ::pread(fd(), buffer, sizeof buffer, offset);
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
    if (size() != bytes.size()) {
        return false;
    }
    if (fd() < 0) {
        return memory() == bytes;
    }
    return file_chunks(0, [&](std::string_view chunk, off_t offset) {
        return bytes.substr(static_cast<std::size_t>(offset), chunk.size()) == chunk;
    });
}

}  // namespace smime::cli
