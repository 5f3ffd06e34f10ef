// Object identifiers of CMS, as libtasn1 writes them (dotted text).
#pragma once

namespace smime::cms::oid {

inline constexpr const char* data = "1.2.840.113549.1.7.1";
inline constexpr const char* signed_data = "1.2.840.113549.1.7.2";
inline constexpr const char* enveloped_data = "1.2.840.113549.1.7.3";
inline constexpr const char* auth_enveloped_data = "1.2.840.113549.1.9.16.1.23";

inline constexpr const char* aes128_cbc = "2.16.840.1.101.3.4.1.2";
inline constexpr const char* aes192_cbc = "2.16.840.1.101.3.4.1.22";
inline constexpr const char* aes256_cbc = "2.16.840.1.101.3.4.1.42";
inline constexpr const char* aes128_gcm = "2.16.840.1.101.3.4.1.6";
inline constexpr const char* aes192_gcm = "2.16.840.1.101.3.4.1.26";
inline constexpr const char* aes256_gcm = "2.16.840.1.101.3.4.1.46";
inline constexpr const char* des3_cbc = "1.2.840.113549.3.7";
inline constexpr const char* rc2_cbc = "1.2.840.113549.3.2";

inline constexpr const char* aes128_wrap = "2.16.840.1.101.3.4.1.5";
inline constexpr const char* aes192_wrap = "2.16.840.1.101.3.4.1.25";
inline constexpr const char* aes256_wrap = "2.16.840.1.101.3.4.1.45";

inline constexpr const char* rsa_encryption = "1.2.840.113549.1.1.1";
inline constexpr const char* rsaes_oaep = "1.2.840.113549.1.1.7";
inline constexpr const char* mgf1 = "1.2.840.113549.1.1.8";
inline constexpr const char* p_specified = "1.2.840.113549.1.1.9";

inline constexpr const char* sha1 = "1.3.14.3.2.26";
inline constexpr const char* sha224 = "2.16.840.1.101.3.4.2.4";
inline constexpr const char* sha256 = "2.16.840.1.101.3.4.2.1";
inline constexpr const char* sha384 = "2.16.840.1.101.3.4.2.2";
inline constexpr const char* sha512 = "2.16.840.1.101.3.4.2.3";

inline constexpr const char* ec_public_key = "1.2.840.10045.2.1";
inline constexpr const char* secp256r1 = "1.2.840.10045.3.1.7";
inline constexpr const char* secp384r1 = "1.3.132.0.34";
inline constexpr const char* secp521r1 = "1.3.132.0.35";

// RFC 5753 / SEC 1 key agreement schemes (the KDF hash is in the name).
inline constexpr const char* std_dh_sha1kdf = "1.3.133.16.840.63.0.2";
inline constexpr const char* cofactor_dh_sha1kdf = "1.3.133.16.840.63.0.3";
inline constexpr const char* std_dh_sha224kdf = "1.3.132.1.11.0";
inline constexpr const char* std_dh_sha256kdf = "1.3.132.1.11.1";
inline constexpr const char* std_dh_sha384kdf = "1.3.132.1.11.2";
inline constexpr const char* std_dh_sha512kdf = "1.3.132.1.11.3";
inline constexpr const char* cofactor_dh_sha224kdf = "1.3.132.1.14.0";
inline constexpr const char* cofactor_dh_sha256kdf = "1.3.132.1.14.1";
inline constexpr const char* cofactor_dh_sha384kdf = "1.3.132.1.14.2";
inline constexpr const char* cofactor_dh_sha512kdf = "1.3.132.1.14.3";

}  // namespace smime::cms::oid
