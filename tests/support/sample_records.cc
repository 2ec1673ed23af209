#include "sample_records.h"

#include <filesystem>

#include <unistd.h>

#include "naskah/core/sha256.h"

namespace naskah::test {

AgreementRecord make_record(const std::string& key, const std::string& doc_type,
                            const std::string& title, const std::vector<std::string>& parties,
                            const std::vector<std::string>& numbers,
                            const std::string& signed_date, const std::string& end_date,
                            const std::string& body) {
  AgreementRecord r;
  r.sha256 = sha256_hex(key);
  r.source.path = key + ".pdf";
  r.source.bytes = 1000;
  r.source.mime = "application/pdf";
  r.pages = 2;
  r.language = "id";
  r.doc_type = doc_type;
  if (!title.empty()) r.title = title;
  std::string heading = doc_type == "mou" ? "NOTA KESEPAHAMAN\nANTARA\n" : "PERJANJIAN KERJA SAMA\nANTARA\n";
  for (std::size_t i = 0; i < parties.size(); ++i) {
    r.parties.push_back({parties[i], i == 0 ? "first" : "second", std::nullopt, std::nullopt});
    heading += (i ? "DENGAN\n" : "") + parties[i] + "\n";
  }
  r.numbers = numbers;
  if (!signed_date.empty()) r.signed_date = signed_date;
  if (!end_date.empty()) r.end_date = end_date;
  r.text = heading + "TENTANG\n" + title + "\nNOMOR: " + (numbers.empty() ? "" : numbers[0]) +
           "\n\n" + body;
  return r;
}

std::string temp_folder(const std::string& name) {
  const auto base = std::filesystem::temp_directory_path() /
                    ("naskah-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  std::filesystem::create_directories(base);
  return base.string();
}

}  // namespace naskah::test
