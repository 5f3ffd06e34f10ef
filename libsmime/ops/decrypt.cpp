// smime decrypt (SPEC decrypt): only a message whose whole body is
// encrypted is decrypted; the result keeps the outer headers and gets an
// X-SMIME-Encryption header; signed content inside is verified too.
#include <smime/decrypt.hpp>

#include <algorithm>

#include <smime/error.hpp>
#include <smime/spill_buffer.hpp>
#include <smime/verify.hpp>

#include "cms/envelope.hpp"
#include "ops/decrypt_nested.hpp"
#include "cms/oids.hpp"
#include "ops/decrypt_envelope.hpp"
#include "ops/decrypt_report.hpp"
#include "ops/verify_locate.hpp"
#include "mime/base64.hpp"
#include "mime/entity.hpp"
#include "mime/headers.hpp"
#include "mime/line_ends.hpp"
#include "ops/string_output.hpp"
#include "util/read_ahead.hpp"

namespace smime {

namespace {
using namespace cms;

constexpr const char* k_header = "X-SMIME-Encryption";

// The DER under the body: base64 decoded a few MiB at a time into file (the
// input's pages dropped behind), or the body itself.
ByteView encrypted_der(const mime::Entity& msg, SpillBuffer& file) {
    auto bytes = [](std::string_view text) {
        return ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    };
    if (!mime::iequals(msg.get("Content-Transfer-Encoding"), "base64")) {
        return bytes(msg.body);
    }
    mime::base64_decode_to(file, msg.body, mime::Base64Padding::required, "the encrypted part");
    return bytes(file.view());
}

std::vector<StatusLine> failed(Sink& out, std::string_view message, std::string reason) {
    StatusLine line{"decrypt", Status::failed, {{"reason", std::move(reason)}}};
    write_failure_message(out, message, line);
    return {line};
}

std::vector<StatusLine> not_encrypted(Sink& out, std::string_view message) {
    write_with_header(out, message, k_header, "none");
    return {StatusLine{"decrypt", Status::none, {}}};
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

// The decrypted message: prefix (outer headers, ...), the decrypted entity's
// header fields minus forged X-SMIME-* and MIME-Version, then its body, CRLF
// turned into eol on the way. Forged fields deeper in the body are removed
// too.
void write_decrypted(Sink& out, const std::string& prefix, const mime::Entity& inner, std::string_view eol) {
    std::string head;
    for (const auto& h : inner.headers) {
        if (!mime::istarts_with(h.name, "X-SMIME-") && !mime::iequals(h.name, "MIME-Version")) {
            head += eol == "\n" ? mime::to_lf(h.raw) : std::string(h.raw);
        }
    }
    head += eol;
    out.write(prefix);
    if (!mime::mentions_smime_header(inner.body)) {
        out.write(head);
        mime::write_in_eol(out, inner.body, eol);
        return;
    }
    // Forged fields deeper in: the entity is put together, then rewritten.
    SpillBuffer entity;
    entity.write(head);
    mime::write_in_eol(entity, inner.body, eol);
    util::DroppableInput entity_pages(entity.file_mapping());
    mime::write_without_smime_headers(out, entity.view());
}

std::vector<StatusLine> decrypt_entity(Context& ctx, Keyring& keyring, std::string_view message,
                                       const VerifyParams& verify_params, Sink& out) {
    if (auto too_large = oversize_reason(ctx.config(), message.size())) {
        return failed(out, message, *too_large);
    }
    if (auto too_deep = too_deep_reason(message)) {
        return failed(out, message, *too_deep);
    }
    mime::Entity msg = mime::parse_entity(message);
    mime::ContentType ct = mime::content_type_of(msg);
    if (!is_encrypted_type(ct)) {
        if (has_nested_encrypted_part(msg, ct)) {
            StatusLine line{"decrypt", Status::failed,
                            {{"reason", "an encrypted part inside a multipart message is not decrypted"}}};
            write_with_header(out, message, k_header, encryption_header_value(line));
            return {line};
        }
        return not_encrypted(out, message);
    }

    // The DER and the plaintext go through scratch files, so a 100 MB
    // message is never held whole in memory; nothing of the plaintext is
    // looked at before open_envelope found it whole and authentic.
    SpillBuffer der_file;
    SpillBuffer plaintext;
    OpenResult opened;
    try {
        ByteView der = encrypted_der(msg, der_file);
        util::DroppableInput der_pages(der_file.file_mapping());  // else der lies in the input
        if (cms::content_type(der) == oid::signed_data) {  // opaque signed, not encrypted
            return not_encrypted(out, message);
        }
        opened = open_envelope(ctx, keyring, der, plaintext);
    } catch (const Error& e) {
        if (e.code() != Errc::parse) {
            throw;
        }
        return failed(out, message, std::string("malformed encrypted message: ") + e.what());
    }
    if (!opened.ok) {
        return failed(out, message, opened.reason);
    }

    std::string_view text = plaintext.view().substr(0, opened.plaintext_size);
    util::DroppableInput text_pages(plaintext.file_mapping());
    StatusLine line{"decrypt", Status::ok,
                    {{"recipient", opened.recipient},
                     {"cipher", std::string(to_string(opened.cipher))},
                     {"integrity", opened.aead ? "aead" : "none"}}};
    mime::Entity inner = mime::parse_entity(text);
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
    if (!signed_inside && !protected_headers) {
        write_decrypted(out, prefix, inner, msg.eol);
        return {line};
    }

    // Read again (the protected Subject, a signature): made whole first.
    SpillBuffer composed;
    write_decrypted(composed, prefix, inner, msg.eol);
    std::string_view decrypted = composed.view();
    util::DroppableInput composed_pages(composed.file_mapping());
    std::string restored;
    if (protected_headers) {
        restored = restore_protected(decrypted);  // in memory: such messages are rare
        decrypted = restored;
        signed_inside = is_signed(mime::parse_entity(decrypted));
    }
    if (!signed_inside) {
        write_with_header(out, decrypted, k_header, encryption_header_value(line));
        return {line};
    }
    SpillBuffer verified_file;
    VerifyResult verified = verify_message(ctx, keyring, decrypted, verify_params, verified_file);
    if (!opened.aead && verified.status.status == Status::ok) {
        line.fields[2].second = "signature";
    }
    // verify has removed forged X-SMIME-* and added its own header: keep that one.
    std::string_view verified_message = verified_file.view();
    util::DroppableInput verified_pages(verified_file.file_mapping());
    write_with_header(out, verified_message, k_header, encryption_header_value(line), false);
    return {line, verified.status};
}

}  // namespace

// An mbox envelope line ("From alice@… date", as procmail hands mail to its
// filters) is no header field: it stays in front of whatever is written.
DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const VerifyParams& verify_params, Sink& out) {
    util::DroppableInput input_pages(ctx.input_mapping());
    std::string_view envelope = mime::take_envelope_line(message);
    out.write(envelope);
    DecryptResult result;
    result.status = decrypt_entity(ctx, keyring, message, verify_params, out);
    return result;
}

DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const VerifyParams& verify_params) {
    return ops::with_string_output<DecryptResult>(
        [&](Sink& out) { return decrypt_message(ctx, keyring, message, verify_params, out); });
}

}  // namespace smime
