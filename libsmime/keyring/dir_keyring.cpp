// The on-disk keyring (layout.hpp says where things are). Reads take no
// lock: every file is replaced by rename, so a reader sees the old or the
// new file, and index files are renamed after the files they name.
#include <algorithm>
#include <map>
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
#include "mime/address.hpp"
#include "x509/crl_parts.hpp"
#include "x509/load.hpp"

namespace smime::keyring {

namespace layout {
std::string email_index_path(std::string_view address) {
    std::string folded = util::fold_address(address);
    return std::string(k_index_email) + "/" +
           sha256_hex({reinterpret_cast<const std::uint8_t*>(folded.data()), folded.size()});
}
std::string subject_index_path(std::span<const std::uint8_t> subject_der) {
    return std::string(k_index_subject) + "/" + sha256_hex(subject_der);
}
std::string isn_index_path(std::span<const std::uint8_t> issuer_der, std::span<const std::uint8_t> serial) {
    Bytes joined(issuer_der.begin(), issuer_der.end());
    joined.insert(joined.end(), serial.begin(), serial.end());
    return std::string(k_index_isn) + "/" + sha256_hex(joined);
}
std::string ski_index_path(std::span<const std::uint8_t> ski) {
    return std::string(k_index_ski) + "/" + sha256_hex(ski);
}
std::string crl_dir(std::span<const std::uint8_t> issuer_der) {
    return std::string(k_crls) + "/" + sha256_hex(issuer_der);
}
std::string crl_path(std::span<const std::uint8_t> issuer_der, std::span<const std::uint8_t> scope) {
    return crl_dir(issuer_der) + "/" + sha256_hex(scope) + ".der";
}
std::string legacy_crl_path(std::span<const std::uint8_t> issuer_der) { return crl_dir(issuer_der) + ".der"; }
}  // namespace layout

namespace {

std::string_view as_text(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::span<const std::uint8_t> as_bytes(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::time_t this_update_of(const std::string& crl_der) {
    return gnutls_x509_crl_get_this_update(x509::load_crl(as_bytes(crl_der)).get());
}

Bytes scope_of(std::span<const std::uint8_t> crl_der) { return x509::crl_scope(x509::parse_crl_parts(crl_der)); }

// As ssh does: a keyring or key file that another user could replace is
// not trusted. A missing path is fine (created 0700/0600 on first write).
void refuse_if_writable_by_others(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw Error(Errc::keyring, path + " has mode " + mode + " and other users can write it; fix with: chmod " +
                                       (S_ISDIR(st.st_mode) ? "700" : "600") + " '" + path + "'");
    }
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

// Every index file a certificate is filed under, with the value written there.
std::vector<std::pair<std::string, std::string>> index_keys(const CertInfo& cert) {
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& email : cert.emails) {
        keys.emplace_back(layout::email_index_path(email), email);
    }
    keys.emplace_back(layout::subject_index_path(cert.subject_der), "-");
    keys.emplace_back(layout::isn_index_path(cert.issuer_der, cert.serial), "-");
    if (!cert.subject_key_id.empty()) {
        keys.emplace_back(layout::ski_index_path(cert.subject_key_id), "-");
    }
    keys.emplace_back(layout::key_index_path(cert.key_id), "-");
    return keys;
}

class DirKeyring final : public Keyring {
public:
    explicit DirKeyring(std::string home) : m_home(std::move(home)) { refuse_if_writable_by_others(m_home); }

    std::vector<KeyringEntry> find_by_email(std::string_view address) override {
        auto entries = lookup(layout::email_index_path(address));
        std::string folded = util::fold_address(address);
        std::vector<std::pair<bool, KeyringEntry>> found;  // exact spelling?
        for (auto& [index_entry, entry] : entries) {
            if (util::fold_address(index_entry.value) == folded) {  // not a hash collision
                found.emplace_back(index_entry.value == address, std::move(entry));
            }
        }
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
            if (a.first != b.first) {
                return a.first;
            }
            return a.second.imported > b.second.imported;
        });
        std::vector<KeyringEntry> out;
        for (auto& [exact, entry] : found) {
            out.push_back(std::move(entry));
        }
        return out;
    }

    std::optional<KeyringEntry> find_by_fingerprint(std::string_view fingerprint) override {
        if (!is_fingerprint(fingerprint)) {
            return std::nullopt;
        }
        return load(std::string(fingerprint), 0);
    }

