#include <smime/secret.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

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

std::optional<Secret> context_passphrase(const Context& ctx) {
    if (ctx.passphrase_file().empty()) {
        return std::nullopt;
    }
    return read_passphrase_file(ctx.passphrase_file());
}

}  // namespace smime
