// Every subcommand: its options, its CLI11 set-up and its run function
// (one .cpp per subcommand, CLI11's subcom_in_files pattern).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <smime/context.hpp>
#include <smime/error.hpp>

#include "message_args.hpp"
#include "passphrase_option.hpp"

namespace smime::cli {

struct ImportCertOptions {
    std::vector<std::string> files;
    PassphraseOptions passphrase;
    bool trust = false;
    bool strong_protection = false;
};
CLI::App* setup_import_cert(CLI::App& app, ImportCertOptions& options);
int run_import_cert(const ImportCertOptions& options, Context& ctx);

struct ImportKeyOptions {
    std::vector<std::string> files;
    PassphraseOptions passphrase;
    bool strong_protection = false;
};
CLI::App* setup_import_key(CLI::App& app, ImportKeyOptions& options);
int run_import_key(const ImportKeyOptions& options, Context& ctx);

struct ImportCrlOptions {
    std::vector<std::string> files;
};
CLI::App* setup_import_crl(CLI::App& app, ImportCrlOptions& options);
int run_import_crl(const ImportCrlOptions& options, Context& ctx);

struct ListOptions {
    std::string query;
    bool secret = false;
};
CLI::App* setup_list(CLI::App& app, ListOptions& options);
int run_list(const ListOptions& options, Context& ctx);

struct ExportOptions {
    std::string query;
    bool der = false;
};
CLI::App* setup_export(CLI::App& app, ExportOptions& options);
int run_export(const ExportOptions& options, Context& ctx);

struct DeleteOptions {
    std::string query;
    bool secret_only = false;
    bool yes = false;
};
CLI::App* setup_delete(CLI::App& app, DeleteOptions& options);
int run_delete(const DeleteOptions& options, Context& ctx);

struct TrustOptions {
    std::string query;
    bool remove = false;
};
CLI::App* setup_trust(CLI::App& app, TrustOptions& options);
int run_trust(const TrustOptions& options, Context& ctx);

struct CheckOptions {};
CLI::App* setup_check(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options, Context& ctx);

struct SignOptions {
    MessageArgs messages;  // FILE, or --batch PATH...
    std::string from;
    bool opaque = false;
    bool require = false;
    std::string digest;
    bool pss = false;
    PassphraseOptions passphrase;
};
CLI::App* setup_sign(CLI::App& app, SignOptions& options);
int run_sign(const SignOptions& options, Context& ctx);

struct VerifyOptions {
    MessageArgs messages;  // FILE, or --batch PATH...
    bool status_only = false;
    bool learn = false;
    bool system_trust = false;
    bool no_system_trust = false;
    bool no_sender_check = false;
    bool require_crl = false;
    std::string at;
};
CLI::App* setup_verify(CLI::App& app, VerifyOptions& options);
// setup_error: smime.conf could not be read; verify still passes the message through.
int run_verify(const VerifyOptions& options, Context& ctx, const std::optional<Error>& setup_error);

struct EncryptOptions {
    MessageArgs messages;  // FILE, or --batch PATH...
    std::vector<std::string> to;
    bool sign = false;
    bool require_sign = false;
    std::string from;
    std::string policy = "required";
    std::string cipher;
    bool oaep = false;
    bool require_trusted = false;
    bool protect_headers = false;
    std::string digest;
    PassphraseOptions passphrase;
};
CLI::App* setup_encrypt(CLI::App& app, EncryptOptions& options);
int run_encrypt(const EncryptOptions& options, Context& ctx);

struct DecryptOptions {
    MessageArgs messages;  // FILE, or --batch PATH...
    PassphraseOptions passphrase;
    bool system_trust = false;
    bool no_system_trust = false;
    bool no_sender_check = false;
};
CLI::App* setup_decrypt(CLI::App& app, DecryptOptions& options);
int run_decrypt(const DecryptOptions& options, Context& ctx, const std::optional<Error>& setup_error);

struct SendNotificationOptions {
    std::vector<std::string> to;
    std::string recipients_file;
    std::string subject;
    std::string html;
    std::string text;
    std::string encryption = "none";
    std::string from;
    std::string sendmail;
    std::string smtp;
    std::string smtp_user;
    std::string smtp_password_file;
    std::string smtp_ca;
    long smtp_timeout = 30;
    bool smtp_allow_plaintext = false;
    long sendmail_timeout = 120;
    std::string output_dir;
    PassphraseOptions passphrase;
    std::string cipher;
};
CLI::App* setup_send_notification(CLI::App& app, SendNotificationOptions& options);
int run_send_notification(const SendNotificationOptions& options, Context& ctx);

}  // namespace smime::cli
