// .eml files: <unique>-<recipient>.eml, written to a temporary file, synced
// and renamed into place, so a reader of the directory never sees half a
// message and two runs never overwrite each other.
#include <array>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>

#include <gnutls/crypto.h>

#include <smime/cert_info.hpp>
#include <smime/error.hpp>

#include "keyring/atomic_file.hpp"
#include "mime/line_ends.hpp"
#include "ops/notify_deliver.hpp"

namespace smime::notify {

namespace {

// Keeps the address readable in the name but never lets it make a path.
std::string file_safe(std::string_view address) {
    std::string out;
    for (unsigned char c : address) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' ||
                    c == '.' || c == '-' || c == '_' || c == '+';
        out += keep ? static_cast<char>(c) : '_';
    }
    if (out.empty() || out.front() == '.') {
        out.insert(out.begin(), '_');
    }
    return out.substr(0, 128);
}

std::string unique_prefix() {
    std::array<std::uint8_t, 8> random{};
    if (gnutls_rnd(GNUTLS_RND_NONCE, random.data(), random.size()) < 0) {
        throw Error(Errc::crypto, "gnutls_rnd failed");
    }
    return to_hex(random);
}

}  // namespace

std::vector<Delivered> deliver_dir(const std::string& dir, std::span<const Outgoing> messages) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        throw Error(Errc::io, dir + ": not a directory");
    }
    std::vector<Delivered> results;
    for (const auto& outgoing : messages) {
        std::string path = dir + "/" + unique_prefix() + "-" + file_safe(outgoing.recipient) + ".eml";
        try {
            keyring::write_file_atomic(path, mime::to_crlf(outgoing.message), 0600);
            results.push_back({true, {}, path});
        } catch (const Error& e) {
            results.push_back({false, e.what(), {}});
        }
    }
    return results;
}

}  // namespace smime::notify
