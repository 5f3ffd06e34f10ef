// smime decrypt (SPEC decrypt): only a message whose whole body is
// encrypted is decrypted; the result keeps the outer headers and gets an
// X-SMIME-Encryption header; signed content inside is verified too.
#include <smime/decrypt.hpp>

#include <smime/error.hpp>
#include <smime/verify.hpp>

#include "cms/envelope.hpp"
#include "cms/mime_wrap.hpp"
#include "cms/nested.hpp"
#include "cms/oids.hpp"
#include "cms/open_envelope.hpp"
#include "cms/report.hpp"

namespace smime {

namespace {
using namespace cms;

constexpr const char* k_header = "X-SMIME-Encryption";

DecryptResult failed(std::string_view message, std::string reason) {
    StatusLine line{"decrypt", Status::failed, {{"reason", std::move(reason)}}};
    return {{line}, failure_message(message, line)};
}

DecryptResult not_encrypted(std::string_view message) {
    StatusLine line{"decrypt", Status::none, {}};
    return {{line}, with_header(message, k_header, "none")};
}

bool is_signed(const mime::ContentType& ct) {
    if (ct.type == "multipart/signed") {
        return true;
    }
    if (ct.type != "application/pkcs7-mime" && ct.type != "application/x-pkcs7-mime") {
        return false;
    }
    auto it = ct.params.find("smime-type");
    return it != ct.params.end() && mime::iequals(it->second, "signed-data");
}

// Decrypted entity (CRLF canonical) -> its header fields, minus forged
// X-SMIME-* and a second MIME-Version, in the message's line ending.
std::string inner_entity(std::string_view plaintext, std::string_view eol, mime::ContentType& type) {
    std::string entity = mime::from_crlf(plaintext, eol);
    mime::SplitMessage inner = mime::split_message(entity);
    type = mime::parse_content_type(inner.get("Content-Type"));
    std::string out;
    out.reserve(entity.size());
    for (const auto& h : inner.headers) {
        if (!mime::istarts_with(h.name, "X-SMIME-") && !mime::iequals(h.name, "MIME-Version")) {
            out.append(h.raw);
        }
    }
    out.append(eol);
    out.append(inner.body);
    return out;
}

// A message encrypted with --protect-headers carries message/rfc822
// (forwarded=no) inside: its Subject is the real one.
std::string restore_protected(std::string outer, const mime::ContentType& type, std::string entity) {
    (void)type;
    mime::SplitMessage wrapper = mime::split_message(entity);
    mime::SplitMessage inner = mime::split_message(wrapper.body);
    outer.append(wrapper.eol);
    mime::SplitMessage outside = mime::split_message(outer);
    std::string out;
    for (const auto& h : outside.headers) {
        if (!mime::iequals(h.name, "Subject")) {
            out.append(h.raw);
        }
    }
    for (const auto& h : inner.headers) {
        if (mime::iequals(h.name, "Subject") || mime::istarts_with(h.name, "Content-")) {
            out.append(h.raw);
        }
    }
    out.append(inner.eol);
    out.append(inner.body);
    return out;
}
}  // namespace

DecryptResult decrypt_message(Context& ctx, Keyring& keyring, std::string_view message,
                              const VerifyParams& verify_params) {
    mime::SplitMessage msg = mime::split_message(message);
    std::string content_type = msg.get("Content-Type");
    mime::ContentType ct = mime::parse_content_type(content_type);
    if (!is_encrypted_type(content_type)) {
        if (ct.type.starts_with("multipart/") && has_nested_encrypted_part(message)) {
            StatusLine line{"decrypt", Status::failed,
                            {{"reason", "an encrypted part inside a multipart message is not decrypted"}}};
            return {{line}, with_header(message, k_header, encryption_header_value(line))};
        }
        return not_encrypted(message);
    }

    Bytes der;
    OpenResult opened;
    try {
        std::string encoding = msg.get("Content-Transfer-Encoding");
        if (mime::iequals(encoding, "base64")) {
            der = mime::base64_decode(msg.body);
        } else {
            der.assign(msg.body.begin(), msg.body.end());
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

    std::string_view plaintext(reinterpret_cast<const char*>(der.data()), opened.plaintext_size);
    StatusLine line{"decrypt", Status::ok,
                    {{"recipient", opened.recipient},
                     {"cipher", std::string(to_string(opened.cipher))},
                     {"integrity", opened.aead ? "aead" : "none"}}};
    mime::SplitMessage inner = mime::split_message(plaintext);
    mime::ContentType inner_type = mime::parse_content_type(inner.get("Content-Type"));
    bool protected_headers = inner_type.type == "message/rfc822" && inner_type.params.count("forwarded") != 0 &&
                             mime::iequals(inner_type.params["forwarded"], "no");
    bool signed_inside = is_signed(inner_type);

    // The output, written once: outer headers, our header (unless a
    // signature is still to be checked: verify removes X-SMIME-* first),
    // the decrypted entity in the message's line ending.
    std::string output;
    output.reserve(message.size() / 8 + plaintext.size() + 1024);
    output.append(outer_headers(msg));
    if (!signed_inside && !protected_headers) {
        output.append(k_header).append(": ").append(encryption_header_value(line)).append(msg.eol);
    }
    output.append("MIME-Version: 1.0").append(msg.eol);
    if (protected_headers) {
        std::string entity = inner_entity(plaintext, msg.eol, inner_type);
        output = restore_protected(std::move(output), inner_type, std::move(entity));
        inner_type = mime::parse_content_type(mime::split_message(output).get("Content-Type"));
        signed_inside = is_signed(inner_type);
    } else {
        for (const auto& h : inner.headers) {
            if (!mime::istarts_with(h.name, "X-SMIME-") && !mime::iequals(h.name, "MIME-Version")) {
                mime::append_from_crlf(output, h.raw, msg.eol);
            }
        }
        output.append(msg.eol);
        mime::append_from_crlf(output, inner.body, msg.eol);
    }
    Bytes().swap(der);

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
    result.output = with_header(output, k_header, encryption_header_value(line));
    return result;
}

}  // namespace smime
