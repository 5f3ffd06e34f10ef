#include "io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <smime/error.hpp>

namespace smime::cli {

namespace {
std::string read_fd(int fd, const std::string& name) {
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
    }
}
}  // namespace

std::string read_input(const std::string& path) {
    if (path.empty() || path == "-") {
        return read_fd(STDIN_FILENO, "standard input");
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error(Errc::io, path + ": " + std::strerror(errno));
    }
    try {
        std::string data = read_fd(fd, path);
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

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace smime::cli
