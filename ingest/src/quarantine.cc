#include "naskah/ingest/quarantine.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>

#include "naskah/core/clock.h"
#include "naskah/core/file.h"

namespace naskah::ingest {
namespace fs = std::filesystem;
namespace {

// What a refusal means, for an operator who reads Indonesian or English.
struct Advice {
  const char* code;
  const char* message_id;  // what is wrong, in Indonesian
  const char* action_id;   // what to do, in Indonesian
  const char* action_en;   // what to do, in English
};

constexpr Advice k_advice[] = {
    {codes::k_input_empty, "Berkas kosong (0 byte).",
     "Pindai atau salin ulang berkas lalu letakkan kembali di folder masuk.",
     "Scan or copy the file again and drop it into the inbox again."},
    {codes::k_input_unsupported, "Jenis berkas tidak didukung.",
     "Simpan sebagai PDF, TIFF, PNG atau JPEG lalu letakkan kembali.",
     "Save it as PDF, TIFF, PNG or JPEG and drop it again."},
    {codes::k_input_symlink,
     "Ini tautan (symlink) ke tempat lain, bukan berkas; tautan tidak pernah diikuti.",
     "Salin berkasnya sendiri (bukan tautannya) ke folder masuk.",
     "Copy the file itself (not a link to it) into the inbox."},
    {codes::k_input_not_a_file, "Ini bukan berkas (pipa, soket atau perangkat).",
     "Salin dokumennya sendiri sebagai berkas ke folder masuk.",
     "Copy the document itself, as a file, into the inbox."},
    {codes::k_input_too_large,
     "Berkas terlalu besar (ukuran, jumlah halaman atau piksel per halaman).",
     "Pindai ulang dengan resolusi biasa (300 dpi) atau pecah menjadi beberapa berkas.",
     "Scan it again at a normal resolution (300 dpi) or split it into several files."},
    {codes::k_pdf_damaged, "Berkas PDF rusak dan tidak dapat dibaca.",
     "Buka dan simpan ulang PDF-nya, atau pindai ulang dokumennya.",
     "Open and save the PDF again, or scan the document again."},
    {codes::k_pdf_encrypted, "PDF dilindungi kata sandi.",
     "Hapus kata sandi (simpan ulang tanpa proteksi) lalu letakkan kembali.",
     "Remove the password (save it again unprotected) and drop it again."},
    {codes::k_image_damaged, "Gambar rusak dan tidak dapat dibaca.",
     "Pindai atau foto ulang halamannya lalu letakkan kembali.",
     "Scan or photograph the page again and drop it again."},
    {codes::k_ocr_failed, "Teks tidak dapat dibaca dari pindaian.",
     "Pindai ulang dengan lebih jelas (300 dpi, lurus, tanpa bayangan).",
     "Scan it again more clearly (300 dpi, straight, no shadows)."},
    {codes::k_extract_timeout, "Pembacaan berkas melebihi batas waktu.",
     "Pecah pindaian yang sangat panjang menjadi beberapa berkas, atau naikkan "
     "limits.timeout_seconds.",
     "Split a very long scan into several files, or raise limits.timeout_seconds."},
    {codes::k_extract_crashed,
     "Proses pembaca berhenti saat membaca berkas ini (berkas rusak atau "
     "berbahaya).",
     "Buka berkas di komputer yang aman, simpan atau pindai ulang, lalu letakkan kembali.",
     "Open the file on a safe machine, save or scan it again, and drop it again."},
};

constexpr Advice k_general = {"", "Berkas ditolak.",
                              "Periksa berkas, perbaiki, lalu letakkan kembali di folder masuk.",
                              "Check the file, fix it, and drop it into the inbox again."};

const Advice& advice_for(const std::string& code) {
  for (const Advice& a : k_advice) {
    if (code == a.code) return a;
  }
  return k_general;
}

constexpr int k_max_copies = 1000;

tl::unexpected<Error> io_error(const std::string& where, const std::string& what) {
  return fail(codes::k_io_write, what + ": " + std::strerror(errno), printable(where));
}

// A temporary file in failed/ that goes when this goes (whatever path is taken out).
struct Temp {
  std::string path;
  ~Temp() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

// Another file system (an inbox on a network share): the entry copied into `temp` in
// failed/ and synced. A link is copied as a link and a pipe as a pipe: neither is followed
// or opened; a socket or a device is not copied at all (nothing in them is a document).
Result<bool> copy_across(const std::string& from, const std::string& temp) {
  struct stat st {};
  if (::lstat(from.c_str(), &st) != 0) return io_error(from, "cannot look at the file");
  if (S_ISLNK(st.st_mode)) {
    std::string target(static_cast<std::size_t>(PATH_MAX), '\0');
    const ssize_t n = ::readlink(from.c_str(), target.data(), target.size());
    if (n < 0 ||
        ::symlink(target.substr(0, static_cast<std::size_t>(n)).c_str(), temp.c_str()) != 0) {
      return io_error(from, "cannot copy the link into failed/");
    }
    return true;
  }
  if (S_ISFIFO(st.st_mode)) {
    if (::mkfifo(temp.c_str(), 0644) != 0)
      return io_error(from, "cannot copy the pipe into failed/");
    return true;
  }
  if (!S_ISREG(st.st_mode)) return false;
  std::error_code ec;
  fs::copy_file(from, temp, fs::copy_options::overwrite_existing, ec);
  if (ec)
    return fail(codes::k_io_write, "cannot copy the file into failed/: " + ec.message(),
                printable(from));
  const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) return io_error(temp, "cannot sync the copy in failed/");
  return true;
}

}  // namespace

nlohmann::ordered_json error_report(const Error& error, const std::string& path,
                                    const std::string& sha256) {
  const Advice& advice = advice_for(error.code);
  return {{"code", error.code},
          {"message", {{"id", advice.message_id}, {"en", error.message}}},
          {"action", {{"id", advice.action_id}, {"en", advice.action_en}}},
          {"time", utc_now_iso()},
          {"file", printable(path)},
          {"sha256",
           sha256.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(sha256)}};
}

Result<Quarantined> quarantine(const std::string& failed_dir, const std::string& path,
                               const Error& error, const std::string& sha256) {
  std::error_code ec;
  fs::create_directories(failed_dir, ec);
  if (ec) return fail(codes::k_io_write, "cannot create the folder: " + ec.message(), failed_dir);
  // The report is written first, under a hidden temporary name, and claims its NAME by a
  // hard link, which another process refusing a file of the same name cannot take too;
  // then the file follows under that NAME. A crash in between leaves the file in the inbox,
  // to be refused again (and a report without its file, which find_refusal tolerates).
  Temp report{failed_dir + "/.report-XXXXXX"};
  {
    const int fd = ::mkstemp(report.path.data());
    if (fd < 0) {
      report.path.clear();
      return io_error(failed_dir, "cannot write the report");
    }
    ::close(fd);
  }
  const std::string text = error_report(error, path, sha256).dump(2) + "\n";
  if (auto written = write_file_atomic(report.path, text); !written) {
    return tl::unexpected(written.error());
  }
  // Across file systems the entry is copied in first, under a hidden name, then named.
  Temp copied;
  std::string from = path;
  bool nothing_to_move = false;  // a socket or a device on another file system
  const std::string name = fs::path(path).filename().string();
  for (int n = 1; n <= k_max_copies; ++n) {
    const std::string candidate = numbered_name(name, n);
    Quarantined out{failed_dir + "/" + candidate, failed_dir + "/" + candidate + ".error.json"};
    if (::link(report.path.c_str(), out.report.c_str()) != 0) {
      if (errno == EEXIST) continue;
      return io_error(out.report, "cannot write the report");
    }
    int moved = rename_no_replace(from, out.file);
    if (moved == EXDEV && from == path) {
      copied.path = failed_dir + "/.moving-" + std::to_string(::getpid());
      auto copy = copy_across(path, copied.path);
      if (!copy) {
        copied.path.clear();
        ::unlink(out.report.c_str());
        return tl::unexpected(copy.error());
      }
      nothing_to_move = !*copy;
      if (nothing_to_move) copied.path.clear();
      from = copied.path;
      moved = nothing_to_move ? 0 : rename_no_replace(from, out.file);
    }
    if (moved == EEXIST) {  // a file of that name without its report: leave both alone
      ::unlink(out.report.c_str());
      continue;
    }
    if (moved != 0) {
      ::unlink(out.report.c_str());
      errno = moved;
      return io_error(path, "cannot move the file into failed/");
    }
    if (from != path) {  // copied across: now the inbox's entry may go
      copied.path.clear();
      if (::unlink(path.c_str()) != 0) {
        return io_error(path, "cannot remove the file from the inbox");
      }
    }
    if (auto synced = sync_folder(failed_dir); !synced) return tl::unexpected(synced.error());
    if (auto synced = sync_folder(fs::path(path).parent_path().string()); !synced) {
      return tl::unexpected(synced.error());
    }
    return out;
  }
  return fail(codes::k_io_write,
              "more than " + std::to_string(k_max_copies) + " refused files are named like " +
                  printable(name) + "; move some out of failed/",
              failed_dir);
}

std::optional<nlohmann::json> find_refusal(const std::string& failed_dir,
                                          const std::string& sha256) {
  std::error_code ec;
  for (fs::directory_iterator it(failed_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.ends_with(".error.json")) continue;
    auto text = read_file(it->path().string(), 1024 * 1024);
    if (!text) continue;
    auto report = nlohmann::json::parse(*text, nullptr, false);
    if (report.is_object() && report.value("sha256", nlohmann::json()) == sha256) return report;
  }
  return std::nullopt;
}

}  // namespace naskah::ingest
