// smime sign: find the signer's key, make the message 7-bit safe and
// canonical, sign exactly those bytes and wrap them (gpgsm sm/sign.c).
#include <smime/sign.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include <smime/error.hpp>
#include <smime/query.hpp>
#include <smime/secret.hpp>
#include <smime/sink.hpp>

#include "mime/codec.hpp"
#include "mime/compose.hpp"
#include "mime/entity.hpp"
#include "mime/headers.hpp"
#include "mime/line_ends.hpp"
#include "mime/seven_bit.hpp"
#include "util/read_ahead.hpp"
#include "pki/signer_chain.hpp"
#include "cms/signed_data.hpp"
#include "mime/address.hpp"
#include "mime/base64.hpp"
#include "x509/load.hpp"
#include "ops/string_output.hpp"

namespace smime {

namespace {

StatusLine outcome(Status status, Fields fields) { return StatusLine{"sign", status, std::move(fields)}; }

bool allows_signing(const CertInfo& cert) {
    auto crt = x509::shared_crt(cert.der);
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

// The body's CRLF form a buffer-full at a time (a mapped input's pages
// dropped behind): piece(text) for each.
template <typename Piece>
void for_each_crlf_piece(std::string_view body, std::string_view droppable, Piece&& piece) {
    // Not zero-filled: only the pages the entity reaches are ever touched
    // (1 MiB of fresh pages would cost a 1 KiB message 2 ms).
    const std::size_t capacity = std::min(std::size_t{1} << 20, 2 * body.size() + 2);
    std::unique_ptr<char[]> buffer(new char[capacity]);
    util::ReadAhead ahead(body, droppable);
    for (std::size_t pos = 0; pos < body.size();) {
        std::size_t n = mime::crlf_fill(body, pos, buffer.get(), capacity);
        piece(std::string_view(buffer.get(), n));
        ahead.at(pos);
    }
}

// Whether the body can be signed as it stands (7-bit safe), and whether a
// boundary (none: empty) occurs in it, found in one pass.
struct BodyScan {
    bool seven_bit = true;
    bool has_boundary = false;
};

BodyScan scan_body(std::string_view body, std::string_view droppable, std::string_view boundary) {
    BodyScan scan;
    util::for_each_line_piece(body, droppable, [&](std::string_view piece, std::size_t pos) {
        scan.seven_bit = scan.seven_bit && mime::is_7bit_safe(piece);
        if (!boundary.empty()) {
            // with the bytes of the next piece a boundary starting here could run into
            std::string_view window = body.substr(pos, piece.size() + boundary.size() - 1);
            scan.has_boundary = scan.has_boundary || window.find(boundary) != std::string_view::npos;
        }
    });
    return scan;
}

// The entity (headers, then the body in CRLF form) hashed and counted, and
// the body scanned. From a few MiB on, the scan runs on a second thread
// while this one hashes: the two take about as long.
struct EntityPass {
    BodyScan scan;
    Bytes digest;
    std::size_t size = 0;
};

EntityPass hash_and_scan(std::string_view content_headers, std::string_view body, std::string_view droppable,
                         std::string_view boundary, Digest digest) {
    EntityPass pass;
    auto hash = [&] {
        signature::ContentHasher hasher(digest);
        hasher.update(content_headers);  // CRLF already (entity_headers)
        pass.size = content_headers.size();
        for_each_crlf_piece(body, droppable, [&](std::string_view piece) {
            hasher.update(piece);
            pass.size += piece.size();
        });
        pass.digest = hasher.finish();
    };
    if (body.size() < 2 * util::k_read_ahead_window) {
        pass.scan = scan_body(body, droppable, boundary);
        if (pass.scan.seven_bit) {
            hash();
        }
        return pass;
    }
    // Each pass drops the pages behind it; the other brings back from the
    // page cache those it still has to read. Both only read.
    std::jthread scanner([&] { pass.scan = scan_body(body, droppable, boundary); });  // joined also when hash throws
    hash();
    scanner.join();
    return pass;
}

// A boundary absent from body: the one scanned, unless it was found
// (random_boundary makes 96 random bits, so practically never).
std::string boundary_absent_from(std::string_view body, std::string_view droppable, std::string boundary,
                                 bool found) {
    while (found) {
        boundary = mime::random_boundary();
        found = scan_body(body, droppable, boundary).has_boundary;
    }
    return boundary;
}

// multipart/signed: the entity as it stands (what is signed is byte for
// byte what is sent), then the signature.
void write_multipart_signed(Sink& out, std::string_view headers, std::string_view content_headers,
                            std::string_view body, std::string_view droppable, std::string_view boundary,
                            std::string_view micalg, const Bytes& signed_data) {
    out.write(mime::multipart_signed_head(headers, micalg, boundary));
    out.write(content_headers);
    for_each_crlf_piece(body, droppable, [&](std::string_view piece) { out.write(piece); });
    out.write(mime::multipart_signed_tail(boundary, signed_data));
}

// application/pkcs7-mime signed-data: the entity base64-coded between the
// SignedData's DER before and after the content.
void write_opaque_signed(Sink& out, std::string_view headers, std::string_view content_headers,
                         std::string_view body, std::string_view droppable, const signature::SignedDataFrame& frame) {
    out.write(mime::pkcs7_mime_head(headers, "signed-data"));
    std::string text;
    mime::Base64Writer b64(text, "\r\n");
    auto bytes = [](std::string_view piece) {
        return std::span(reinterpret_cast<const std::uint8_t*>(piece.data()), piece.size());
    };
    b64.write(frame.head);
    b64.write(bytes(content_headers));
    for_each_crlf_piece(body, droppable, [&](std::string_view piece) {
        b64.write(bytes(piece));
        out.write(text);
        text.clear();
    });
    b64.write(frame.tail);
    b64.finish();
    out.write(text);
}

StatusLine signed_status(const CertInfo& cert, bool by_fingerprint, const std::string& address, std::string_view micalg) {
    return outcome(Status::ok, {{"signer", by_fingerprint ? display_name(cert) : address},
                                {"fingerprint", cert.fingerprint},
                                {"digest", std::string(micalg)}});
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
    return ops::with_string_output<SignResult>([&](Sink& sink) { return sign_message(ctx, keyring, message, params, sink); });
}

SignResult sign_message(Context& ctx, Keyring& keyring, std::string_view message, const SignParams& params,
                        Sink& out) {
    if (auto too_large = oversize_reason(ctx.config(), message.size())) {
        throw Error(Errc::io, *too_large);
    }
    util::DroppableInput input_pages(ctx.input_mapping());
    std::string_view original = message;
    std::string_view envelope = mime::take_envelope_line(message);
    mime::Entity parsed = mime::parse_entity(message);
    auto no_key = [&](const std::string& reason) {
        SignResult result;
        result.status = outcome(params.require ? Status::failed : Status::none, {{"reason", reason}});
        if (!params.require) {
            util::write_read_ahead(out, original, util::droppable_for(original));  // SPEC: passes through unchanged
            result.produced = true;
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

    std::string headers = outer_headers(parsed);
    std::string content_headers = entity_headers(parsed);
    std::string_view droppable = util::droppable_for(message);  // the input, or a copy encrypt --sign made
    std::string micalg(signature::micalg_name(input.digest));
    SignResult result;
    result.produced = true;
    result.status = signed_status(entry->cert, by_fingerprint, *address, micalg);
    // Two passes over the body, so that nothing is written before the
    // signature is made: one hashes (and scans), one writes.
    if (mime::is_7bit_safe(content_headers)) {
        std::string boundary = params.opaque ? std::string() : mime::random_boundary();
        EntityPass pass = hash_and_scan(content_headers, parsed.body, droppable, boundary, input.digest);
        if (pass.scan.seven_bit) {
            input.content_digest = std::move(pass.digest);
            if (params.opaque) {
                signature::SignedDataFrame frame = signature::signed_data_frame(input, pass.size);
                out.write(envelope);
                write_opaque_signed(out, headers, content_headers, parsed.body, droppable, frame);
            } else {
                boundary = boundary_absent_from(parsed.body, droppable, std::move(boundary), pass.scan.has_boundary);
                Bytes signed_data = signature::create_signed_data(input);
                out.write(envelope);
                write_multipart_signed(out, headers, content_headers, parsed.body, droppable, boundary, micalg,
                                       signed_data);
            }
            return result;
        }
    }
    // The rare path: 8bit or binary content, re-encoded first (in memory).
    std::string entity = seven_bit_entity(parsed);
    input.content = entity;
    Bytes signed_data = signature::create_signed_data(input);
    std::string product = params.opaque ? mime::pkcs7_mime(headers, "signed-data", signed_data)
                                        : mime::multipart_signed(headers, entity, signed_data, micalg);
    out.write(envelope);
    out.write(product);
    return result;
}

}  // namespace smime
