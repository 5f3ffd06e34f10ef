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

std::string make_boundary(std::string_view content) {
    for (;;) {
        std::array<std::uint8_t, 12> random{};
        gnutls_rnd(GNUTLS_RND_NONCE, random.data(), random.size());
        std::string boundary = "=_smime_";
        static constexpr char k_hex[] = "0123456789abcdef";
        for (auto b : random) {
            boundary.push_back(k_hex[b >> 4]);
            boundary.push_back(k_hex[b & 15]);
        }
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

MultipartSignedWriter::MultipartSignedWriter(std::string_view outer_headers, std::string_view micalg,
                                             std::string_view source, std::size_t expected_size)
    : m_boundary(make_boundary(source)) {
    reserve_output(m_out, outer_headers.size() + expected_size + 8192);
    m_out += outer_headers;
    m_out += "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=";
    m_out += micalg;
    m_out += ";\r\n boundary=\"" + m_boundary + "\"\r\n\r\n";
    m_out += "This is a cryptographically signed message in MIME format.\r\n\r\n";
    m_out += "--" + m_boundary + "\r\n";
    m_entity_start = m_out.size();
}

std::string MultipartSignedWriter::finish(std::span<const std::uint8_t> signature_der) && {
    m_out += "\r\n--" + m_boundary + "\r\n";
    m_out += k_signature_headers;
    m_out += base64_encode(signature_der);
    m_out += "\r\n--" + m_boundary + "--\r\n";
    return std::move(m_out);
}

std::string multipart_signed(std::string_view outer_headers, std::string_view signed_entity,
                             std::span<const std::uint8_t> signature_der, std::string_view micalg) {
    MultipartSignedWriter writer(outer_headers, micalg, signed_entity, signed_entity.size());
    writer.entity_buffer() += signed_entity;
    return std::move(writer).finish(signature_der);
}

std::string pkcs7_mime(std::string_view outer_headers, std::string_view smime_type,
                       std::span<const std::uint8_t> der) {
    std::string body = base64_encode(der);
    std::string out;
    out.reserve(outer_headers.size() + body.size() + 256);
    out += outer_headers;
    out += "Content-Type: application/pkcs7-mime; smime-type=";
    out += smime_type;
    out += "; name=\"smime.p7m\"\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n";
    out += body;
    return out;
}

}  // namespace smime::mime
