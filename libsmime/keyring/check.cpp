// smime check: everything that should hold for a keyring only the toolkit
// wrote. Each problem is one line naming the file and what is wrong.
#include <optional>
#include <set>
#include <sys/stat.h>

#include <boost/filesystem.hpp>

#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>

#include "keyring/atomic_file.hpp"
#include "keyring/index_file.hpp"
#include "keyring/layout.hpp"
#include "keyring/lock_file.hpp"
#include "keyring/transaction.hpp"
#include "x509/crl_parts.hpp"

namespace smime {

namespace {

namespace fs = boost::filesystem;
namespace layout = keyring::layout;

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> names;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        names.push_back(it->path().filename().string());
    }
    return names;
}

mode_t mode_of(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 ? st.st_mode : 0;
}

std::string octal(mode_t mode) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
    return buffer;
}

class Checker {
public:
    explicit Checker(std::string home) : m_home(std::move(home)) {}

    std::vector<std::string> run() {
        check_top_level();
        check_certs();
        check_indexes();
        check_keys();
        check_crls();
        check_named_after_certs(layout::k_trust, "");
        check_named_after_certs(layout::k_caps, "");
        check_ocsp_answers();
        return std::move(m_problems);
    }

private:
    void problem(const std::string& path, const std::string& what) { m_problems.push_back(path + ": " + what); }

    void check_top_level() {
        if ((mode_of(m_home) & 077) != 0) {
            problem(m_home, "mode " + octal(mode_of(m_home)) + ", other users can read or write the keyring (chmod 700 '" +
                                m_home + "')");
        }
        static const std::set<std::string> k_known = {layout::k_lock, layout::k_seq, "smime.conf", layout::k_certs,
                                                      layout::k_keys, layout::k_trust, layout::k_crls,
                                                      layout::k_caps, layout::k_ocsp, "index"};
        for (const auto& name : files_in(m_home)) {
            if (!k_known.contains(name)) {
                problem(m_home + "/" + name, "not part of the keyring (not written by smime)");
            }
        }
    }

    void check_certs() {
        std::string dir = m_home + "/" + layout::k_certs;
        for (const auto& name : files_in(dir)) {
            std::string path = dir + "/" + name;
            std::string fpr = name.size() > 4 ? name.substr(0, name.size() - 4) : "";
            if (!name.ends_with(".der") || !keyring::is_fingerprint(fpr)) {
                problem(path, "not part of the keyring (not written by smime)");
                continue;
            }
            auto der = keyring::read_file(path).value_or("");
            std::span<const std::uint8_t> bytes{reinterpret_cast<const std::uint8_t*>(der.data()), der.size()};
            if (sha256_hex(bytes) != fpr) {
                problem(path, "content does not match its fingerprint (damaged or replaced)");
                continue;
            }
            try {
                CertInfo cert = parse_cert_info(bytes);
                auto isn = keyring::read_file(m_home + "/" + layout::isn_index_path(cert.issuer_der, cert.serial));
                bool indexed = false;
                for (const auto& entry : keyring::parse_index(isn.value_or(""))) {
                    indexed = indexed || entry.fingerprint == fpr;
                }
                if (!indexed) {
                    problem(path, "not in the index (a file nobody imported)");
                }
                m_certs.insert(fpr);
            } catch (const Error& e) {
                problem(path, std::string("unreadable certificate: ") + e.what());
            }
        }
    }

    void check_indexes() {
        std::string root = m_home + "/index";
        for (const auto& kind : files_in(root)) {
            for (const auto& name : files_in(root + "/" + kind)) {
                std::string path = root + "/" + kind + "/" + name;
                std::size_t bad = 0;
                auto entries = keyring::parse_index(keyring::read_file(path).value_or(""), &bad);
                if (bad != 0) {
                    problem(path, std::to_string(bad) + " malformed index line(s)");
                }
                for (const auto& entry : entries) {
                    if (!m_certs.contains(entry.fingerprint)) {
                        problem(path, "index entry for " + entry.fingerprint + " without a certificate file");
                    }
                }
            }
        }
    }

