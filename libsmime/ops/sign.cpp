// smime sign: find the signer's key, make the message 7-bit safe and
// canonical, sign exactly those bytes and wrap them (gpgsm sm/sign.c).
#include <smime/sign.hpp>

#include <chrono>

#include <smime/error.hpp>
#include <smime/query.hpp>
#include <smime/secret.hpp>

#include "mime/codec.hpp"
#include "mime/compose.hpp"
#include "mime/entity.hpp"
#include "mime/headers.hpp"
#include "mime/line_ends.hpp"
#include "mime/seven_bit.hpp"
#include "pki/signer_chain.hpp"
#include "cms/signed_data.hpp"
#include "mime/address.hpp"
#include "x509/load.hpp"

namespace smime {

namespace {

StatusLine outcome(Status status, Fields fields) { return StatusLine{"sign", status, std::move(fields)}; }

bool allows_signing(const CertInfo& cert) {
    auto crt = x509::load_crt_der(cert.der);
    unsigned usage = 0;
    unsigned critical = 0;
    if (gnutls_x509_crt_get_key_usage(crt.get(), &usage, &critical) < 0) {
        return true;  // no KeyUsage extension: no restriction
    }
    return (usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION)) != 0;
}

// SPEC sign: the newest imported certificate with a key that is valid now,
// among those of the address (or the one a fingerprint names).
std::optional<KeyringEntry> signing_entry(std::vector<KeyringEntry> candidates, std::time_t now) {
    for (auto& entry : candidates) {
        const CertInfo& cert = entry.cert;
        if (entry.has_key && cert.not_before <= now && now <= cert.not_after && allows_signing(cert)) {
            return std::move(entry);
        }
    }
    return std::nullopt;
}

std::optional<std::string> signer_address(const mime::Entity& message, const SignParams& params) {
    if (params.from) {
        return *params.from;
    }
    const mime::HeaderField* from = message.find("From");
    if (from == nullptr) {
        return std::nullopt;
    }
    auto addresses = util::parse_address_list(mime::unfold(from->value));
    if (addresses.size() != 1) {
        return std::nullopt;
    }
    return addresses.front();
}

// The header section of the entity that gets signed: the message's
// Content-* fields (text/plain when it has none), CRLF, with the blank line.
std::string entity_headers(const mime::Entity& message) {
    std::string headers;
    bool has_type = false;
    for (const auto& field : message.headers) {
        if (mime::is_content_header(field.name)) {
            headers += field.raw;
            has_type = has_type || mime::iequals(field.name, "Content-Type");
        }
    }
    if (!has_type) {
        headers += "Content-Type: text/plain\r\n";
    }
    headers = mime::to_crlf(headers);
    headers += "\r\n";
    return headers;
}

// The entity re-encoded 7-bit safe (the rare path: 8bit or binary content).
std::string seven_bit_entity(const mime::Entity& message) {
    std::string entity = entity_headers(message);
    entity += message.body;
    return mime::to_crlf(mime::make_7bit_safe(entity));
}

// Every top-level field except the Content-* ones, CRLF-ended, plus
// MIME-Version when the message had none.
std::string outer_headers(const mime::Entity& message) {
    std::string out;
    for (const auto& field : message.headers) {
        if (!mime::is_content_header(field.name)) {
            out += field.raw;
        }
    }
    out = mime::to_crlf(out);
    if (message.find("MIME-Version") == nullptr) {
        out += "MIME-Version: 1.0\r\n";
    }
    return out;
}

Digest digest_from_config(const Context& ctx) {
    const auto& name = ctx.config().digest;
    if (!name || *name == "sha256") return Digest::sha256;
    if (*name == "sha384") return Digest::sha384;
    if (*name == "sha512") return Digest::sha512;
    throw Error(Errc::config, "digest in smime.conf must be sha256, sha384 or sha512, not " + *name);
}

}  // namespace