    std::vector<KeyringEntry> find_by_fingerprint_prefix(std::string_view prefix) override {
        std::vector<KeyringEntry> out;
        for (const auto& fpr : stored_fingerprints()) {
            if (fpr.compare(0, prefix.size(), prefix) == 0) {
                if (auto entry = load(fpr, 0)) {
                    out.push_back(std::move(*entry));
                }
            }
        }
        return out;
    }

    std::vector<KeyringEntry> find_by_subject(std::span<const std::uint8_t> subject_der) override {
        return entries_of(lookup(layout::subject_index_path(subject_der)), [&](const CertInfo& c) {
            return c.subject_der.size() == subject_der.size() &&
                   std::equal(c.subject_der.begin(), c.subject_der.end(), subject_der.begin());
        });
    }

    std::vector<KeyringEntry> find_by_issuer_serial(std::span<const std::uint8_t> issuer_der,
                                                    std::span<const std::uint8_t> serial) override {
        return entries_of(lookup(layout::isn_index_path(issuer_der, serial)), [&](const CertInfo& c) {
            return std::ranges::equal(c.issuer_der, issuer_der) && std::ranges::equal(c.serial, serial);
        });
    }

    std::vector<KeyringEntry> find_by_ski(std::span<const std::uint8_t> ski) override {
        return entries_of(lookup(layout::ski_index_path(ski)),
                          [&](const CertInfo& c) { return std::ranges::equal(c.subject_key_id, ski); });
    }

    std::vector<KeyringEntry> find_by_key_id(std::string_view key_id) override {
        return entries_of(lookup(layout::key_index_path(key_id)),
                          [&](const CertInfo& c) { return c.key_id == key_id; });
    }

    std::vector<KeyringEntry> all() override {
        std::vector<KeyringEntry> out;
        for (const auto& fpr : stored_fingerprints()) {
            if (auto entry = load(fpr, 0)) {
                out.push_back(std::move(*entry));
            }
        }
        return out;
    }

    std::vector<KeyringEntry> trust_anchors() override {
        std::vector<KeyringEntry> out;
        for (const auto& fpr : names_in(layout::k_trust, "")) {
            if (auto entry = load(fpr, 0)) {
                out.push_back(std::move(*entry));
            }
        }
        return out;
    }

    std::optional<std::string> private_key(const CertInfo& cert) override {
        std::string path = m_home + "/" + layout::key_path(cert.key_id);
        refuse_if_writable_by_others(path);
        return read_file(path);
    }

    // One directory read: crls/<issuer>/ (plus the file of an older keyring).
    std::vector<Bytes> crls_for_issuer(std::span<const std::uint8_t> issuer_der) override {
        std::vector<std::string> paths{layout::legacy_crl_path(issuer_der)};
        std::string dir = layout::crl_dir(issuer_der);
        for (const auto& name : names_in(dir.c_str(), ".der")) {
            paths.push_back(dir + "/" + name + ".der");
        }
        std::vector<Bytes> out;
        for (const auto& path : paths) {
            if (auto der = read_file(m_home + "/" + path)) {
                out.emplace_back(der->begin(), der->end());
            }
        }
        return out;
    }

    std::optional<Capabilities> capabilities(std::string_view fingerprint) override {
        auto text = read_file(m_home + "/" + layout::caps_path(fingerprint));
        if (!text) {
            return std::nullopt;
        }
        auto newline = text->find('\n');
        if (newline == std::string::npos) {
            return std::nullopt;
        }
        Capabilities caps;
        try {
            caps.signing_time = static_cast<std::time_t>(std::stoll(text->substr(0, newline)));
        } catch (const std::exception&) {
            return std::nullopt;
        }
        std::string hex = text->substr(newline + 1);
        while (!hex.empty() && hex.back() == '\n') {
            hex.pop_back();
        }
        for (size_t i = 0; i + 1 < hex.size(); i += 2) {
            caps.der.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
        }
        return caps;
    }