    void check_keys() {
        std::string dir = m_home + "/" + layout::k_keys;
        for (const auto& name : files_in(dir)) {
            std::string path = dir + "/" + name;
            if (!name.ends_with(".pem") || name.size() != 68) {
                problem(path, "not part of the keyring (not written by smime)");
            } else if ((mode_of(path) & 077) != 0) {
                problem(path, "private key with mode " + octal(mode_of(path)) + " (chmod 600 '" + path + "')");
            }
        }
    }

    // crls/<sha256(issuer)>/<sha256(scope)>.der, or an older keyring's
    // crls/<sha256(issuer)>.der; each CRL must sit where its own issuer and
    // scope put it.
    void check_crls() {
        std::string dir = m_home + "/" + layout::k_crls;
        for (const auto& name : files_in(dir)) {
            std::string path = dir + "/" + name;
            if (auto hash = hash_der_name(name)) {
                check_crl(path, *hash, std::nullopt);
            } else if (keyring::is_fingerprint(name) && fs::is_directory(path)) {
                for (const auto& file : files_in(path)) {
                    if (auto scope = hash_der_name(file)) {
                        check_crl(path + "/" + file, name, scope);
                    } else {
                        problem(path + "/" + file, "not part of the keyring (not written by smime)");
                    }
                }
            } else {
                problem(path, "not part of the keyring (not written by smime)");
            }
        }
    }

    static std::optional<std::string> hash_der_name(const std::string& name) {
        std::string hash = name.size() > 4 ? name.substr(0, name.size() - 4) : "";
        if (!name.ends_with(".der") || !keyring::is_fingerprint(hash)) {
            return std::nullopt;
        }
        return hash;
    }

    void check_crl(const std::string& path, const std::string& issuer_hash, const std::optional<std::string>& scope_hash) {
        auto der = keyring::read_file(path).value_or("");
        try {
            auto parts = x509::parse_crl_parts({reinterpret_cast<const std::uint8_t*>(der.data()), der.size()});
            if (sha256_hex(parts.issuer_der) != issuer_hash ||
                (scope_hash && sha256_hex(x509::crl_scope(parts)) != *scope_hash)) {
                problem(path, "CRL filed under another issuer or scope (damaged or replaced)");
            }
        } catch (const Error& e) {
            problem(path, std::string("unreadable CRL: ") + e.what());
        }
    }

    void check_named_after_certs(const char* subdir, std::string_view suffix) {
        std::string dir = m_home + "/" + subdir;
        for (const auto& name : files_in(dir)) {
            std::string fpr = name.substr(0, name.size() - std::min(name.size(), suffix.size()));
            if (!m_certs.contains(fpr)) {
                problem(dir + "/" + name, "refers to no certificate in the keyring");
            }
        }
    }

    // Answers are kept for certificates outside the keyring too (a signer's
    // certificate usually comes with each message): only the names are checked.
    void check_ocsp_answers() {
        std::string dir = m_home + "/" + layout::k_ocsp;
        for (const auto& name : files_in(dir)) {
            if (!name.ends_with(".der") || !keyring::is_fingerprint(name.substr(0, name.size() - 4))) {
                problem(dir + "/" + name, "not part of the keyring (not written by smime)");
            }
        }
    }

    std::string m_home;
    std::set<std::string> m_certs;  // fingerprints of readable, indexed certificate files
    std::vector<std::string> m_problems;
};

}  // namespace

std::vector<std::string> check_dir_keyring(const std::string& home) {
    if (mode_of(home) == 0) {
        return {};  // no keyring yet: nothing can be wrong with it
    }
    keyring::LockFile lock(home + "/" + layout::k_lock);
    keyring::Transaction::recover(home);
    return Checker(home).run();
}

}  // namespace smime
