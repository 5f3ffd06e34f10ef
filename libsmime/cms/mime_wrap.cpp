#include "cms/mime_wrap.hpp"

#include "mime/line_ends.hpp"

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

namespace {
// 0..63 for base64 characters, 64 for whitespace, 65 for '=', 66 for anything else.
struct Base64Table {
    std::uint8_t v[256];
    constexpr Base64Table() : v() {
        for (auto& x : v) {
            x = 66;
        }
        const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i) {
            v[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
        }
        for (char c : {' ', '\t', '\r', '\n'}) {
            v[static_cast<unsigned char>(c)] = 64;
        }
        v[static_cast<unsigned char>('=')] = 65;
    }
};
constexpr Base64Table k_b64;
}  // namespace

std::size_t Base64Decoder::decode(std::string_view text, std::uint8_t* out) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    std::uint8_t* o = out;
    std::uint32_t acc = m_acc;
    int have = m_have;
    int padding = m_padding;
    while (p < end) {
        // Fast path: four alphabet characters in a row.
        if (have == 0 && padding == 0 && end - p >= 4) {
            std::uint32_t a = k_b64.v[p[0]], b = k_b64.v[p[1]], c = k_b64.v[p[2]], d = k_b64.v[p[3]];
            if ((a | b | c | d) < 64) {
                std::uint32_t n = (a << 18) | (b << 12) | (c << 6) | d;
                o[0] = static_cast<std::uint8_t>(n >> 16);
                o[1] = static_cast<std::uint8_t>(n >> 8);
                o[2] = static_cast<std::uint8_t>(n);
                o += 3;
                p += 4;
                continue;
            }
        }
        std::uint8_t v = k_b64.v[*p++];
        if (v == 64) {
            continue;
        }
        if (v == 66 || (v < 64 && padding > 0)) {
            throw Error(Errc::parse, "malformed base64 in the encrypted part");
        }
        if (v == 65) {
            ++padding;
            if (have < 2 || have + padding > 4) {
                throw Error(Errc::parse, "malformed base64 in the encrypted part");
            }
            if (have + padding == 4) {
                if (have == 2) {
                    *o++ = static_cast<std::uint8_t>(acc >> 4);
                } else {
                    *o++ = static_cast<std::uint8_t>(acc >> 10);
                    *o++ = static_cast<std::uint8_t>(acc >> 2);
                }
                have = 0;
                acc = 0;
            }
            continue;
        }
        acc = (acc << 6) | v;
        if (++have == 4) {
            *o++ = static_cast<std::uint8_t>(acc >> 16);
            *o++ = static_cast<std::uint8_t>(acc >> 8);
            *o++ = static_cast<std::uint8_t>(acc);
            have = 0;
            acc = 0;
        }
    }
    m_acc = acc;
    m_have = have;
    m_padding = padding;
    return static_cast<std::size_t>(o - out);
}

void Base64Decoder::finish() const {
    if (m_have != 0) {
        throw Error(Errc::parse, "malformed base64 in the encrypted part (truncated)");
    }
}

std::size_t base64_decode_into(std::string_view text, std::uint8_t* out) {
    Base64Decoder decoder;
    std::size_t size = decoder.decode(text, out);
    decoder.finish();
    return size;
}

Bytes base64_decode(std::string_view text) {
    Bytes out(text.size() / 4 * 3 + 3);
    out.resize(base64_decode_into(text, out.data()));
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

// Line-end conversions are the shared ones of libsmime/mime/line_ends.hpp.
std::string to_crlf(std::string_view text) { return smime::mime::to_crlf(text); }

std::string from_crlf(std::string_view text, std::string_view eol) {
    return eol == "\r\n" ? smime::mime::to_crlf(text) : smime::mime::to_lf(text);
}

}  // namespace smime::cms::mime
