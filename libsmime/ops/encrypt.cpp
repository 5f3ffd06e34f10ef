// smime encrypt (SPEC encrypt): one recipient, its newest usable
// certificate, optional signing first, EnvelopedData or (GCM)
// AuthEnvelopedData, outer headers kept outside, Bcc never written.
#include <smime/encrypt.hpp>

#include <algorithm>
#include <optional>

#include <smime/error.hpp>
#include <smime/query.hpp>
#include <smime/sign.hpp>
#include <smime/spill_buffer.hpp>

#include "tasn1/node.hpp"
#include "cms/content_cipher.hpp"
#include "cms/ecdh_kari.hpp"
#include "cms/envelope.hpp"
#include "pki/recipient_cert.hpp"
#include "cms/rsa_ktri.hpp"
#include "mime/base64.hpp"
#include "mime/entity.hpp"
#include "mime/line_ends.hpp"
#include "mime/address.hpp"
#include "util/read_ahead.hpp"
#include "ops/revocation_online.hpp"
#include "ops/string_output.hpp"

namespace smime {

namespace {
using namespace cms;

std::vector<std::string> recipients_of(const mime::Entity& msg, const EncryptParams& params) {
    std::vector<std::string> found;
    auto add = [&found](const std::string& address) {
        std::string folded = util::fold_address(address);
        bool seen = std::any_of(found.begin(), found.end(),
                                [&](const std::string& a) { return util::fold_address(a) == folded; });
        if (!seen) {
            found.push_back(address);
        }
    };
    if (!params.to.empty()) {
        for (const auto& to : params.to) {
            if (names_fingerprint(to)) {  // "AB:CD:…" is no address list
                found.push_back(to);
                continue;
            }
            for (const auto& a : util::parse_address_list(to)) {
                add(a);
            }
        }
        return found;
    }
    for (const char* field : {"To", "Cc", "Bcc"}) {
        for (const auto& value : msg.get_all(field)) {
            for (const auto& a : util::parse_address_list(value)) {
                add(a);
            }
        }
    }
    return found;
}

// The message without Bcc (SPEC: Bcc is never written into the output).
void write_without_bcc(Sink& out, const mime::Entity& msg, std::string_view droppable) {
    std::string head;
    for (const auto& h : msg.headers) {
        if (!mime::iequals(h.name, "Bcc")) {
            head.append(h.raw);
        }
    }
    head.append(msg.eol);
    out.write(head);
    util::write_read_ahead(out, msg.body, droppable);
}

// SMIMECapabilities (RFC 8551 2.5.2) -> the strongest cipher we can use.
std::optional<Cipher> announced_cipher(Keyring& keyring, const std::string& fingerprint) {
    auto caps = keyring.capabilities(fingerprint);
    if (!caps) {
        return std::nullopt;
    }
    std::vector<std::string> oids;
    try {
        auto node = tasn1::decode("CMS.SMIMECapabilities", caps->der);
        int count = 0;
        gtls::check_asn1(asn1_number_of_elements(node.get(), "", &count), "asn1_number_of_elements");
        for (int i = 1; i <= count; ++i) {
            oids.push_back(tasn1::read_oid(node.get(), "?" + std::to_string(i) + ".algorithm"));
        }
    } catch (const Error&) {
        return std::nullopt;
    }
    for (Cipher c : {Cipher::aes256_gcm, Cipher::aes256_cbc, Cipher::aes192_cbc, Cipher::aes128_gcm,
                     Cipher::aes128_cbc}) {
        if (std::find(oids.begin(), oids.end(), cipher_oid(c)) != oids.end()) {
            return c;
        }
    }
    return std::nullopt;
}

Cipher choose_cipher(Context& ctx, Keyring& keyring, const EncryptParams& params, const std::string& fingerprint) {
    if (params.cipher) {
        return *params.cipher;
    }
    if (auto announced = announced_cipher(keyring, fingerprint)) {
        return *announced;
    }
    if (const auto& configured = ctx.config().default_cipher) {
        auto c = parse_cipher(*configured);
        if (!c || *c == Cipher::des3_cbc || *c == Cipher::rc2_cbc) {
            throw Error(Errc::config, "smime.conf: unknown default-cipher " + *configured);
        }
        return *c;
    }
    return Cipher::aes256_cbc;
}

// The MIME entity that gets encrypted, in CRLF form: the message's Content-*
// fields (or, with header protection, the whole message as message/rfc822)
// as a small head, and the body, canonicalized piece by piece later.
std::string entity_head(const mime::Entity& msg, bool protect_headers) {
    std::string entity;
    if (protect_headers) {
        entity = "Content-Type: message/rfc822; forwarded=no\r\n\r\n";
        for (const auto& h : msg.headers) {
            if (!mime::iequals(h.name, "Bcc")) {
                entity.append(h.raw);
            }
        }
    } else {
        bool has_type = false;
        for (const auto& h : msg.headers) {
            if (mime::istarts_with(h.name, "Content-")) {
                entity.append(h.raw);
                has_type = has_type || mime::iequals(h.name, "Content-Type");
            }
        }
        if (!has_type) {
            entity.insert(0, "Content-Type: text/plain\r\n");
        }
    }
    entity.append("\r\n");
    return mime::to_crlf(entity);
}

std::vector<Bytes> recipient_infos(const std::vector<RecipientCert>& certs, ByteView key, bool oaep, bool& any_kari) {
    std::vector<Bytes> infos;
    for (const auto& rc : certs) {
        RecipientId rid = recipient_id(rc.entry.cert);
        if (rc.is_ec) {
            infos.push_back(ecdh_recipient_info(rc.pubkey.get(), rid, key));
            any_kari = true;
        } else {
            infos.push_back(build_ktri(rid, rsa_key_encryption_algorithm(oaep), rsa_wrap_key(rc.pubkey.get(), key, oaep)));
        }
    }
    return infos;
}

// mime::crlf_size a few MiB at a time, so a mapped input's pages can be
// dropped as they are counted. No piece ends between a CR and its LF.
std::size_t crlf_size_read_ahead(std::string_view body, std::string_view droppable) {
    std::size_t size = 0;
    util::for_each_line_piece(body, droppable, [&](std::string_view piece, std::size_t) { size += mime::crlf_size(piece); });
    return size;
}

// Outer headers, then the ContentInfo in base64, streamed: the plaintext is
// canonicalized, encrypted and encoded 64 KiB at a time, and the message
// goes to sink a MiB at a time. droppable: the input file mapping
// (Context::input_mapping), or empty.
void encrypt_to_message(const mime::Entity& msg, const mime::Entity& content, const std::vector<RecipientCert>& certs,
                        Cipher cipher, const EncryptParams& params, std::string_view droppable, Sink& sink) {
    ContentAlgorithm alg = new_content_algorithm(cipher);
    Bytes key(key_size(alg));
    gtls::check(gnutls_rnd(GNUTLS_RND_KEY, key.data(), key.size()), "gnutls_rnd");
    bool any_kari = false;
    std::vector<Bytes> infos = recipient_infos(certs, key, params.oaep, any_kari);
    ContentCipher enc(alg, key, ContentCipher::Direction::encrypt);
    gnutls_memset(key.data(), 0, key.size());

    std::string head = entity_head(content, params.protect_headers);
    std::size_t plain_size = head.size() + crlf_size_read_ahead(content.body, droppable);
    bool aead = is_aead(cipher);
    EnvelopeLayout layout = build_envelope(aead, std::move(infos), any_kari, encode_content_algorithm(alg),
                                           ciphertext_size(cipher, plain_size), aead ? alg.icv_len : 0);
    std::string_view eol = msg.eol;
    constexpr std::size_t k_flush = std::size_t{1} << 20;
    std::string out;
    out.reserve(k_flush + (k_flush >> 1));
    for (const auto& h : msg.headers) {
        if (mime::istarts_with(h.name, "Content-") || mime::iequals(h.name, "MIME-Version") ||
            mime::iequals(h.name, "Bcc")) {
            continue;
        }
        if (params.protect_headers && mime::iequals(h.name, "Subject")) {
            out.append("Subject: ...").append(eol);
            continue;
        }
        out.append(h.raw);
    }
    out.append("MIME-Version: 1.0").append(eol);
    out.append("Content-Type: application/pkcs7-mime; smime-type=")
        .append(aead ? "authEnveloped-data" : "enveloped-data")
        .append("; name=smime.p7m")
        .append(eol);
    out.append("Content-Transfer-Encoding: base64").append(eol);
    out.append("Content-Disposition: attachment; filename=smime.p7m").append(eol);
    out.append(eol);

    mime::Base64Writer b64(out, eol);
    b64.write(layout.prefix);
    constexpr std::size_t k_chunk = 1 << 16;
    std::vector<char> plain(k_chunk);
    std::vector<std::uint8_t> sealed(k_chunk + 32);
    auto feed = [&](const char* data, std::size_t n) {
        std::size_t m = enc.update(ByteView(reinterpret_cast<const std::uint8_t*>(data), n), sealed.data());
        b64.write(ByteView(sealed.data(), m));
        if (out.size() >= k_flush) {
            sink.write(out);
            out.clear();
        }
    };
    feed(head.data(), head.size());
    util::ReadAhead ahead(content.body, droppable);
    for (std::size_t pos = 0; pos < content.body.size();) {
        std::size_t n = mime::crlf_fill(content.body, pos, plain.data(), plain.size());
        feed(plain.data(), n);
        ahead.at(pos);
    }
    b64.write(ByteView(sealed.data(), enc.finish(sealed.data())));
    if (aead) {
        b64.write(layout.mac_header);
        b64.write(enc.tag());
    }
    b64.finish();
    sink.write(out);
}

// unencrypted: what passes through (nullptr: nothing, the policy refuses).
EncryptResult not_possible(const EncryptParams& params, std::vector<StatusLine> status, std::string reason,
                           const mime::Entity* unencrypted, std::string_view droppable, Sink& out) {
    if (params.policy == EncryptPolicy::required) {
        status.push_back({"encrypt", Status::failed, {{"reason", std::move(reason)}}});
        return {std::move(status), {}};
    }
    status.push_back({"encrypt", Status::none, {{"reason", std::move(reason)}}});
    if (unencrypted != nullptr) {
        write_without_bcc(out, *unencrypted, droppable);
    }
    return {std::move(status), {}, true};
}

std::time_t to_time(std::chrono::system_clock::time_point t) { return std::chrono::system_clock::to_time_t(t); }
}  // namespace

EncryptResult encrypt_message(Context& ctx, Keyring& keyring, std::string_view message, const EncryptParams& params) {
    return ops::with_string_output<EncryptResult>([&](Sink& sink) { return encrypt_message(ctx, keyring, message, params, sink); });
}

EncryptResult encrypt_message(Context& ctx, Keyring& keyring, std::string_view message, const EncryptParams& params,
                              Sink& out) {
    util::DroppableInput input_pages(ctx.input_mapping());
    if (auto too_large = oversize_reason(ctx.config(), message.size())) {
        throw Error(Errc::io, *too_large);
    }
    mime::Entity msg = mime::parse_entity(message);
    std::vector<std::string> recipients = recipients_of(msg, params);
    std::time_t now = to_time(ctx.now());
    std::vector<StatusLine> status;

    std::string why_not;
    std::optional<RecipientCert> recipient;
    if (recipients.empty()) {
        why_not = "no recipient";
    } else if (recipients.size() > 1) {
        why_not = "more than one recipient";
    } else {
        recipient = choose_recipient_cert(keyring, recipients.front(), now, params.require_trusted, why_not);
    }
    std::string revocation_source = "none";
    if (recipient) {
        auto online = ops::check_certificate_online(ctx, keyring, recipient->entry.cert, now);
        if (ops::revocation_refuses(ctx, online)) {
            why_not = online.reason;
            recipient.reset();
        } else {
            revocation_source = online.source;
        }
    }
    if (!recipient && params.policy == EncryptPolicy::required) {
        return not_possible(params, std::move(status), why_not, nullptr, {}, out);
    }

    // Sign first (SPEC: --sign signs, then encrypts): the message without
    // Bcc and then its signed form go through SpillBuffers, so memory stays
    // bounded for --sign too.
    SpillBuffer unsigned_copy;
    SpillBuffer signed_message;
    std::optional<util::DroppableInput> copy_pages;
    std::optional<util::DroppableInput> signed_pages;
    std::string_view to_encrypt = message;
    bool signed_ok = false;
    if (params.sign) {
        SignParams sp = params.sign_params;
        sp.require = params.require_sign;
        write_without_bcc(unsigned_copy, msg, util::droppable_for(message));
        copy_pages.emplace(unsigned_copy.file_mapping());
        SignResult signed_result = sign_message(ctx, keyring, unsigned_copy.view(), sp, signed_message);
        status.push_back(signed_result.status);
        if (signed_result.status.status == Status::failed) {
            status.push_back({"encrypt", Status::failed, {{"reason", "the message could not be signed"}}});
            return {std::move(status), {}};
        }
        if (signed_result.status.status == Status::ok) {
            signed_ok = true;
            to_encrypt = signed_message.view();
            signed_pages.emplace(signed_message.file_mapping());
        }
    }
    mime::Entity content = signed_ok ? mime::parse_entity(to_encrypt) : msg;
    std::string_view droppable = util::droppable_for(to_encrypt);
    if (!recipient) {
        return not_possible(params, std::move(status), why_not, &content, droppable, out);
    }

    std::vector<RecipientCert> certs;
    std::string recipient_fpr = recipient->entry.cert.fingerprint;
    // A recipient named by fingerprint is reported by its certificate's address, as one named by address.
    std::string recipient_name =
        names_fingerprint(recipients.front()) ? display_name(recipient->entry.cert) : recipients.front();
    certs.push_back(std::move(*recipient));
    if (signed_ok) {  // the sender's own certificate, so the sent copy stays readable
        std::string sender = params.sign_params.from.value_or("");
        if (sender.empty()) {
            auto from = util::parse_address_list(msg.get("From"));
            sender = from.empty() ? "" : from.front();
        }
        for (const auto& entry : sender.empty() ? std::vector<KeyringEntry>{} : named_certificates(keyring, sender)) {
            std::string ignored;
            if (entry.has_key && entry.cert.fingerprint != recipient_fpr) {
                if (auto own = usable_for_encryption(keyring, entry, now, false, ignored)) {
                    certs.push_back(std::move(*own));
                    break;
                }
            }
        }
    }

    Cipher cipher = choose_cipher(ctx, keyring, params, recipient_fpr);
    encrypt_to_message(msg, content, certs, cipher, params, droppable, out);
    status.push_back({"encrypt",
                      Status::ok,
                      {{"recipient", recipient_name},
                       {"cipher", std::string(to_string(cipher))},
                       {"fingerprint", recipient_fpr},
                       {"revocation", revocation_source}}});
    // The outer headers are the original ones (signing does not change them).
    return {std::move(status), {}, true};
}

}  // namespace smime
