#include "ops/decrypt_report.hpp"

#include <gnutls/crypto.h>

#include <smime/spill_buffer.hpp>

#include "tasn1/ber.hpp"
#include "mime/headers.hpp"
#include "util/read_ahead.hpp"

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
        // A boundary holds no line end, so a piece (whole lines) holds any copy of it.
        bool found = false;
        util::for_each_line_piece(original, util::droppable_for(original), [&](std::string_view piece, std::size_t) {
            found = found || piece.find(boundary) != std::string_view::npos;
        });
        if (!found) {
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

void write_with_header(Sink& out, std::string_view message, std::string_view name, std::string_view value,
                       bool strip_all) {
    if (strip_all && mime::mentions_smime_header(message)) {
        // Forged fields hide at any depth, not only on top (SPEC decrypt).
        SpillBuffer stripped;
        mime::write_without_smime_headers(stripped, message);
        util::DroppableInput stripped_pages(stripped.file_mapping());
        write_with_header(out, stripped.view(), name, value, false);
        return;
    }
    mime::Entity msg = mime::parse_entity(message);
    std::string head;
    for (const auto& h : msg.headers) {
        bool drop = strip_all ? mime::istarts_with(h.name, "X-SMIME-") : mime::iequals(h.name, name);
        if (!drop) {
            head.append(h.raw);
            if (h.raw.empty() || h.raw.back() != '\n') {
                head.append(msg.eol);
            }
        }
    }
    head.append(name).append(": ").append(value).append(msg.eol);
    head.append(msg.eol);
    out.write(head);
    util::write_read_ahead(out, msg.body, util::droppable_for(msg.body));
}

void write_failure_message(Sink& out, std::string_view original, const StatusLine& line) {
    mime::Entity msg = mime::parse_entity(original);
    std::string_view eol = msg.eol;
    std::string boundary = boundary_for(original);
    std::string reason;
    for (const auto& [name, value] : line.fields) {
        if (name == "reason") {
            reason = value;
        }
    }
    std::string head = outer_headers(msg);
    head.append("X-SMIME-Encryption: ").append(encryption_header_value(line)).append(eol);
    head.append("MIME-Version: 1.0").append(eol);
    head.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"").append(eol);
    head.append(eol);
    head.append("--").append(boundary).append(eol);
    head.append("Content-Type: text/plain; charset=utf-8").append(eol).append(eol);
    head.append("Could not decrypt message").append(eol).append(reason).append(eol);
    head.append("--").append(boundary).append(eol);
    head.append("Content-Type: message/rfc822").append(eol);
    head.append("Content-Disposition: attachment; filename=\"original.eml\"").append(eol).append(eol);
    out.write(head);
    util::write_read_ahead(out, original, util::droppable_for(original));
    std::string tail;
    if (!original.empty() && original.back() != '\n') {
        tail.append(eol);
    }
    tail.append("--").append(boundary).append("--").append(eol);
    out.write(tail);
}

}  // namespace smime::cms
