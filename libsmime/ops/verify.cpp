// smime verify: find the outermost signature, check every signer (signature,
// path, sender), and hand back the unwrapped message or the flagged original
// (gpgsm sm/verify.c, without its goto leave).
#include <smime/verify.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

#include <smime/error.hpp>
#include <smime/limits.hpp>
#include <smime/spill_buffer.hpp>

#include "mime/compose.hpp"
#include "mime/depth.hpp"
#include "mime/entity.hpp"
#include "mime/headers.hpp"
#include "mime/line_ends.hpp"
#include "cms/raw_fields.hpp"
#include "ops/revocation_online.hpp"
#include "ops/verify_learn.hpp"
#include "ops/string_output.hpp"
#include "ops/verify_locate.hpp"
#include "pki/sender.hpp"
#include "pki/signers.hpp"
#include "pki/trust.hpp"
#include "util/read_ahead.hpp"

namespace smime {

namespace {

using namespace signature;

constexpr const char* k_header = "X-SMIME-Signature";

struct Verdict {
    Status status = Status::none;
    Fields fields;              // status fields after op/status; "reason" first when not ok
    std::string_view content;   // ok: the signed entity to output (into the input or `store`)
    bool opaque = false;        // content was taken out of the SignedData (CRLF)
    std::unique_ptr<SpillBuffer> store;  // opaque: what content lies in
};

Verdict failed(std::string reason) {
    Verdict verdict;
    verdict.status = Status::failed;
    verdict.fields = {{"reason", std::move(reason)}};
    return verdict;
}

Verdict reported(Status status, std::string reason) {
    Verdict verdict = failed(std::move(reason));
    verdict.status = status;
    return verdict;
}

std::string_view chars(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// The SignedData checks common to detached and opaque signatures.
Verdict check_signed_data(Context& ctx, Keyring& keyring, const mime::Entity& message, Located& located,
                          const VerifyParams& params) {
    // Opaque: GnuTLS is given the SignedData without its content, which we
    // read in place (its OCTET STRING segments, in the decoded body).
    std::optional<SplitSignedData> split;
    if (located.kind == Found::opaque) {
        try {
            split = split_signed_data(located.der);
        } catch (const Error&) {
            return failed("the signature is not a valid CMS SignedData");
        }
    }
    std::span<const std::uint8_t> signed_data = split ? std::span<const std::uint8_t>(split->without_content) : located.der;
    auto pkcs7 = gtls::make_pkcs7();
    gnutls_datum_t der = gtls::borrow(signed_data);
    if (gnutls_pkcs7_import(pkcs7.get(), &der, GNUTLS_X509_FMT_DER) < 0) {
        return failed("the signature is not a valid CMS SignedData");
    }
    SignedBytes content;
    if (located.kind == Found::detached) {
        gtls::Datum embedded;
        if (gnutls_pkcs7_get_embedded_data(pkcs7.get(), 0, embedded.out()) >= 0) {
            return failed("the detached signature carries content of its own");
        }
        // Mail stored with LF line ends was signed in CRLF form; no other
        // change is made to what is checked.
        content = {{located.content}, true};
    } else {
        for (auto segment : split->content) {
            content.pieces.push_back(chars(segment));
        }
        if (std::ranges::all_of(content.pieces, [](std::string_view p) { return p.empty(); })) {
            return failed("the signed-data carries no content");
        }
        const char* oid = gnutls_pkcs7_get_embedded_data_oid(pkcs7.get());
        if (oid == nullptr || std::string_view(oid) != "1.2.840.113549.1.7.1") {
            return failed("the signed content is not MIME data");
        }
    }

    // Bounded work for whatever a sender packs into the SignedData (limits.hpp).
    if (gnutls_pkcs7_get_signature_count(pkcs7.get()) > static_cast<int>(limits::k_max_signer_infos)) {
        return failed("the signature has more than " + std::to_string(limits::k_max_signer_infos) + " signers");
    }
    if (gnutls_pkcs7_get_crt_count(pkcs7.get()) > static_cast<int>(limits::k_max_signed_data_certificates)) {
        return failed("the signature carries more than " + std::to_string(limits::k_max_signed_data_certificates) +
                      " certificates");
    }
    auto carried = carried_certificates(pkcs7.get());
    auto checks = check_signers(pkcs7.get(), signed_data, content, keyring, carried);
    if (checks.empty()) {
        return failed("the signature has no signer");
    }
    TrustParams trust;
    trust.at = params.at ? *params.at : std::chrono::system_clock::to_time_t(ctx.now());
    trust.system_trust = params.system_trust.value_or(ctx.config().system_trust.value_or(false));
    trust.require_crl = params.require_crl.value_or(ctx.config().require_crl.value_or(false));

    // Every signer must be valid; one of them must be the sender.
    const SignerCheck* matched = nullptr;
    std::string matched_address;
    std::string sender_problem;
    std::vector<PathVerdict> paths;
    for (const auto& check : checks) {
        std::string prefix = checks.size() > 1 ? "signer " + std::to_string(paths.size() + 1) + ": " : "";
        if (!check.ok) {
            return failed(prefix + check.reason);
        }
        PathVerdict path = validate_signer(keyring, *check.cert, carried, trust);
        if (!path.ok) {
            return failed(prefix + path.reason);
        }
        paths.push_back(std::move(path));
        if (matched != nullptr) {
            continue;
        }
        if (!params.sender_check) {
            matched = &check;
            matched_address = display_name(*check.cert);
            continue;
        }
        SenderMatch sender = match_sender(message, check.cert->emails);
        if (sender.ok) {
            matched = &check;
            matched_address = sender.address;
        } else if (sender_problem.empty()) {
            sender_problem = sender.reason;
        }
    }
    if (matched == nullptr) {
        return failed(sender_problem);
    }
    // Only now, every path valid: revocation beyond the keyring's CRLs.
    std::string revocation_source;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        std::vector<CertInfo> path{*checks[i].cert};
        path.insert(path.end(), paths[i].path.begin(), paths[i].path.end());
        auto online = ops::check_revocation_online(ctx, keyring, path, trust.at, params.at.has_value());
        if (ops::revocation_refuses(ctx, online)) {
            return failed((checks.size() > 1 ? "signer " + std::to_string(i + 1) + ": " : "") + online.reason);
        }
        if (&checks[i] == matched) {
            revocation_source = online.source;
        }
    }

    Verdict verdict;
    verdict.status = Status::ok;
    verdict.fields = {{"signer", matched_address}, {"fingerprint", matched->cert->fingerprint}};
    if (matched->signing_time != -1) {
        verdict.fields.emplace_back("signing_time", format_time(matched->signing_time));
    }
    if (!params.sender_check) {
        verdict.fields.emplace_back("sender-check", "off");
    }
    verdict.fields.emplace_back("revocation", revocation_source);
    if (params.at) {
        verdict.fields.emplace_back("at", format_time(*params.at));
    }
    if (params.learn) {
        for (std::size_t i = 0; i < checks.size(); ++i) {
            learn_signer(keyring, *checks[i].cert, paths[i].path, checks[i].capabilities, checks[i].signing_time);
        }
    }
    if (located.kind == Found::detached) {
        verdict.content = located.content;  // no copy: a view into the input
    } else if (content.pieces.size() == 1) {
        verdict.opaque = true;
        verdict.content = content.pieces[0];  // a view into the decoded body
        verdict.store = std::move(located.der_store);
    } else {
        verdict.opaque = true;  // a BER segmented content, put together once
        verdict.store = std::make_unique<SpillBuffer>();
        util::for_each_chunk(content.pieces, [&](std::string_view chunk) { verdict.store->write(chunk); });
        verdict.content = verdict.store->view();
    }
    return verdict;
}

// The header's parameters: everything in the status line except signing
// time, --at and where the revocation answer came from, which stay in the
// status stream.
Fields header_params(const Verdict& verdict) {
    Fields params;
    for (const auto& [key, value] : verdict.fields) {
        if (key != "signing_time" && key != "at" && key != "revocation") {
            params.emplace_back(key, value);
        }
    }
    return params;
}

// ok: the outer headers (without the Content-* that described the signed
// wrapper, and without forged X-SMIME-*), our header, then the signed entity.
void write_unwrapped(Sink& out, const mime::Entity& message, const Verdict& verdict) {
    std::string head;
    for (const auto& field : message.headers) {
        if (!mime::is_content_header(field.name) && !mime::is_smime_header(field.name)) {
            head += field.raw;
        }
    }
    head += mime::status_header(k_header, "ok", header_params(verdict), message.eol);
    util::DroppableInput store_pages(verdict.store ? verdict.store->file_mapping() : std::string_view());
    // Opaque content is CRLF; a message stored with LF gets LF back.
    if (message.eol == "\n" && verdict.opaque) {
        out.write(head);
        if (!mime::mentions_smime_header(verdict.content)) {
            mime::write_in_eol(out, verdict.content, "\n");
            return;
        }
        SpillBuffer content;  // forged fields inside: converted first, then rewritten
        mime::write_in_eol(content, verdict.content, "\n");
        util::DroppableInput content_pages(content.file_mapping());
        mime::write_without_smime_headers(out, content.view());
        return;
    }
    out.write(head);
    mime::write_without_smime_headers(out, verdict.content);
}

// failed / partial / none: the original, forged headers removed, flagged.
void write_flagged(Sink& out, std::string_view message, const mime::Entity& parsed, const Verdict& verdict) {
    out.write(mime::status_header(k_header, to_string(verdict.status), header_params(verdict), parsed.eol));
    mime::write_without_smime_headers(out, message);
}

// What locate_signature found, judged.
Verdict check_message(Context& ctx, Keyring& keyring, const mime::Entity& parsed, const VerifyParams& params) {
    Located located = locate_signature(parsed);
    switch (located.kind) {
    case Found::none:
        return reported(Status::none, located.reason);
    case Found::partial:
        return reported(Status::partial, located.reason);
    case Found::malformed:
        return failed(located.reason);
    case Found::detached:
    case Found::opaque:
        break;
    }
    util::DroppableInput der_pages(located.der_store ? located.der_store->file_mapping() : std::string_view());
    return check_signed_data(ctx, keyring, parsed, located, params);
}

}  // namespace

VerifyResult verify_message(Context& ctx, Keyring& keyring, std::string_view message, const VerifyParams& params,
                            Sink& out) {
    util::DroppableInput droppable(ctx.input_mapping());
    std::string_view envelope = mime::take_envelope_line(message);
    mime::Entity parsed = mime::parse_entity(message);
    Verdict verdict;
    if (auto too_large = oversize_reason(ctx.config(), message.size())) {
        verdict = failed(*too_large);
    } else if (mime::nested_deeper_than(message, limits::k_max_mime_depth)) {
        verdict = failed(std::string(mime::too_deep_reason()));
    } else {
        verdict = check_message(ctx, keyring, parsed, params);
    }
    out.write(envelope);
    if (verdict.status == Status::ok) {
        write_unwrapped(out, parsed, verdict);
    } else {
        write_flagged(out, message, parsed, verdict);
    }
    return VerifyResult{StatusLine{"verify", verdict.status, verdict.fields}, {}};
}

VerifyResult verify_message(Context& ctx, Keyring& keyring, std::string_view message, const VerifyParams& params) {
    return ops::with_string_output<VerifyResult>(
        [&](Sink& out) { return verify_message(ctx, keyring, message, params, out); });
}

}  // namespace smime
