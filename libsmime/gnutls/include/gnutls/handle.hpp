// Owners for GnuTLS and libtasn1 handles: each is wrapped at birth by a
// make_*() factory, so no handle exists without an owner.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <libtasn1.h>

namespace smime::gtls {

template <auto F>
struct Free {
    void operator()(auto* p) const noexcept { F(p); }
};

// unique_ptr to what a GnuTLS handle type (a pointer typedef) points at.
template <typename Handle, auto F>
using Owner = std::unique_ptr<std::remove_pointer_t<Handle>, Free<F>>;

using X509Crt = Owner<gnutls_x509_crt_t, gnutls_x509_crt_deinit>;
using X509Crl = Owner<gnutls_x509_crl_t, gnutls_x509_crl_deinit>;
using X509Privkey = Owner<gnutls_x509_privkey_t, gnutls_x509_privkey_deinit>;
using Privkey = Owner<gnutls_privkey_t, gnutls_privkey_deinit>;
using Pubkey = Owner<gnutls_pubkey_t, gnutls_pubkey_deinit>;
inline void trust_list_free(gnutls_x509_trust_list_t p) noexcept { gnutls_x509_trust_list_deinit(p, 1); }
inline void asn1_node_free(asn1_node p) noexcept { asn1_delete_structure(&p); }

using TrustList = Owner<gnutls_x509_trust_list_t, trust_list_free>;
using Pkcs7 = Owner<gnutls_pkcs7_t, gnutls_pkcs7_deinit>;
using Pkcs12 = Owner<gnutls_pkcs12_t, gnutls_pkcs12_deinit>;
using Pkcs12Bag = Owner<gnutls_pkcs12_bag_t, gnutls_pkcs12_bag_deinit>;
using CipherHandle = Owner<gnutls_cipher_hd_t, gnutls_cipher_deinit>;
using AeadHandle = Owner<gnutls_aead_cipher_hd_t, gnutls_aead_cipher_deinit>;
using Asn1Node = Owner<asn1_node, asn1_node_free>;

X509Crt make_x509_crt();
X509Crl make_x509_crl();
X509Privkey make_x509_privkey();
Privkey make_privkey();
Pubkey make_pubkey();
TrustList make_trust_list();
Pkcs7 make_pkcs7();
Pkcs12 make_pkcs12();
Pkcs12Bag make_pkcs12_bag();

// A gnutls_datum_t whose data GnuTLS allocated; freed with gnutls_free.
class Datum {
public:
    Datum() noexcept = default;
    Datum(const Datum&) = delete;
    Datum& operator=(const Datum&) = delete;
    Datum(Datum&& other) noexcept : m_datum(other.m_datum) { other.m_datum = {nullptr, 0}; }
    Datum& operator=(Datum&& other) noexcept;
    ~Datum() { gnutls_free(m_datum.data); }

    gnutls_datum_t* out() noexcept { return &m_datum; }  // for GnuTLS to fill
    std::span<const std::uint8_t> bytes() const noexcept { return {m_datum.data, m_datum.size}; }
    std::string_view view() const noexcept {
        return {reinterpret_cast<const char*>(m_datum.data), m_datum.size};
    }

private:
    gnutls_datum_t m_datum{nullptr, 0};
};

// A non-owning datum over bytes we hold (GnuTLS takes non-const pointers).
inline gnutls_datum_t borrow(std::span<const std::uint8_t> bytes) noexcept {
    return {const_cast<unsigned char*>(bytes.data()), static_cast<unsigned>(bytes.size())};
}
inline gnutls_datum_t borrow(std::string_view text) noexcept {
    return {reinterpret_cast<unsigned char*>(const_cast<char*>(text.data())), static_cast<unsigned>(text.size())};
}

// Throws Error{Errc::crypto, "<where>: <gnutls_strerror>", rc} when rc < 0.
int check(int rc, const char* where);

// Like check(), but returns the codes the caller treats as normal outcomes
// (e.g. GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE at the end of a loop).
template <int... Expected>
int check_expecting(int rc, const char* where) {
    if (((rc == Expected) || ...)) {
        return rc;
    }
    return check(rc, where);
}

// Throws Error{Errc::parse} for libtasn1 results other than ASN1_SUCCESS.
void check_asn1(int rc, const char* where, const char* detail = nullptr);

}  // namespace smime::gtls
