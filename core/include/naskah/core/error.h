// Error and Result: how every naskah function reports a failure caused by its input or
// its environment. A refused document is a normal outcome, not an exception.
// Values are plain data and safe to copy between threads.
#pragma once

#include <string>

#include <tl/expected.hpp>

namespace naskah {

// One failure: `code` is the dotted CONTRACT.md code ("pdf.encrypted"), `message` says in
// plain words what is wrong and what the operator can do, `where` names the stage or file.
struct Error {
  std::string code;
  std::string message;
  std::string where;

  // True for failures that mean "this input was refused" (exit code 3), as opposed to
  // failures of the program or its environment (exit code 1).
  [[nodiscard]] bool is_refusal() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Shorthand for returning a failure: `return fail("pdf.damaged", "...")`.
[[nodiscard]] tl::unexpected<Error> fail(std::string code, std::string message,
                                         std::string where = {});

// Error codes used in more than one module; the single place where they are spelled.
namespace codes {
inline constexpr const char* k_input_empty = "input.empty";
inline constexpr const char* k_input_unsupported = "input.unsupported-type";
inline constexpr const char* k_input_too_large = "input.too-large";
inline constexpr const char* k_input_unreadable = "input.unreadable";
// A link found where files are taken (an inbox, a folder): never followed, refused.
inline constexpr const char* k_input_symlink = "input.symlink";
// A FIFO, a socket or a device where files are taken: refused, never opened for reading.
inline constexpr const char* k_input_not_a_file = "input.not-a-file";
inline constexpr const char* k_pdf_damaged = "pdf.damaged";
inline constexpr const char* k_pdf_encrypted = "pdf.encrypted";
inline constexpr const char* k_image_damaged = "image.damaged";
inline constexpr const char* k_ocr_failed = "ocr.failed";
inline constexpr const char* k_extract_timeout = "extract.timeout";
inline constexpr const char* k_extract_crashed = "extract.crashed";
inline constexpr const char* k_index_locked = "index.locked";
inline constexpr const char* k_index_missing = "index.missing";          // nothing indexed yet
inline constexpr const char* k_index_unavailable = "index.unavailable";  // a shard not answering
inline constexpr const char* k_index_damaged = "index.damaged";
// Writing into the data folder (or a download or inbox folder) failed.
inline constexpr const char* k_io_write = "io.write";
// The file changed while it was read (still being written): not a refusal, taken again.
inline constexpr const char* k_file_changed = "file.changed";
inline constexpr const char* k_config_invalid = "config.invalid";
// naskah remind (remind/remind.h): another run holds the lock; a mail server or webhook
// did not take a digest (sent again on the next run); the record of what was sent is damaged.
inline constexpr const char* k_remind_busy = "remind.busy";
inline constexpr const char* k_remind_send_failed = "remind.send-failed";
inline constexpr const char* k_remind_state_damaged = "remind.state-damaged";
inline constexpr const char* k_usage_invalid = "usage.invalid";
inline constexpr const char* k_internal = "internal";
}  // namespace codes

}  // namespace naskah
