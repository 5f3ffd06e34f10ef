#include "mime/line_ends.hpp"

#include <algorithm>
#include <cstring>

#include "util/read_ahead.hpp"

namespace smime::mime {

namespace {
bool bare_lf_at(std::string_view text, const char* newline) noexcept {
    return newline == text.data() || newline[-1] != '\r';
}
}  // namespace

bool has_bare_lf(std::string_view text) noexcept {
    const char* p = text.data();
    const char* end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
        if (bare_lf_at(text, p)) {
            return true;
        }
        ++p;
    }
    return false;
}

std::string to_crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    append_crlf(out, text);
    return out;
}

void append_crlf(std::string& out, std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t newline = text.find('\n', pos);
        if (newline == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, newline - pos));
        if (bare_lf_at(text, text.data() + newline)) {
            out.push_back('\r');
        }
        out.push_back('\n');
        pos = newline + 1;
    }
}

std::size_t crlf_size(std::string_view text) noexcept {
    std::size_t extra = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (nl == nullptr) {
            break;
        }
        extra += bare_lf_at(text, nl) ? 1 : 0;
        p = nl + 1;
    }
    return text.size() + extra;
}

std::size_t crlf_fill(std::string_view text, std::size_t& pos, char* buf, std::size_t cap) noexcept {
    std::size_t n = 0;
    while (pos < text.size() && cap - n >= 2) {
        std::size_t room = cap - n - 1;  // keep one byte for a CR before a bare LF
        std::size_t span = std::min(room, text.size() - pos);
        const auto* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', span));
        if (nl == nullptr) {
            std::memcpy(buf + n, text.data() + pos, span);
            n += span;
            pos += span;
            continue;
        }
        std::size_t seg = static_cast<std::size_t>(nl - (text.data() + pos));
        std::memcpy(buf + n, text.data() + pos, seg);
        n += seg;
        pos += seg + 1;
        if (bare_lf_at(text, nl)) {
            buf[n++] = '\r';
        }
        buf[n++] = '\n';
    }
    return n;
}

std::string to_lf(std::string_view text) {
    std::string out(text);
    out.resize(move_from_crlf(out.data(), 0, 0, out.size(), "\n"));
    return out;
}

std::size_t move_from_crlf(char* buf, std::size_t dst, std::size_t src, std::size_t len, std::string_view eol) noexcept {
    if (eol == "\r\n") {
        std::memmove(buf + dst, buf + src, len);
        return dst + len;
    }
    std::size_t end = src + len;
    while (src < end) {
        const char* cr = static_cast<const char*>(std::memchr(buf + src, '\r', end - src));
        std::size_t stop = cr == nullptr ? end : static_cast<std::size_t>(cr - buf);
        std::memmove(buf + dst, buf + src, stop - src);
        dst += stop - src;
        src = stop;
        if (src < end) {
            if (src + 1 < end && buf[src + 1] == '\n') {
                buf[dst++] = '\n';
                src += 2;
            } else {
                buf[dst++] = buf[src++];
            }
        }
    }
    return dst;
}

void write_in_eol(Sink& out, std::string_view crlf_text, std::string_view eol) {
    util::for_each_line_piece(crlf_text, util::droppable_for(crlf_text), [&](std::string_view piece, std::size_t) {
        if (eol == "\n") {
            out.write(to_lf(piece));  // pieces end after an LF: no CRLF is cut
        } else {
            out.write(piece);
        }
    });
}

}  // namespace smime::mime
