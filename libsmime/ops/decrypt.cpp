// smime decrypt (SPEC decrypt): only a message whose whole body is
// encrypted is decrypted; the result keeps the outer headers and gets an
// X-SMIME-Encryption header; signed content inside is verified too.
#include <smime/decrypt.hpp>

#include <algorithm>

#include <smime/error.hpp>
#include <smime/verify.hpp>

#include "cms/envelope.hpp"
#include "ops/decrypt_nested.hpp"
#include "cms/oids.hpp"
#include "ops/decrypt_envelope.hpp"
#include "ops/decrypt_report.hpp"
#include "ops/verify_locate.hpp"
#include "mime/base64.hpp"
#include "mime/entity.hpp"
#include "mime/line_ends.hpp"
#include "util/read_ahead.hpp"

namespace smime {

namespace {
using namespace cms;

constexpr const char* k_header = "X-SMIME-Encryption";

// Base64 into out a few MiB at a time, so a mapped input's pages can be
// dropped as they are decoded: the input and the decoded DER are never both
// fully in memory.
std::size_t decode_read_ahead(std::string_view text, std::uint8_t* out, std::string_view droppable) {
    constexpr std::size_t k_piece = std::size_t{4} << 20;
    util::ReadAhead ahead(text, droppable);
    mime::Base64Decoder decoder(mime::Base64Padding::required, "the encrypted part");
    std::size_t size = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += k_piece) {
        size += decoder.decode(text.substr(pos, k_piece), out + size);
        ahead.at(std::min(text.size(), pos + k_piece));
    }
    return size + decoder.finish(out + size);
}

DecryptResult failed(std::string_view message, std::string reason) {
    StatusLine line{"decrypt", Status::failed, {{"reason", std::move(reason)}}};
    return {{line}, failure_message(message, line)};
}

DecryptResult not_encrypted(std::string_view message) {
    StatusLine line{"decrypt", Status::none, {}};
    return {{line}, with_header(message, k_header, "none")};
}

// Whether verify finds a signature (or part of one) in the decrypted entity:
// asked of the function verify itself asks, so that decrypt checks a
// signature exactly when verify alone would (tests/adversarial/differential.sh).
bool is_signed(const mime::Entity& entity) {
    return signature::locate_signature(entity).kind != signature::Found::none;
}

// A message encrypted with --protect-headers carries message/rfc822
// (forwarded=no) inside: its Subject (and its Content-* fields) are the
// real ones. composed: the decrypted message with the wrapper still on.
std::string restore_protected(std::string_view composed) {
    mime::Entity outside = mime::parse_entity(composed);
    mime::Entity inner = mime::parse_entity(outside.body);
    std::string out;
    out.reserve(composed.size());
    for (const auto& h : outside.headers) {
        if (!mime::iequals(h.name, "Subject") && !mime::istarts_with(h.name, "Content-")) {
            out.append(h.raw);
        }
    }
    for (const auto& h : inner.headers) {
        if (mime::iequals(h.name, "Subject") || mime::istarts_with(h.name, "Content-")) {
            out.append(h.raw);
        }
    }
    out.append(outside.eol);
    out.append(inner.body);
    return out;
}
}  // namespace

