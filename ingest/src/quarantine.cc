#include "naskah/ingest/quarantine.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
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
    {"input.empty", "Berkas kosong (0 byte).",
     "Pindai atau salin ulang berkas lalu letakkan kembali di folder masuk.",
     "Scan or copy the file again and drop it into the inbox again."},
    {"input.unsupported-type", "Jenis berkas tidak didukung.",
     "Simpan sebagai PDF, TIFF, PNG atau JPEG lalu letakkan kembali.",
     "Save it as PDF, TIFF, PNG or JPEG and drop it again."},
    {"input.too-large", "Berkas terlalu besar (ukuran, jumlah halaman atau piksel per halaman).",
     "Pindai ulang dengan resolusi biasa (300 dpi) atau pecah menjadi beberapa berkas.",
     "Scan it again at a normal resolution (300 dpi) or split it into several files."},
    {"pdf.damaged", "Berkas PDF rusak dan tidak dapat dibaca.",
     "Buka dan simpan ulang PDF-nya, atau pindai ulang dokumennya.",
     "Open and save the PDF again, or scan the document again."},
    {"pdf.encrypted", "PDF dilindungi kata sandi.",
     "Hapus kata sandi (simpan ulang tanpa proteksi) lalu letakkan kembali.",
     "Remove the password (save it again unprotected) and drop it again."},
    {"image.damaged", "Gambar rusak dan tidak dapat dibaca.",
     "Pindai atau foto ulang halamannya lalu letakkan kembali.",
     "Scan or photograph the page again and drop it again."},
    {"ocr.failed", "Teks tidak dapat dibaca dari pindaian.",
     "Pindai ulang dengan lebih jelas (300 dpi, lurus, tanpa bayangan).",
     "Scan it again more clearly (300 dpi, straight, no shadows)."},
    {"extract.timeout", "Pembacaan berkas melebihi batas waktu.",
     "Pecah pindaian yang sangat panjang menjadi beberapa berkas, atau naikkan "
     "limits.timeout_seconds.",
     "Split a very long scan into several files, or raise limits.timeout_seconds."},
    {"extract.crashed",
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

// failed/NAME, or "NAME (2).pdf", "NAME (3).pdf"... if taken.
std::string free_name(const std::string& failed_dir, const std::string& name) {
  const fs::path p(name);
  const std::string stem = p.stem().string();
  const std::string ext = p.extension().string();
  std::string candidate = name;
  for (int n = 2; fs::exists(failed_dir + "/" + candidate); ++n) {
    candidate = stem + " (" + std::to_string(n) + ")" + ext;
  }
  return candidate;
}

Result<void> io_error(const std::string& where, const std::string& what) {
  return fail("io.write", what + ": " + std::strerror(errno), where);
}

// Another file system (an inbox on a network share): copy, sync, rename, then remove.
Result<void> move_across(const std::string& from, const std::string& to) {
  const std::string temp = to + ".moving";
  std::error_code ec;
  fs::copy_file(from, temp, fs::copy_options::overwrite_existing, ec);
  if (ec) return fail("io.write", "cannot copy the file into failed/: " + ec.message(), to);
  const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced || ::rename(temp.c_str(), to.c_str()) != 0) {
    auto error = io_error(to, "cannot finish the copy into failed/");
    ::unlink(temp.c_str());
    return error;
  }
  if (auto synced_folder = sync_folder(fs::path(to).parent_path().string()); !synced_folder) {
    return synced_folder;
  }
  if (::unlink(from.c_str()) != 0) return io_error(from, "cannot remove the file from the inbox");
  return {};
}

}  // namespace

nlohmann::ordered_json error_report(const Error& error, const std::string& path,
                                    const std::string& sha256) {
  const Advice& advice = advice_for(error.code);
  return {{"code", error.code},
          {"message", {{"id", advice.message_id}, {"en", error.message}}},
          {"action", {{"id", advice.action_id}, {"en", advice.action_en}}},
          {"time", utc_now_iso()},
          {"file", path},
          {"sha256",
           sha256.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(sha256)}};
}

Result<Quarantined> quarantine(const std::string& failed_dir, const std::string& path,
                               const Error& error, const std::string& sha256) {
  std::error_code ec;
  fs::create_directories(failed_dir, ec);
  if (ec) return fail("io.write", "cannot create the folder: " + ec.message(), failed_dir);
  const std::string name = free_name(failed_dir, fs::path(path).filename().string());
  Quarantined out{failed_dir + "/" + name, failed_dir + "/" + name + ".error.json"};
  const std::string report = error_report(error, path, sha256).dump(2) + "\n";
  if (auto written = write_file_atomic(out.report, report); !written) {
    return tl::unexpected(written.error());
  }
  if (::rename(path.c_str(), out.file.c_str()) == 0) {
    if (auto synced = sync_folder(failed_dir); !synced) return tl::unexpected(synced.error());
    if (auto synced = sync_folder(fs::path(path).parent_path().string()); !synced) {
      return tl::unexpected(synced.error());
    }
    return out;
  }
  if (errno != EXDEV)
    return tl::unexpected(io_error(path, "cannot move the file into failed/").error());
  if (auto moved = move_across(path, out.file); !moved) return tl::unexpected(moved.error());
  return out;
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