    std::vector<StoreOutcome> store_certs(const std::vector<CertInfo>& certs) override {
        Writer writer(m_home);
        std::uint64_t seq = next_seq(writer.txn);
        std::vector<StoreOutcome> outcomes;
        // Index files touched by this batch, parsed once and written once.
        std::map<std::string, std::vector<IndexEntry>> indexes;
        for (const auto& cert : certs) {
            std::string path = layout::cert_path(cert.fingerprint);
            if (writer.txn.read(path)) {
                outcomes.push_back(StoreOutcome::unchanged);
                continue;
            }
            writer.txn.write(path, std::string(as_text(cert.der)), 0644);
            ++seq;
            for (const auto& [index_path, value] : index_keys(cert)) {
                auto [it, fresh] = indexes.try_emplace(index_path);
                if (fresh) {
                    it->second = parse_index(writer.txn.read(index_path).value_or(""));
                }
                it->second.push_back({seq, cert.fingerprint, value});
            }
            outcomes.push_back(StoreOutcome::imported);
        }
        for (const auto& [index_path, entries] : indexes) {
            writer.txn.write(index_path, format_index(entries));
        }
        writer.txn.write(layout::k_seq, std::to_string(seq) + "\n", 0600);
        writer.txn.commit();
        return outcomes;
    }

    StoreOutcome store_key(const std::string& key_id, const std::string& key_pem) override {
        Writer writer(m_home);
        std::string path = layout::key_path(key_id);
        if (writer.txn.read(path) == key_pem) {
            return StoreOutcome::unchanged;
        }
        writer.txn.write(path, key_pem, 0600);
        writer.txn.commit();
        return StoreOutcome::imported;
    }

    StoreOutcome store_crl(std::span<const std::uint8_t> issuer_der, const Bytes& crl_der,
                           std::time_t this_update) override {
        std::string path = layout::crl_path(issuer_der, scope_of(crl_der));
        Writer writer(m_home);
        move_legacy_crl(writer.txn, issuer_der);
        if (auto existing = writer.txn.read(path); existing && this_update_of(*existing) >= this_update) {
            return StoreOutcome::unchanged;  // newest per issuer and scope is kept
        }
        writer.txn.write(path, std::string(as_text(crl_der)), 0644);
        writer.txn.commit();
        return StoreOutcome::imported;
    }

    StoreOutcome set_trusted(std::string_view fingerprint, bool trusted) override {
        Writer writer(m_home);
        std::string path = layout::trust_path(fingerprint);
        if (writer.txn.read(path).has_value() == trusted) {
            return StoreOutcome::unchanged;
        }
        if (trusted) {
            writer.txn.write(path, "", 0644);
        } else {
            writer.txn.remove(path);
        }
        writer.txn.commit();
        return StoreOutcome::imported;
    }

    std::optional<Bytes> ocsp_answer(std::string_view fingerprint) override {
        if (!is_fingerprint(fingerprint)) {
            return std::nullopt;
        }
        auto der = read_file(m_home + "/" + layout::ocsp_path(fingerprint));
        if (!der) {
            return std::nullopt;
        }
        return Bytes(der->begin(), der->end());
    }

    void store_ocsp_answer(std::string_view fingerprint, const Bytes& answer_der) override {
        Writer writer(m_home);
        writer.txn.write(layout::ocsp_path(fingerprint), std::string(as_text(answer_der)), 0644);
        writer.txn.commit();
    }

    void store_capabilities(std::string_view fingerprint, const Capabilities& caps) override {
        Writer writer(m_home);
        writer.txn.write(layout::caps_path(fingerprint),
                         std::to_string(static_cast<long long>(caps.signing_time)) + "\n" + to_hex(caps.der) + "\n");
        writer.txn.commit();
    }

    void remove(std::string_view fingerprint, bool key_only) override {
        Writer writer(m_home);
        auto entry = load(std::string(fingerprint), 0);
        if (!entry) {
            return;
        }
        const CertInfo& cert = entry->cert;
        if (!key_only) {
            for (const auto& [index_path, value] : index_keys(cert)) {
                auto entries = parse_index(writer.txn.read(index_path).value_or(""));
                std::erase_if(entries, [&](const IndexEntry& e) { return e.fingerprint == cert.fingerprint; });
                if (entries.empty()) {
                    writer.txn.remove(index_path);
                } else {
                    writer.txn.write(index_path, format_index(entries));
                }
            }
            writer.txn.remove(layout::cert_path(cert.fingerprint));
            writer.txn.remove(layout::trust_path(cert.fingerprint));
            writer.txn.remove(layout::caps_path(cert.fingerprint));
            writer.txn.remove(layout::ocsp_path(cert.fingerprint));
        }
        // The key goes unless another certificate still uses it (a renewal).
        bool shared = false;
        if (!key_only) {
            for (const auto& other : find_by_key_id(cert.key_id)) {
                shared = shared || other.cert.fingerprint != cert.fingerprint;
            }
        }
        if (!shared) {
            writer.txn.remove(layout::key_path(cert.key_id));
        }
        writer.txn.commit();
    }

private:
    // Holds the lock for one write and finishes any transaction a crash left.
    struct Writer {
        explicit Writer(const std::string& home)
            : lock((make_dir(home, 0700), home + "/" + layout::k_lock)), txn(home) {
            Transaction::recover(home);
        }
        LockFile lock;
        Transaction txn;
    };

