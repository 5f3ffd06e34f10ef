#include "ops/decrypt_report.hpp"

#include <gnutls/crypto.h>

#include "tasn1/ber.hpp"
#include "mime/headers.hpp"

namespace smime::cms {

namespace {
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        if (c != '\r' && c != '\n') {
            out.push_back(c);
        }
    }
    return out + "\"";
}

bool stays_outside(const mime::HeaderField& h) {
    return !mime::istarts_with(h.name, "Content-") && !mime::iequals(h.name, "MIME-Version") &&
           !mime::istarts_with(h.name, "X-SMIME-");
}

std::string boundary_for(std::string_view original) {
    for (;;) {
        std::uint8_t random[12];
        gnutls_rnd(GNUTLS_RND_NONCE, random, sizeof random);
        std::string boundary = "=-smime-";
        for (auto b : random) {
            boundary.push_back("0123456789abcdef"[b >> 4]);
            boundary.push_back("0123456789abcdef"[b & 15]);
        }
        if (original.find(boundary) == std::string_view::npos) {
            return boundary;
        }
    }
}
}  // namespace

std::string encryption_header_value(const StatusLine& line) {
    std::string out(to_string(line.status));
    for (const auto& [name, value] : line.fields) {
        out += "; " + name + "=" + quoted(value);
    }
    return out;
}

std::string outer_headers(const mime::Entity& msg) {
    std::string out;
    for (const auto& h : msg.headers) {
        if (stays_outside(h)) {
            out.append(h.raw);
            if (h.raw.empty() || h.raw.back() != '\n') {
                out.append(msg.eol);
            }
        }
    }
    return out;
}

std::string with_header(std::string_view message, std::string_view name, std::string_view value, bool strip_all) {
    if (strip_all && mime::mentions_smime_header(message)) {
        // Forged fields hide at any depth, not only on top (SPEC decrypt).
        return with_header(mime::strip_smime_headers(message), name, value, false);
    }
    mime::Entity msg = mime::parse_entity(message);
    std::string out;
    out.reserve(message.size() + 200);
    for (const auto& h : msg.headers) {
        bool drop = strip_all ? mime::istarts_with(h.name, "X-SMIME-") : mime::iequals(h.name, name);
        if (!drop) {
            out.append(h.raw);
            if (h.raw.empty() || h.raw.back() != '\n') {
                out.append(msg.eol);
            }
        }
    }
    out.append(name).append(": ").append(value).append(msg.eol);
    out.append(msg.eol);
    out.append(msg.body);
    return out;
}

void strip_forged_headers(std::string& output, std::size_t from) {
    std::string_view entity = std::string_view(output).substr(from);
    if (!mime::mentions_smime_header(entity)) {
        return;  // the common case: nothing to rewrite
    }
    std::string clean = mime::strip_smime_headers(entity);
    output.resize(from);
    output.append(clean);
}

std::string failure_message(std::string_view original, const StatusLine& line) {
    mime::Entity msg = mime::parse_entity(original);
    std::string_view eol = msg.eol;
    std::string boundary = boundary_for(original);
    std::string reason;
    for (const auto& [name, value] : line.fields) {
        if (name == "reason") {
            reason = value;
        }
    }
    std::string out = outer_headers(msg);
    out.append("X-SMIME-Encryption: ").append(encryption_header_value(line)).append(eol);
    out.append("MIME-Version: 1.0").append(eol);
    out.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"").append(eol);
    out.append(eol);
    out.append("--").append(boundary).append(eol);
    out.append("Content-Type: text/plain; charset=utf-8").append(eol).append(eol);
    out.append("Could not decrypt message").append(eol).append(reason).append(eol);
    out.append("--").append(boundary).append(eol);
    out.append("Content-Type: message/rfc822").append(eol);
    out.append("Content-Disposition: attachment; filename=\"original.eml\"").append(eol).append(eol);
    out.append(original);
    if (!original.empty() && original.back() != '\n') {
        out.append(eol);
    }
    out.append("--").append(boundary).append("--").append(eol);
    return out;
}

}  // namespace smime::cms
