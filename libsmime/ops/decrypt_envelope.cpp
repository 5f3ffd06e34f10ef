#include "ops/decrypt_envelope.hpp"

#include <algorithm>
#include <memory>

#include <nettle/memops.h>

#include <smime/error.hpp>
#include <smime/limits.hpp>
#include <smime/secret.hpp>

#include "cms/content_cipher.hpp"
#include "cms/ecdh_kari.hpp"
#include "cms/envelope.hpp"
#include "cms/recipient_info.hpp"
#include "cms/rsa_ktri.hpp"
#include "util/read_ahead.hpp"
#include "x509/load.hpp"

namespace smime::cms {

namespace {
struct Candidate {
    const ParsedRecipient* recipient;
    KeyringEntry entry;
};

std::vector<Candidate> candidates(Keyring& keyring, const std::vector<ParsedRecipient>& recipients) {
    std::vector<Candidate> out;
    for (const auto& r : recipients) {
        auto entries = r.rid.issuer_der.empty() ? keyring.find_by_ski(r.rid.ski)
                                                : keyring.find_by_issuer_serial(r.rid.issuer_der, r.rid.serial);
        for (auto& e : entries) {
            if (e.has_key) {
                out.push_back({&r, std::move(e)});
            }
        }
    }
    return out;
}

UnwrappedKey unwrap(Context& ctx, Keyring& keyring, const Candidate& c, std::size_t key_size) {
    auto pem = keyring.private_key(c.entry.cert);
    if (!pem) {
        return {};
    }
    auto passphrase = context_passphrase(ctx);
    std::optional<std::string> pass;
    if (passphrase) {
        pass = passphrase->value();
    }
    auto key = x509::open_private_key(*pem, pass);
    int algo = gnutls_privkey_get_pk_algorithm(key.get(), nullptr);
    if (c.recipient->kind == ParsedRecipient::Kind::ktri && algo == GNUTLS_PK_RSA) {
        return rsa_unwrap_key(key.get(), c.recipient->key_algorithm, c.recipient->encrypted_key, key_size);
    }
    if (c.recipient->kind == ParsedRecipient::Kind::kari && algo == GNUTLS_PK_ECDSA) {
        return ecdh_unwrap_key(key.get(), *c.recipient, key_size);
    }
    return {};
}
}  // namespace

OpenResult open_envelope(Context& ctx, Keyring& keyring, ByteView der, SpillBuffer& plaintext) {
    ParsedEnvelope env = parse_envelope(der);
    ContentAlgorithm alg = parse_content_algorithm(env.content_algorithm);
    if (is_aead(alg.cipher) != env.authenticated) {
        throw Error(Errc::parse, "malformed CMS: content cipher does not fit the envelope type");
    }
    std::vector<ParsedRecipient> recipients = parse_recipient_infos(env.recipient_infos);
    OpenResult result;
    result.cipher = alg.cipher;
    result.aead = env.authenticated;
    if (recipients.size() > limits::k_max_recipient_infos) {  // bounded keyring lookups
        result.reason = "the message has more than " + std::to_string(limits::k_max_recipient_infos) + " recipients";
        return result;
    }
    auto found = candidates(keyring, recipients);
    if (found.empty()) {
        result.reason = k_no_key;
        return result;
    }
    // Every key of every matching certificate is tried (key rotation); the
    // first whose unwrapping checks out decrypts the content.
    std::size_t size = key_size(alg);
    UnwrappedKey key;
    const Candidate* used = nullptr;
    for (const auto& c : found) {
        key = unwrap(ctx, keyring, c, size);
        if (key.ok) {
            used = &c;
            break;
        }
    }
    if (key.key.size() != size) {  // no key of a usable type: decrypt with noise, fail the same way
        key.key.assign(size, 0);
        gnutls_rnd(GNUTLS_RND_RANDOM, key.key.data(), size);
    }

    ContentCipher cipher(alg, key.key, ContentCipher::Direction::decrypt);
    gnutls_memset(key.key.data(), 0, key.key.size());
    if (!env.auth_attrs.empty()) {
        Bytes aad(env.auth_attrs.begin(), env.auth_attrs.end());
        aad[0] = 0x31;  // MAC'd as the DER SET OF (RFC 5083 2.2)
        cipher.add_aad(aad);
    }
    // A MiB at a time into the scratch file: never released before the GCM
    // tag or the CBC padding is checked (the caller sees it only when ok).
    constexpr std::size_t k_piece = std::size_t{1} << 20;
    std::size_t ciphertext = 0;
    for (auto chunk : env.encrypted_content) {
        ciphertext += chunk.size();
    }
    // Not zero-filled, and no larger than the content: fresh pages cost a
    // small message more than its decryption (about 2 ms a MiB here).
    const std::size_t capacity = std::min(k_piece, ciphertext) + 64;
    std::unique_ptr<std::uint8_t[]> buffer(new std::uint8_t[capacity]);
    auto* text = reinterpret_cast<const char*>(buffer.get());
    bool whole_blocks = true;
    for (auto chunk : env.encrypted_content) {
        util::ReadAhead ahead(std::string_view(reinterpret_cast<const char*>(chunk.data()), chunk.size()));
        for (std::size_t pos = 0; pos < chunk.size(); pos += k_piece) {
            std::size_t n = cipher.update(chunk.subspan(pos, std::min(k_piece, chunk.size() - pos)), buffer.get());
            plaintext.write({text, n});
            ahead.at(std::min(chunk.size(), pos + k_piece));
        }
    }
    try {
        plaintext.write({text, cipher.finish(buffer.get())});
    } catch (const Error& e) {
        if (e.code() == Errc::io) {
            throw;
        }
        whole_blocks = false;
    }
    gnutls_memset(buffer.get(), 0, capacity);
    std::string_view written = plaintext.view();
    bool content_ok = whole_blocks;
    if (env.authenticated) {
        Bytes tag = cipher.tag();
        content_ok = content_ok && tag.size() == env.mac.size() &&
                     memeql_sec(tag.data(), env.mac.data(), tag.size()) != 0;
        result.plaintext_size = written.size();
    } else {
        auto unpadded = unpad(alg.cipher, ByteView(reinterpret_cast<const std::uint8_t*>(written.data()), written.size()));
        content_ok = content_ok && unpadded.has_value();
        result.plaintext_size = unpadded.value_or(0);
    }
    if (used == nullptr || !content_ok) {
        result.plaintext_size = 0;
        result.reason = k_decryption_failed;
        return result;
    }
    result.ok = true;
    result.recipient = display_name(used->entry.cert);
    return result;
}

}  // namespace smime::cms