    // An older keyring's one CRL per issuer moves to its scope's file, so
    // that the CRL being stored is compared with it when the scopes agree.
    void move_legacy_crl(Transaction& txn, std::span<const std::uint8_t> issuer_der) {
        std::string legacy = layout::legacy_crl_path(issuer_der);
        auto der = txn.read(legacy);
        if (!der) {
            return;
        }
        try {
            txn.write(layout::crl_path(issuer_der, scope_of(as_bytes(*der))), *der, 0644);
            txn.remove(legacy);
        } catch (const Error&) {
            // unreadable: left where it is (crls_for_issuer still returns it)
        }
    }

    std::uint64_t next_seq(const Transaction& txn) {
        auto text = txn.read(layout::k_seq);
        if (!text) {
            return 0;
        }
        try {
            return std::stoull(*text);
        } catch (const std::exception&) {
            throw Error(Errc::keyring, m_home + "/seq: unreadable import counter");
        }
    }

    std::vector<std::pair<IndexEntry, KeyringEntry>> lookup(const std::string& index_path) {
        std::vector<std::pair<IndexEntry, KeyringEntry>> out;
        auto text = read_file(m_home + "/" + index_path);
        if (!text) {
            return out;
        }
        for (auto& index_entry : parse_index(*text)) {
            if (auto entry = load(index_entry.fingerprint, index_entry.imported)) {
                out.emplace_back(std::move(index_entry), std::move(*entry));
            }
        }
        return out;
    }

    template <typename Match>
    std::vector<KeyringEntry> entries_of(std::vector<std::pair<IndexEntry, KeyringEntry>> found, Match match) {
        std::vector<KeyringEntry> out;
        for (auto& [index_entry, entry] : found) {
            if (match(entry.cert)) {
                out.push_back(std::move(entry));
            }
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const KeyringEntry& a, const KeyringEntry& b) { return a.imported > b.imported; });
        return out;
    }

    // A stored certificate with its key and trust flags; nullopt when absent.
    std::optional<KeyringEntry> load(const std::string& fpr, std::uint64_t imported) {
        auto der = read_file(m_home + "/" + layout::cert_path(fpr));
        if (!der) {
            return std::nullopt;
        }
        KeyringEntry entry;
        entry.cert = parse_cert_info({reinterpret_cast<const std::uint8_t*>(der->data()), der->size()});
        entry.has_key = exists(m_home + "/" + layout::key_path(entry.cert.key_id));
        entry.trusted = exists(m_home + "/" + layout::trust_path(fpr));
        entry.imported = imported != 0 ? imported : imported_seq(entry.cert);
        return entry;
    }

    // The import number of a certificate, from its issuer+serial index file.
    std::uint64_t imported_seq(const CertInfo& cert) {
        auto text = read_file(m_home + "/" + layout::isn_index_path(cert.issuer_der, cert.serial));
        for (const auto& e : parse_index(text.value_or(""))) {
            if (e.fingerprint == cert.fingerprint) {
                return e.imported;
            }
        }
        return 0;
    }

    std::vector<std::string> names_in(const char* dir, std::string_view suffix) {
        std::vector<std::string> names;
        boost::system::error_code ec;
        boost::filesystem::directory_iterator it(m_home + "/" + dir, ec);
        for (; !ec && it != boost::filesystem::directory_iterator(); it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (name.size() > suffix.size() && name.ends_with(suffix)) {
                name.resize(name.size() - suffix.size());
                if (is_fingerprint(name)) {
                    names.push_back(name);
                }
            }
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    std::vector<std::string> stored_fingerprints() { return names_in(layout::k_certs, ".der"); }

    std::string m_home;
};

}  // namespace

}  // namespace smime::keyring

namespace smime {
std::unique_ptr<Keyring> open_dir_keyring(const std::string& home) {
    return std::make_unique<keyring::DirKeyring>(home);
}
}  // namespace smime
