#include "cms/mime_wrap.hpp"

#include <algorithm>
#include <cstring>

#include <nettle/base64.h>

#include <smime/error.hpp>

namespace smime::cms::mime {

namespace {
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

// The line at pos including its ending.
std::string_view line_at(std::string_view text, std::size_t pos) {
    std::size_t nl = text.find('\n', pos);
    return text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl + 1 - pos);
}

bool is_blank_line(std::string_view line) { return line == "\n" || line == "\r\n"; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return lower(x) == lower(y);
           });
}

bool istarts_with(std::string_view text, std::string_view prefix) noexcept {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string HeaderField::value() const {
    std::string_view rest = raw.substr(raw.find(':') + 1);
    std::string out;
    for (char c : rest) {
        if (c != '\r' && c != '\n') {
            out.push_back(c);
        }
    }
    return std::string(trim(out));
}

std::string SplitMessage::get(std::string_view name) const {
    for (const auto& h : headers) {
        if (iequals(h.name, name)) {
            return h.value();
        }
    }
    return {};
}

std::vector<std::string> SplitMessage::get_all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& h : headers) {
        if (iequals(h.name, name)) {
            out.push_back(h.value());
        }
    }
    return out;
}

SplitMessage split_message(std::string_view message) {
    SplitMessage msg;
    std::size_t first_nl = message.find('\n');
    if (first_nl != std::string_view::npos && first_nl > 0 && message[first_nl - 1] == '\r') {
        msg.eol = "\r\n";
    }
    std::size_t pos = 0;
    while (pos < message.size()) {
        std::string_view line = line_at(message, pos);
        if (is_blank_line(line)) {
            pos += line.size();
            break;
        }
        std::size_t colon = line.find(':');
        bool continuation = line[0] == ' ' || line[0] == '\t';
        if (continuation && !msg.headers.empty()) {
            HeaderField& last = msg.headers.back();
            last.raw = message.substr(last.raw.data() - message.data(), last.raw.size() + line.size());
            pos += line.size();
            continue;
        }
        std::string_view name = colon == std::string_view::npos ? std::string_view{} : trim(line.substr(0, colon));
        if (name.empty() || name.find_first_of(" \t") != std::string_view::npos) {
            break;  // not a header field: the body starts here (no blank line)
        }
        msg.headers.push_back({std::string(name), line});
        pos += line.size();
    }
    msg.body = message.substr(std::min(pos, message.size()));
    return msg;
}

ContentType parse_content_type(std::string_view value) {
    ContentType ct;
    std::size_t semi = value.find(';');
    std::string_view type = trim(value.substr(0, semi));
    for (char c : type) {
        ct.type.push_back(lower(c));
    }
    if (ct.type.empty()) {
        ct.type = "text/plain";
    }
    std::size_t pos = semi;
    while (pos != std::string_view::npos && pos < value.size()) {
        ++pos;  // past ';'
        std::size_t eq = value.find('=', pos);
        if (eq == std::string_view::npos) {
            break;
        }
        std::string name;
        for (char c : trim(value.substr(pos, eq - pos))) {
            name.push_back(lower(c));
        }
        std::size_t vpos = eq + 1;
        while (vpos < value.size() && (value[vpos] == ' ' || value[vpos] == '\t')) {
            ++vpos;
        }
        std::string val;
        if (vpos < value.size() && value[vpos] == '"') {
            ++vpos;
            while (vpos < value.size() && value[vpos] != '"') {
                if (value[vpos] == '\\' && vpos + 1 < value.size()) {
                    ++vpos;
                }
                val.push_back(value[vpos++]);
            }
            pos = value.find(';', vpos);
        } else {
            pos = value.find(';', vpos);
            val = std::string(trim(value.substr(vpos, pos == std::string_view::npos ? pos : pos - vpos)));
        }
        ct.params[name] = val;
    }
    return ct;
}

std::string base64_lines(ByteView data, std::string_view eol) {
    constexpr std::size_t k_line_bytes = 57;  // 76 characters
    std::size_t lines = (data.size() + k_line_bytes - 1) / k_line_bytes;
    std::string out;
    out.resize(BASE64_ENCODE_RAW_LENGTH(data.size()) + lines * eol.size());
    char* p = out.data();
    for (std::size_t off = 0; off < data.size(); off += k_line_bytes) {
        std::size_t n = std::min(k_line_bytes, data.size() - off);
        base64_encode_raw(p, n, data.data() + off);
        p += BASE64_ENCODE_RAW_LENGTH(n);
        std::memcpy(p, eol.data(), eol.size());
        p += eol.size();
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
    return out;
}

void Base64Writer::line(const std::uint8_t* data, std::size_t n) {
    std::size_t at = m_out.size();
    m_out.resize(at + BASE64_ENCODE_RAW_LENGTH(n));
    base64_encode_raw(m_out.data() + at, n, data);
    m_out.append(m_eol);
}

void Base64Writer::write(ByteView data) {
    if (m_carry_len > 0) {
        std::size_t take = std::min(data.size(), sizeof m_carry - m_carry_len);
        std::memcpy(m_carry + m_carry_len, data.data(), take);
        m_carry_len += take;
        data = data.subspan(take);
        if (m_carry_len < sizeof m_carry) {
            return;
        }
        line(m_carry, m_carry_len);
        m_carry_len = 0;
    }
    while (data.size() >= sizeof m_carry) {
        line(data.data(), sizeof m_carry);
        data = data.subspan(sizeof m_carry);
    }
    std::memcpy(m_carry, data.data(), data.size());
    m_carry_len = data.size();
}

void Base64Writer::finish() {
    if (m_carry_len > 0) {
        line(m_carry, m_carry_len);
        m_carry_len = 0;
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
        extra += (nl == text.data() || nl[-1] != '\r') ? 1 : 0;
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
        bool bare = (pos - 1 == 0) || text[pos - 2] != '\r';
        if (bare) {
            buf[n++] = '\r';
        }
        buf[n++] = '\n';
    }
    return n;
}

void append_from_crlf(std::string& out, std::string_view text, std::string_view eol) {
    if (eol == "\r\n") {
        out.append(text);
        return;
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t cr = text.find("\r\n", pos);
        if (cr == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, cr - pos));
        out.push_back('\n');
        pos = cr + 2;
    }
}

Bytes base64_decode(std::string_view text) {
    Bytes out(BASE64_DECODE_LENGTH(text.size()));
    base64_decode_ctx ctx;
    base64_decode_init(&ctx);
    std::size_t written = out.size();
    if (base64_decode_update(&ctx, &written, out.data(), text.size(), text.data()) == 0 ||
        base64_decode_final(&ctx) == 0) {
        throw Error(Errc::parse, "malformed base64 in the encrypted part");
    }
    out.resize(written);
    return out;
}

std::string to_crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        bool has_cr = nl > 0 && text[nl - 1] == '\r';
        out.append(text.substr(pos, nl - pos - (has_cr ? 1 : 0)));
        out.append("\r\n");
        pos = nl + 1;
    }
    return out;
}

std::string from_crlf(std::string_view text, std::string_view eol) {
    if (eol == "\r\n") {
        return to_crlf(text);
    }
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t cr = text.find("\r\n", pos);
        if (cr == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, cr - pos));
        out.push_back('\n');
        pos = cr + 2;
    }
    return out;
}

}  // namespace smime::cms::mime