namespace {

DecryptResult decrypt_entity(Context& ctx, Keyring& keyring, std::string_view message,
                             const VerifyParams& verify_params) {
    if (auto too_large = oversize_reason(ctx.config(), message.size())) {
        return failed(message, *too_large);
    }
    if (auto too_deep = too_deep_reason(message)) {
        return failed(message, *too_deep);
    }
    mime::Entity msg = mime::parse_entity(message);
    mime::ContentType ct = mime::content_type_of(msg);
    if (!is_encrypted_type(ct)) {
        if (has_nested_encrypted_part(msg, ct)) {
            StatusLine line{"decrypt", Status::failed,
                            {{"reason", "an encrypted part inside a multipart message is not decrypted"}}};
            return {{line}, with_header(message, k_header, encryption_header_value(line))};
        }
        return not_encrypted(message);
    }

    // One buffer for everything that follows: the DER is decoded at offset
    // gap, decrypted in place, and the output is composed in front of it
    // (outer headers, our header) and compacted left, so a 100 MB message
    // needs one 100 MB buffer besides the input.
    std::string output;
    OpenResult opened;
    std::span<std::uint8_t> der;
    const std::size_t gap = static_cast<std::size_t>(msg.body.data() - message.data()) + 16384;
    try {
        std::string encoding = msg.get("Content-Transfer-Encoding");
        if (mime::iequals(encoding, "base64")) {
            output.resize(gap + msg.body.size() / 4 * 3 + 3);
            auto* at = reinterpret_cast<std::uint8_t*>(output.data()) + gap;
            der = {at, decode_read_ahead(msg.body, at, ctx.input_mapping())};
        } else {
            output.resize(gap + msg.body.size());
            std::copy(msg.body.begin(), msg.body.end(), output.begin() + static_cast<std::ptrdiff_t>(gap));
            der = {reinterpret_cast<std::uint8_t*>(output.data()) + gap, msg.body.size()};
        }
        if (cms::content_type(der) == oid::signed_data) {  // opaque signed, not encrypted
            return not_encrypted(message);
        }
        opened = open_envelope(ctx, keyring, der);
    } catch (const Error& e) {
        if (e.code() != Errc::parse) {
            throw;
        }
        return failed(message, std::string("malformed encrypted message: ") + e.what());
    }
    if (!opened.ok) {
        return failed(message, opened.reason);
    }

    std::string_view plaintext(output.data() + gap, opened.plaintext_size);
    StatusLine line{"decrypt", Status::ok,
                    {{"recipient", opened.recipient},
                     {"cipher", std::string(to_string(opened.cipher))},
                     {"integrity", opened.aead ? "aead" : "none"}}};
    mime::Entity inner = mime::parse_entity(plaintext);
    mime::ContentType inner_type = mime::content_type_of(inner);
    bool protected_headers = inner_type.is("message", "rfc822") && mime::iequals(inner_type.param("forwarded"), "no");
    bool signed_inside = is_signed(inner);

    // Prefix: outer headers, our header (unless a signature is still to be
    // checked: verify removes X-SMIME-* first), MIME-Version.
    std::string prefix = outer_headers(msg);
    if (!signed_inside && !protected_headers) {
        prefix.append(k_header).append(": ").append(encryption_header_value(line)).append(msg.eol);
    }
    prefix.append("MIME-Version: 1.0").append(msg.eol);
    if (prefix.size() > gap) {
        throw Error(Errc::internal, "decrypt: header prefix larger than reserved");
    }
    // The decrypted entity, compacted left behind the prefix: its header
    // fields minus forged X-SMIME-* and MIME-Version, then the body. inner
    // views output: each field is read before its bytes move, and moving
    // never writes past its own source, so later fields stay intact.
    std::size_t end = prefix.size();
    for (const auto& h : inner.headers) {
        if (!mime::istarts_with(h.name, "X-SMIME-") && !mime::iequals(h.name, "MIME-Version")) {
            end = mime::move_from_crlf(output.data(), end, static_cast<std::size_t>(h.raw.data() - output.data()),
                                       h.raw.size(), msg.eol);
        }
    }
    std::copy(msg.eol.begin(), msg.eol.end(), output.begin() + static_cast<std::ptrdiff_t>(end));
    end += msg.eol.size();
    end = mime::move_from_crlf(output.data(), end, static_cast<std::size_t>(inner.body.data() - output.data()),
                               inner.body.size(), msg.eol);
    std::copy(prefix.begin(), prefix.end(), output.begin());
    output.resize(end);
    strip_forged_headers(output, prefix.size());
    if (protected_headers) {
        output = restore_protected(output);
        signed_inside = is_signed(mime::parse_entity(output));
    }

    DecryptResult result;
    if (!signed_inside) {
        result.status = {line};
        result.output = protected_headers ? with_header(output, k_header, encryption_header_value(line))
                                          : std::move(output);
        return result;
    }
    {
        VerifyResult verified = verify_message(ctx, keyring, output, verify_params);
        if (!opened.aead && verified.status.status == Status::ok) {
            line.fields[2].second = "signature";
        }
        result.status = {line, verified.status};
        output = std::move(verified.output);
    }
    // verify has removed forged X-SMIME-* and added its own header: keep that one.
    result.output = with_header(output, k_header, encryption_header_value(line), false);
    return result;
}

}  // namespace

// An mbox envelope line ("From alice@… date", as procmail hands mail to its
// filters) is no header field: it stays in front of whatever is written.
DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const VerifyParams& verify_params) {
    std::string_view envelope = mime::take_envelope_line(message);
    DecryptResult result = decrypt_entity(ctx, keyring, message, verify_params);
    if (!envelope.empty()) {
        result.output.insert(0, envelope);
    }
    return result;
}

}  // namespace smime
