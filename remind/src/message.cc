// The digest in words: an e-mail in Indonesian with links, and the webhook's JSON.
#include <array>

#include "naskah/core/clock.h"
#include "naskah/remind/remind.h"

namespace naskah::remind {
namespace {

// "2027-04-06" -> "6 April 2027".
std::string long_date(const std::string& iso) {
  static constexpr std::array<const char*, 12> k_months = {
      "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
      "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  if (iso.size() != 10) return iso;
  const int month = std::stoi(iso.substr(5, 2));
  if (month < 1 || month > 12) return iso;
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " + k_months[month - 1] + " " +
         iso.substr(0, 4);
}

std::string kind_of(const AgreementRecord& r) {
  const std::string type = r.doc_type.value_or("");
  if (type == "mou") return "Nota Kesepahaman";
  if (type == "pks") return "Perjanjian Kerja Sama";
  if (type == "addendum") return "Adendum";
  return "Naskah kerja sama";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

std::vector<std::string> party_names(const AgreementRecord& r) {
  std::vector<std::string> names;
  for (const Party& p : r.parties) names.push_back(p.name);
  return names;
}

std::string link_of(const Options& options, const AgreementRecord& r) {
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/agreement/" + r.sha256;
}

std::string item_text(const Item& item, std::size_t number, bool ended, const Options& options) {
  const AgreementRecord& r = item.record;
  std::string text =
      std::to_string(number) + ". " + kind_of(r) + " — " + r.title.value_or("(tanpa judul)") + "\n";
  if (!r.numbers.empty()) text += "   Nomor: " + joined(r.numbers) + "\n";
  if (!r.parties.empty()) text += "   Pihak: " + joined(party_names(r)) + "\n";
  if (r.office) text += "   Unit: " + *r.office + "\n";
  std::string when;
  if (ended) {
    when = item.days == 1 ? "kemarin" : std::to_string(item.days) + " hari yang lalu";
  } else {
    when = item.days == 0 ? "hari ini" : std::to_string(item.days) + " hari lagi";
  }
  text += "   Berakhir: " + long_date(item.end) + " (" + when + ")\n";
  text += "   " + link_of(options, r) + "\n";
  return text;
}

nlohmann::ordered_json item_json(const Item& item, bool ended, const Options& options) {
  const AgreementRecord& r = item.record;
  nlohmann::ordered_json j = {
      {"id", r.sha256},
      {"doc_type", r.doc_type ? nlohmann::ordered_json(*r.doc_type) : nullptr},
      {"title", r.title ? nlohmann::ordered_json(*r.title) : nullptr},
      {"numbers", r.numbers},
      {"parties", party_names(r)},
      {"office", r.office ? nlohmann::ordered_json(*r.office) : nullptr},
      {"end_date", item.end}};
  if (ended) {
    j["days_since"] = item.days;
  } else {
    j["days_left"] = item.days;
    j["window"] = item.window;
  }
  j["link"] = link_of(options, r);
  return j;
}

}  // namespace

void compose(Digest& d, const Options& options) {
  const std::string today = options.today.empty() ? today_iso() : options.today;
  const Recipient& to = d.recipient;
  std::vector<std::string> counts;
  if (!d.ending.empty()) {
    counts.push_back(std::to_string(d.ending.size()) + " naskah kerja sama akan berakhir");
  }
  if (!d.ended.empty()) counts.push_back(std::to_string(d.ended.size()) + " telah berakhir");
  d.subject = "[naskah] " + counts.front() + (counts.size() > 1 ? ", " + counts.back() : "");

  std::string text =
      "Yth. " +
      (to.name.empty() ? (to.email.empty() ? std::string("Bapak/Ibu") : to.email) : to.name) +
      ",\n\nBerikut naskah kerja sama yang perlu ditindaklanjuti per " + long_date(today) + ".\n";
  if (!d.ending.empty()) {
    text += "\nAKAN BERAKHIR (" + std::to_string(d.ending.size()) + ")\n";
    for (std::size_t i = 0; i < d.ending.size(); ++i) {
      text += item_text(d.ending[i], i + 1, false, options);
    }
  }
  if (!d.ended.empty()) {
    text += "\nTELAH BERAKHIR (" + std::to_string(d.ended.size()) + ")\n";
    for (std::size_t i = 0; i < d.ended.size(); ++i) {
      text += item_text(d.ended[i], i + 1, true, options);
    }
  }
  text +=
      "\nUntuk melanjutkan kerja sama, siapkan adendum perpanjangan atau naskah baru sebelum "
      "tanggal berakhir.\n\n-- \nPesan ini dikirim otomatis oleh naskah; setiap pengingat "
      "dikirim satu kali.\n";
  d.text = std::move(text);

  nlohmann::ordered_json ending = nlohmann::ordered_json::array();
  for (const Item& item : d.ending) ending.push_back(item_json(item, false, options));
  nlohmann::ordered_json ended = nlohmann::ordered_json::array();
  for (const Item& item : d.ended) ended.push_back(item_json(item, true, options));
  d.json = {{"schema", "naskah.reminder/1"},
            {"today", today},
            {"recipient", {{"name", to.name}, {"channel", to.channel()}, {"offices", to.offices}}},
            {"subject", d.subject},
            {"ending", ending},
            {"ended", ended},
            {"text", d.text}};
}

}  // namespace naskah::remind
