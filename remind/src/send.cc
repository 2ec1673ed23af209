// Sending a digest: an e-mail over SMTP (STARTTLS, login) or a JSON POST, with libcurl.
#include <sodium.h>

#include <ctime>
#include <memory>

#include "naskah/core/curl_api.h"
#include "naskah/remind/remind.h"

namespace naskah::remind {
namespace {

constexpr const char* k_send_failed = codes::k_remind_send_failed;

const CurlApi& lib() {
  return *curl_api();
}

std::string base64(std::string_view bytes) {
  if (bytes.empty()) return {};
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// A header value that may hold any UTF-8: RFC 2047's encoded word, in 45-byte pieces so no
// line runs over 78 characters (pieces cut between whole UTF-8 characters).
std::string encoded_header(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(at + 45, text.size());
    while (end < text.size() && end > at &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
           base64(std::string_view(text).substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

// The body, in base64 lines of 76 characters: 8-bit text reaches any server unchanged.
std::string encoded_body(const std::string& text) {
  std::string crlf;
  for (const char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::string b64 = base64(crlf);
  std::string out;
  for (std::size_t at = 0; at < b64.size(); at += 76) out += b64.substr(at, 76) + "\r\n";
  return out;
}

std::string rfc2822_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

std::string message_id(const std::string& from) {
  unsigned char random[12];
  randombytes_buf(random, sizeof random);
  std::string hex;
  for (const unsigned char b : random) {
    static constexpr char k_digits[] = "0123456789abcdef";
    hex += k_digits[b >> 4];
    hex += k_digits[b & 15];
  }
  const auto at = from.find('@');
  return "<" + hex + "." + std::to_string(std::time(nullptr)) + "@" +
         (at == std::string::npos ? std::string("naskah") : from.substr(at + 1)) + ">";
}

// Header fields come from the settings; a line break in one would add a header.
bool one_line(const std::string& text) {
  return text.find_first_of("\r\n") == std::string::npos;
}

struct Upload {
  std::string data;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data.size() - up->at);
  std::copy_n(up->data.data() + up->at, n, buffer);
  up->at += n;
  return n;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

// Options both channels set: TLS checked, time bounded, no signals.
void common_options(CURL* curl, const std::string& ca_file, int timeout_seconds, char* error) {
  lib().easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  lib().easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  lib().easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!ca_file.empty()) lib().easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
  lib().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(timeout_seconds, 30)));
  lib().easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  lib().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  lib().easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  error[0] = '\0';
}

tl::unexpected<Error> failed(const std::string& where, CURLcode code, const char* detail) {
  std::string why = lib().easy_strerror(code);
  if (detail != nullptr && detail[0] != '\0') why += " (" + std::string(detail) + ")";
  return fail(k_send_failed,
              "could not send to " + where + ": " + why + "; it is sent again on the next run",
              where);
}

// Refuses any other protocol (a redirect or a URL to file:// or the like); checked, as a
// libcurl older than 7.85 would ignore it.
Result<void> only_protocols(CURL* curl, const char* protocols) {
  if (lib().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK) {
    return fail(k_send_failed, "this libcurl cannot restrict protocols; it needs 7.85 or newer");
  }
  return {};
}

// smtp://localhost:25, smtp://127.0.0.1, smtp://[::1]: a relay on this machine.
bool loopback(const std::string& url) {
  const std::string rest = url.substr(url.find("://") + 3);
  for (const char* host : {"localhost", "127.0.0.1", "[::1]"}) {
    const std::string h = host;
    if (rest.compare(0, h.size(), h) == 0 &&
        (rest.size() == h.size() || rest[h.size()] == ':' || rest[h.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// One transfer's handle, with what both channels set: TLS checked, time bounded, no
// signals, an error buffer.
class Transfer {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Transfer>> open(const std::string& ca_file,
                                                              int timeout_seconds) {
    std::string why;
    if (curl_api(&why) == nullptr) return fail(k_send_failed, "libcurl cannot be opened:" + why);
    auto t = std::unique_ptr<Transfer>(new Transfer());
    if (t->curl == nullptr) return fail(k_send_failed, "libcurl could not make a handle");
    common_options(t->curl, ca_file, timeout_seconds, t->error);
    return t;
  }
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (curl != nullptr) lib().easy_cleanup(curl);
  }
  CURL* curl;
  char error[CURL_ERROR_SIZE];

 private:
  Transfer() : curl(lib().easy_init()) {}
};

}  // namespace

Result<void> send_email(const Smtp& smtp, const std::string& ca_file, int timeout_seconds,
                        const std::string& to, const std::string& subject,
                        const std::string& text) {
  if (smtp.url.empty()) {
    return fail(k_send_failed, "no mail server: set remind.smtp_url to send to " + to);
  }
  if (!smtp.url.starts_with("smtp://") && !smtp.url.starts_with("smtps://")) {
    return fail(k_send_failed, "remind.smtp_url must start with smtp:// or smtps://", smtp.url);
  }
  if (smtp.from.empty() || !one_line(smtp.from) || !one_line(to)) {
    return fail(k_send_failed, "set remind.smtp_from to the sender's address (one line)");
  }
  auto transfer = Transfer::open(ca_file, timeout_seconds);
  if (!transfer) return tl::unexpected(transfer.error());
  CURL* curl = (*transfer)->curl;
  const char* error = (*transfer)->error;
  if (auto limited = only_protocols(curl, "smtp,smtps"); !limited) return limited;
  // A login goes over TLS, or to a relay on this machine.
  if (!smtp.user.empty() && !smtp.starttls && smtp.url.starts_with("smtp://") &&
      !loopback(smtp.url)) {
    return fail(k_send_failed,
                "remind.smtp_security is none, and the password would cross the network in "
                "clear: use starttls or smtps://, or a relay on this machine",
                smtp.url);
  }
  lib().easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
  // STARTTLS or nothing: a server (or a man in the middle) that does not offer it is refused
  // rather than sent the password in clear.
  if (smtp.starttls || smtp.url.starts_with("smtps://")) {
    lib().easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!smtp.user.empty()) {
    lib().easy_setopt(curl, CURLOPT_USERNAME, smtp.user.c_str());
    lib().easy_setopt(curl, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  const std::string from = "<" + smtp.from + ">";
  lib().easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  CurlList recipients;
  recipients.add("<" + to + ">");
  lib().easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.list);
  Upload message;
  message.data = "Date: " + rfc2822_now() + "\r\nFrom: naskah <" + smtp.from + ">\r\nTo: <" + to +
                 ">\r\nSubject: " + encoded_header(subject) +
                 "\r\nMessage-ID: " + message_id(smtp.from) +
                 "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n" +
                 encoded_body(text);
  lib().easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  lib().easy_setopt(curl, CURLOPT_READDATA, &message);
  lib().easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  const CURLcode code = lib().easy_perform(curl);
  if (code != CURLE_OK) return failed(smtp.url + " for " + to, code, error);
  return {};
}

Result<void> send_webhook(const std::string& url, const std::string& ca_file, int timeout_seconds,
                          const std::string& json) {
  auto transfer = Transfer::open(ca_file, timeout_seconds);
  if (!transfer) return tl::unexpected(transfer.error());
  CURL* curl = (*transfer)->curl;
  const char* error = (*transfer)->error;
  if (auto limited = only_protocols(curl, "http,https"); !limited) return limited;
  lib().easy_setopt(curl, CURLOPT_URL, url.c_str());
  lib().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a POST is not re-sent elsewhere
  CurlList headers;
  headers.add("Content-Type: application/json; charset=utf-8");
  headers.add("User-Agent: naskah-remind");
  lib().easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  lib().easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());
  lib().easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json.size()));
  lib().easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  const CURLcode code = lib().easy_perform(curl);
  const std::string shown = Recipient{"", "", url, {}}.channel();
  if (code != CURLE_OK) return failed(shown, code, error);
  long status = 0;
  lib().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return fail(k_send_failed,
                "could not send to " + shown + ": it answered HTTP " + std::to_string(status) +
                    "; it is sent again on the next run",
                shown);
  }
  return {};
}

}  // namespace naskah::remind