SignResult sign_message(Context& ctx, Keyring& keyring, std::string_view message, const SignParams& params) {
    if (auto too_large = oversize_reason(ctx.config(), message.size())) {
        throw Error(Errc::io, *too_large);
    }
    std::string_view original = message;
    std::string_view envelope = mime::take_envelope_line(message);
    mime::Entity parsed = mime::parse_entity(message);
    auto no_key = [&](const std::string& reason) {
        SignResult result;
        result.status = outcome(params.require ? Status::failed : Status::none, {{"reason", reason}});
        if (!params.require) {
            result.output = std::string(original);  // SPEC: passes through unchanged
        }
        return result;
    };
    auto address = signer_address(parsed, params);
    if (!address) {
        return no_key(parsed.find("From") == nullptr ? "no signer: the message has no From and no --from was given"
                                                     : "no signer: From must name exactly one address, or use --from");
    }
    std::time_t now = std::chrono::system_clock::to_time_t(ctx.now());
    auto candidates = named_certificates(keyring, *address);
    if (auto ambiguous = fingerprint_ambiguity(*address, candidates.size())) {  // failed whatever --require says
        SignResult result;
        result.status = outcome(Status::failed, {{"reason", *ambiguous}});
        return result;
    }
    bool by_fingerprint = names_fingerprint(*address);
    auto entry = signing_entry(std::move(candidates), now);
    if (!entry) {
        return no_key("no valid certificate with a private key for " + *address);
    }
    auto key_pem = keyring.private_key(entry->cert);
    if (!key_pem) {
        return no_key("no private key for " + *address);
    }
    auto passphrase = context_passphrase(ctx);
    auto key = x509::open_private_key(*key_pem, passphrase ? std::optional<std::string>(passphrase->value())
                                                           : std::nullopt);

    signature::SignInput input;
    input.signer = &entry->cert;
    input.chain = signature::find_issuers(keyring, entry->cert, {});
    if (!input.chain.empty() && input.chain.back().self_signed) {
        input.chain.pop_back();  // the root is the verifier's own trust decision
    }
    input.key = key.get();
    input.digest = signature::effective_digest(key.get(), params.digest ? *params.digest : digest_from_config(ctx));
    input.embed = params.opaque;
    input.pss = params.pss && gnutls_privkey_get_pk_algorithm(key.get(), nullptr) == GNUTLS_PK_RSA;

    SignResult result;
    std::string headers = outer_headers(parsed);
    std::string content_headers = entity_headers(parsed);
    bool plain = mime::is_7bit_safe(content_headers) && mime::is_7bit_safe(parsed.body);
    if (params.opaque) {
        std::string entity = plain ? content_headers + mime::to_crlf(parsed.body) : seven_bit_entity(parsed);
        input.content = entity;
        result.output = mime::pkcs7_mime(headers, "signed-data", signature::create_signed_data(input));
    } else if (plain) {
        // The entity is written once, straight into the output, and signed
        // there: what is signed is byte for byte what is sent.
        mime::MultipartSignedWriter writer(headers, signature::micalg_name(input.digest), parsed.body,
                                           parsed.body.size() + parsed.body.size() / 16);
        writer.entity_buffer() += content_headers;
        mime::append_crlf(writer.entity_buffer(), parsed.body);
        input.content = writer.entity();
        Bytes der = signature::create_signed_data(input);
        result.output = std::move(writer).finish(der);
    } else {
        std::string entity = seven_bit_entity(parsed);
        input.content = entity;
        result.output = mime::multipart_signed(headers, entity, signature::create_signed_data(input),
                                               signature::micalg_name(input.digest));
    }
    if (!envelope.empty()) {
        result.output.insert(0, envelope);
    }
    result.status = outcome(Status::ok, {{"signer", by_fingerprint ? display_name(entry->cert) : *address},
                                         {"fingerprint", entry->cert.fingerprint},
                                         {"digest", signature::micalg_name(input.digest)}});
    return result;
}

}  // namespace smime
