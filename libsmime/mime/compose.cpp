#include "mime/compose.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "mime/base64.hpp"

namespace smime::mime {

std::string random_boundary() {
    std::array<std::uint8_t, 12> random{};
    gnutls_rnd(GNUTLS_RND_NONCE, random.data(), random.size());
    std::string boundary = "=_smime_";
    static constexpr char k_hex[] = "0123456789abcdef";
    for (auto b : random) {
        boundary.push_back(k_hex[b >> 4]);
        boundary.push_back(k_hex[b & 15]);
    }
    return boundary;
}

std::string make_boundary(std::string_view content) {
    for (;;) {
        std::string boundary = random_boundary();
        if (::memmem(content.data(), content.size(), boundary.data(), boundary.size()) == nullptr) {
            return boundary;
        }
    }
}

void reserve_output(std::string& buffer, std::size_t size) {
    buffer.reserve(size);
    constexpr std::size_t k_min = 8u << 20;
    if (buffer.capacity() < k_min) {
        return;
    }
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    auto begin = (reinterpret_cast<std::uintptr_t>(buffer.data()) + buffer.size() + page - 1) / page * page;
    auto end = (reinterpret_cast<std::uintptr_t>(buffer.data()) + buffer.capacity()) / page * page;
    if (end <= begin) {
        return;
    }
    void* start = reinterpret_cast<void*>(begin);
    ::madvise(start, end - begin, MADV_HUGEPAGE);         // advice only: errors do not matter
    ::madvise(start, end - begin, MADV_POPULATE_WRITE);
}

namespace {

constexpr std::string_view k_signature_headers =
    "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
    "Content-Description: S/MIME Cryptographic Signature\r\n\r\n";
}  // namespace

std::string multipart_signed_head(std::string_view outer_headers, std::string_view micalg,
                                  std::string_view boundary) {
    std::string out(outer_headers);
    out += "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=";
    out += micalg;
    out += ";\r\n boundary=\"";
    out += boundary;
    out += "\"\r\n\r\n";
    out += "This is a cryptographically signed message in MIME format.\r\n\r\n";
    out += "--";
    out += boundary;
    out += "\r\n";
    return out;
}

std::string multipart_signed_tail(std::string_view boundary, std::span<const std::uint8_t> signature_der) {
    std::string out = "\r\n--";
    out += boundary;
    out += "\r\n";
    out += k_signature_headers;
    out += base64_encode(signature_der);
    out += "\r\n--";
    out += boundary;
    out += "--\r\n";
    return out;
}

std::string multipart_signed(std::string_view outer_headers, std::string_view signed_entity,
                             std::span<const std::uint8_t> signature_der, std::string_view micalg) {
    std::string boundary = make_boundary(signed_entity);
    std::string out = multipart_signed_head(outer_headers, micalg, boundary);
    out += signed_entity;
    out += multipart_signed_tail(boundary, signature_der);
    return out;
}

std::string pkcs7_mime_head(std::string_view outer_headers, std::string_view smime_type) {
    std::string out(outer_headers);
    out += "Content-Type: application/pkcs7-mime; smime-type=";
    out += smime_type;
    out += "; name=\"smime.p7m\"\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n";
    return out;
}

std::string pkcs7_mime(std::string_view outer_headers, std::string_view smime_type,
                       std::span<const std::uint8_t> der) {
    std::string body = base64_encode(der);
    std::string out = pkcs7_mime_head(outer_headers, smime_type);
    out += body;
    return out;
}

}  // namespace smime::mime
