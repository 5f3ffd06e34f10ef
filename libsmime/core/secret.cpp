#include <smime/secret.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unistd.h>

#include <gnutls/gnutls.h>

#include <smime/context.hpp>
#include <smime/error.hpp>

namespace smime {

void Secret::wipe() noexcept {
    if (!m_value.empty()) {
        gnutls_memset(m_value.data(), 0, m_value.size());
        m_value.clear();
    }
}

Secret read_passphrase_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Errc::io, path + ": cannot read passphrase file: " + std::strerror(errno));
    }
    std::string line;
    std::getline(in, line);  // the first line; its LF is not part of it
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return Secret(std::move(line));
}

Secret read_passphrase_fd(int fd) {
    std::string line;
    line.reserve(1024);  // no reallocation (and unwiped copy) for any sane passphrase
    for (;;) {
        char c = 0;
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int error = errno;
            Secret partial(std::move(line));  // wiped on the way out
            throw Error(Errc::io, "--passphrase-fd " + std::to_string(fd) + ": " + std::strerror(error));
        }
        if (n == 0 || c == '\n') {
            break;
        }
        line.push_back(c);
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return Secret(std::move(line));
}

std::optional<Secret> context_passphrase(const Context& ctx) {
    if (ctx.passphrase()) {
        return Secret(ctx.passphrase()->value());
    }
    if (ctx.passphrase_file().empty()) {
        return std::nullopt;
    }
    return read_passphrase_file(ctx.passphrase_file());
}

}  // namespace smime
